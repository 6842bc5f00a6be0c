// name: load.import_current
// description: The current (last complete) import of a source, if any.
// param: source string — source name
// returns: id, checksum, keys, loaded, amended (an erasure changed what it loaded: load it again)
MATCH (i:Import {source: $source, current: true})
RETURN i.id AS id, i.checksum AS checksum, coalesce(i.sourceKeys, []) AS keys,
       i.statementsLoaded AS loaded, coalesce(i.amendedByErasure, false) AS amended
