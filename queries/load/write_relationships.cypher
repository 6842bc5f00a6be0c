// name: load.write_relationships
// description: Merges relationships and records which source (and which import of it) asserted each.
// param: rows list — maps with s, type, o and key (the source key)
// param: import_id string — the import asserting them
// returns: nothing
UNWIND $rows AS row
MATCH (a:Resource {iri: row.s})
MATCH (b:Resource {iri: row.o})
MERGE (a)-[r:$(row.type)]->(b)
SET r.sources = CASE WHEN row.key IN coalesce(r.sources, []) THEN r.sources
                     ELSE coalesce(r.sources, []) + row.key END,
    r['_imp:' + row.key] = $import_id
