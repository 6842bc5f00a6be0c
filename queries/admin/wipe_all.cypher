// name: admin.wipe_all
// description: Deletes every node and relationship, in batches so large graphs fit in memory. Tests and resets only.
// returns: nothing
MATCH (n)
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
