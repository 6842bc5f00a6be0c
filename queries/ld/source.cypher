// name: ld.source
// description: One source as the dumps name it (a source key of a current import): the source's name and when its import finished.
// param: key string — the source key
// returns: source, finished
MATCH (i:Import {current: true}) WHERE $key IN coalesce(i.sourceKeys, [])
RETURN i.source AS source, coalesce(i.finishedAt, i.resumedAt, i.startedAt) AS finished
ORDER BY finished DESC LIMIT 1
