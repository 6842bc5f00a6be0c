// name: load.import_by_id
// description: One import with its summary, for the import service.
// param: id string — import id
// returns: id, source, checksum, format, status, current, startedAt, finishedAt, batches, loaded, rejected, summary
MATCH (i:Import {id: $id})
RETURN i.id AS id, i.source AS source, i.checksum AS checksum, i.format AS format,
       i.status AS status, coalesce(i.current, false) AS current,
       toString(i.startedAt) AS startedAt, toString(i.finishedAt) AS finishedAt,
       i.batchesCommitted AS batches, i.statementsLoaded AS loaded, i.rejected AS rejected,
       i.summary AS summary
