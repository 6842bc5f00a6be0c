// name: load.import_interrupted
// description: Marks an import that was asked to stop as interrupted: its committed batches stay, and the same load run again resumes after them.
// param: id string — import id
// param: at string — ISO timestamp
// returns: nothing
MATCH (i:Import {id: $id})
WHERE i.status <> 'complete'
SET i.status = 'interrupted', i.interruptedAt = datetime($at)
