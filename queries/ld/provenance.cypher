// name: ld.provenance
// description: The imports that gave a resource's statements: each one's source name and when it finished.
// param: imports list — the import ids the resource's sources were last loaded by
// returns: id, source, finished
MATCH (i:Import) WHERE i.id IN $imports
RETURN i.id AS id, i.source AS source,
       coalesce(i.finishedAt, i.resumedAt, i.startedAt) AS finished
ORDER BY id
