// name: load.stale_nodes
// description: Resources whose statements from a source were not asserted again by its new import.
// param: key string — source key
// param: import_id string — the new import of the source
// returns: iri
MATCH (n:Resource)
WHERE n['_imp:' + $key] IS NOT NULL AND n['_imp:' + $key] <> $import_id
RETURN n.iri AS iri
