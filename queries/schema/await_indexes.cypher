// name: schema.await_indexes
// description: Waits until every index is online (populated), at most ten minutes: after a bulk import the indexes are built from the imported data.
// returns: nothing
CALL db.awaitIndexes(600)
