// name: load.lease_renew
// description: Extends the writer lease if the caller still holds it; renewed is false when it was lost.
// param: owner string — the holder
// param: ms int — new time to live, in milliseconds
// returns: renewed
OPTIONAL MATCH (l:WriterLease {name: 'load'})
WHERE l.owner = $owner
SET l.expiresAt = datetime() + duration({milliseconds: $ms})
RETURN l IS NOT NULL AS renewed
