// name: load.import_finish
// description: Marks an import complete and current; earlier imports of the same source stop being current, and unfinished ones become superseded (what they wrote was withdrawn, so they cannot be resumed); what was kept for resuming is dropped.
// param: id string — import id
// param: source string — source name
// param: at string — ISO timestamp
// param: summary string — JSON summary of the run
// returns: nothing
MATCH (i:Import {id: $id})
OPTIONAL MATCH (old:Import {source: $source}) WHERE old.id <> $id
SET old.current = false,
    old.status = CASE WHEN old.status = 'complete' THEN 'complete' ELSE 'superseded' END
REMOVE old.held
WITH DISTINCT i
SET i.status = 'complete', i.current = true, i.finishedAt = datetime($at), i.summary = $summary
REMOVE i.held
WITH i
OPTIONAL MATCH (r:ImportBatchReport)
WHERE r.import = i.id OR EXISTS { MATCH (:Import {id: r.import, source: $source}) }
DELETE r
