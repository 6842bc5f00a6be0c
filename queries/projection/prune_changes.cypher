// name: projection.prune_changes
// description: Drops change records nobody needs any more: those of imports neither current nor under way, and those of imports that finished longer ago than a projection is expected to lag (one that lags more rebuilds).
// param: keep_hours int — how long a finished import's records are kept
// returns: deleted
MATCH (c:ProjectionChange)
OPTIONAL MATCH (i:Import {id: c.import})
WITH c, i
WHERE i IS NULL
   OR (NOT coalesce(i.current, false) AND NOT i.status IN ['running', 'interrupted'])
   OR i.finishedAt < datetime() - duration({hours: $keep_hours})
DELETE c
RETURN count(*) AS deleted
