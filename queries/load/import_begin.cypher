// name: load.import_begin
// description: Finds or creates the Import node of one version of a source.
// param: id string — import id (source and checksum)
// param: source string — source name
// param: checksum string — SHA-256 of the source
// param: format string — RDF format name
// param: at string — ISO timestamp
// returns: status, batches
MERGE (i:Import {id: $id})
ON CREATE SET i.source = $source, i.checksum = $checksum, i.format = $format,
              i.startedAt = datetime($at), i.status = 'running', i.batchesCommitted = 0,
              i.statementsLoaded = 0, i.rejected = 0
ON MATCH SET i.status = CASE WHEN i.status = 'complete' THEN 'complete' ELSE 'running' END,
             i.resumedAt = datetime($at)
RETURN i.status AS status, i.batchesCommitted AS batches
