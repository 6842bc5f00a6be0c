// name: load.write_relationships
// description: Creates the relationships a batch asserts that do not exist yet, recording the source (and the import of it) asserting each.
// param: rows list — maps with s, type, o and sources (the keys of the sources asserting it)
// param: import_id string — the import asserting them
// returns: nothing
UNWIND $rows AS row
MATCH (a:Resource {iri: row.s})
MATCH (b:Resource {iri: row.o})
CREATE (a)-[r:$(row.type)]->(b)
SET r.sources = row.sources
FOREACH (key IN row.sources | SET r['_imp:' + key] = $import_id)
