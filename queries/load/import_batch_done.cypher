// name: load.import_batch_done
// description: Records a committed batch on its Import, in the batch's own transaction.
// param: id string — import id
// param: batch int — index of the batch just written
// param: statements int — statements written by the batch
// param: rejected int — statements the gate rejected in the batch
// param: keys list — source keys (one per named graph) the batch wrote
// param: graphs list — for each key, 'key graph-IRI' ('key ' for the default graph)
// returns: nothing
MATCH (i:Import {id: $id})
SET i.batchesCommitted = $batch + 1,
    i.statementsLoaded = i.statementsLoaded + $statements,
    i.rejected = i.rejected + $rejected,
    i.sourceKeys = [k IN coalesce(i.sourceKeys, []) WHERE NOT k IN $keys] + $keys,
    i.graphs = [g IN coalesce(i.graphs, []) WHERE NOT g IN $graphs] + $graphs
