// name: projection.key_loaded_before
// description: Whether an import other than the given one wrote statements under a source key (complete, interrupted or superseded alike): if none did, a new import of it has nothing to withdraw.
// param: key string — source key
// param: import_id string — the import running now
// returns: before (boolean)
RETURN EXISTS {
  MATCH (i:Import)
  WHERE i.id <> $import_id AND $key IN coalesce(i.sourceKeys, [])
} AS before
