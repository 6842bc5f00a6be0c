// name: load.stale_nodes_among
// description: Among the resources named, those whose statements from a source were not asserted again by its new import.
// param: key string — source key
// param: import_id string — the new import of the source
// param: iris list — the resources to check
// returns: iri
UNWIND $iris AS iri
MATCH (n:Resource {iri: iri})
WHERE n['_imp:' + $key] IS NOT NULL AND n['_imp:' + $key] <> $import_id
RETURN n.iri AS iri
