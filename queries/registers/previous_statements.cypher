// name: registers.previous_statements
// description: What a register's source said about each resource in its current release: the per-source statements the writer keeps on the node (graph/provenance.py).
// param: key string — the source key of the register's family
// returns: iri, said
MATCH (n:Resource)
WHERE n['_by:' + $key] IS NOT NULL
RETURN n.iri AS iri, n['_by:' + $key] AS said
