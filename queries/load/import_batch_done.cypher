// name: load.import_batch_done
// description: Records a committed batch on its Import, in the batch's own transaction: counters, what it held back for the next batch and (when there is any) what it sent to quarantine — what a resume starts from.
// param: id string — import id
// param: batch int — index of the batch just written
// param: statements int — statements written by the batch
// param: rejected int — statements the batch sent to quarantine
// param: keys list — source keys (one per named graph) the batch wrote
// param: graphs list — for each key, 'key graph-IRI' ('key ' for the default graph)
// param: held string — JSON: the statements held back for the next batch
// param: report string — JSON: quarantined statements, violations, warnings and resources refused for good; null when there are none
// returns: nothing
MATCH (i:Import {id: $id})
SET i.batchesCommitted = $batch + 1,
    i.statementsLoaded = i.statementsLoaded + $statements,
    i.rejected = i.rejected + $rejected,
    i.sourceKeys = [k IN coalesce(i.sourceKeys, []) WHERE NOT k IN $keys] + $keys,
    i.graphs = [g IN coalesce(i.graphs, []) WHERE NOT g IN $graphs] + $graphs,
    i.held = $held
FOREACH (text IN CASE WHEN $report IS NULL THEN [] ELSE [$report] END |
  CREATE (:ImportBatchReport {import: $id, batch: $batch, report: text}))
