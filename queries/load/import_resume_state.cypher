// name: load.import_resume_state
// description: What an unfinished import's committed batches left: counters, source keys, the statements held back by the last one, and the quarantine reports of all of them in batch order.
// param: id string — import id
// returns: loaded, rejected, keys, held, reports
MATCH (i:Import {id: $id})
OPTIONAL MATCH (r:ImportBatchReport {import: $id})
WITH i, r ORDER BY r.batch
RETURN i.statementsLoaded AS loaded, i.rejected AS rejected, coalesce(i.sourceKeys, []) AS keys,
       i.held AS held, [x IN collect(r) | x.report] AS reports
