// name: load.import_begin
// description: Finds or creates the Import node of one version of a source. An unfinished one is resumed; one that completed before (loaded again because another version came in between) or was superseded by another version before it completed starts afresh.
// param: id string — import id (source and checksum)
// param: source string — source name
// param: checksum string — SHA-256 of the source
// param: format string — RDF format name
// param: batch_size int — statements per batch (a resume keeps the size the import began with)
// param: at string — ISO timestamp
// returns: status, batches, batchSize
MERGE (i:Import {id: $id})
ON CREATE SET i.source = $source, i.checksum = $checksum, i.format = $format,
              i.startedAt = datetime($at), i.status = 'running', i.batchesCommitted = 0,
              i.statementsLoaded = 0, i.rejected = 0, i.batchSize = $batch_size
ON MATCH SET i.resumedAt = datetime($at)
WITH i, i.status IN ['complete', 'superseded'] AS again
SET i += CASE WHEN again
  THEN {batchesCommitted: 0, statementsLoaded: 0, rejected: 0, batchSize: $batch_size,
        startedAt: datetime($at), sourceKeys: [], graphs: [], held: '[]', amendedByErasure: null}
  ELSE {} END
SET i.status = 'running', i.batchSize = coalesce(i.batchSize, $batch_size)
RETURN i.status AS status, i.batchesCommitted AS batches, i.batchSize AS batchSize
