// name: load.assert_relationships
// description: Records that a source (and this import of it) asserts relationships that already exist.
// param: rows list — maps with id (element id of the relationship), key (source key) and sources (the new list)
// param: import_id string — the import asserting them
// returns: nothing
UNWIND $rows AS row
MATCH ()-[r]->()
WHERE elementId(r) = row.id
SET r.sources = row.sources, r['_imp:' + row.key] = $import_id
