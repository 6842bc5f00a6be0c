// name: load.lease_release
// description: Gives the writer lease up, if the caller holds it.
// param: owner string — the holder
// returns: nothing
MATCH (l:WriterLease {name: 'load'})
WHERE l.owner = $owner
DELETE l
