// name: load.delete_orphans
// description: Deletes resources that no source describes and nothing links to (left after a source shrank).
// returns: nothing
MATCH (n:Resource)
WHERE size(coalesce(n._sources, [])) = 0 AND NOT EXISTS { (n)--() }
CALL (n) { DELETE n } IN TRANSACTIONS OF 10000 ROWS
