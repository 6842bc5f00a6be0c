// name: load.bulk_database_empty
// description: Whether the database holds no node at all: a bulk load only fills a new or empty database.
// returns: empty
MATCH (n)
RETURN count(n) = 0 AS empty
