// name: erasure.set_bookkeeping
// description: Replaces text properties of import records and batch reports with their scrubbed text.
// param: rows list — maps with id (element id), key and value
// returns: nothing
UNWIND $rows AS row
MATCH (n) WHERE elementId(n) = row.id
SET n[row.key] = row.value
