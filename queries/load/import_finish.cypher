// name: load.import_finish
// description: Marks an import complete and current; earlier imports of the same source stop being current; what was kept for a resume is dropped.
// param: id string — import id
// param: source string — source name
// param: at string — ISO timestamp
// param: summary string — JSON summary of the run
// returns: nothing
MATCH (i:Import {id: $id})
OPTIONAL MATCH (old:Import {source: $source, current: true}) WHERE old.id <> $id
SET old.current = false
WITH DISTINCT i
SET i.status = 'complete', i.current = true, i.finishedAt = datetime($at), i.summary = $summary
REMOVE i.held
WITH i
OPTIONAL MATCH (r:ImportBatchReport {import: i.id})
DELETE r
