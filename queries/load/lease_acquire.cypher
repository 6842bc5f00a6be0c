// name: load.lease_acquire
// description: Takes the database's writer lease when it is free, expired or already ours; says who holds it otherwise. The write lock is taken before the lease is read, so two loads asking at once cannot both win.
// param: owner string — who asks (host, process id and a random part)
// param: what string — what the asker is loading, shown to loads that wait
// param: ms int — how long the lease lasts unless renewed, in milliseconds
// returns: acquired, owner, what, startedAt, expiresAt
MERGE (l:WriterLease {name: 'load'})
SET l.lockedBy = $owner
WITH l, (l.owner IS NULL OR l.owner = $owner OR l.expiresAt < datetime()) AS free
SET l += CASE WHEN free
  THEN {owner: $owner, what: $what, startedAt: datetime(),
        expiresAt: datetime() + duration({milliseconds: $ms})}
  ELSE {} END
REMOVE l.lockedBy
RETURN free AS acquired, l.owner AS owner, l.what AS what,
       toString(l.startedAt) AS startedAt, toString(l.expiresAt) AS expiresAt
