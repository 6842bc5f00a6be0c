// name: http.graph_version
// description: What changes whenever the graph does, for the HTTP validators (ETag, Last-Modified): every import with its status, batches committed and finish time (a batch of a running import commits data too), and the node and relationship counts the store keeps (a wipe or a write outside an import shows there). Cheap: a few Import nodes and two count-store reads.
// returns: imports (list of 'id status batches finishedAt', sorted), modified (the latest finishedAt, or null), nodes, relationships
CALL () { OPTIONAL MATCH (i:Import)
          WITH i ORDER BY i.id
          RETURN collect(i.id + ' ' + coalesce(i.status, '') + ' '
                         + toString(coalesce(i.batchesCommitted, 0)) + ' '
                         + coalesce(toString(i.finishedAt), '')) AS imports,
                 max(i.finishedAt) AS modified }
CALL () { MATCH (n) RETURN count(n) AS nodes }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
RETURN imports, modified, nodes, relationships
