// name: admin.wipe_relationships
// description: Deletes every relationship in batches; run before admin.wipe_all when hubs hold so many relationships that deleting a batch of nodes with theirs would exceed the transaction memory limit. Tests and resets only.
// returns: nothing
MATCH ()-[r]->()
CALL (r) { DELETE r } IN TRANSACTIONS OF 20000 ROWS
