// name: load.extent_settle
// description: After an import withdrew what a source key no longer says: the extent records of the key's other imports go (none of their statements are left), and the key is marked as one whose extent is complete from now on (every statement under it lies within its extent records).
// param: key string — source key
// param: import_id string — the import that withdrew
// returns: dropped
OPTIONAL MATCH (e:SourceExtent {key: $key}) WHERE e.import <> $import_id
DELETE e
WITH count(e) AS dropped
MERGE (c:SourceExtentComplete {key: $key})
SET c.since = coalesce(c.since, $import_id), c.at = datetime()
RETURN dropped
