// name: load.bulk_untyped
// description: After a bulk import, gives the described resources without an asserted class the empty list of classes a normal load stores (the importer cannot write an empty list).
// returns: nothing
MATCH (n:Resource)
WHERE n._sources IS NOT NULL AND n._types IS NULL
CALL (n) {
  SET n._types = []
} IN TRANSACTIONS OF 10000 ROWS
