// name: erasure.amend_imports
// description: Marks the current imports of the given source keys as amended by an erasure: their finish time becomes the erasure's (a new graph version for every cache and the SPARQL projection), and loading the same file again is not skipped as unchanged.
// param: keys list — source keys
// param: at string — ISO timestamp of the erasure
// returns: id
MATCH (i:Import {current: true})
WHERE any(k IN coalesce(i.sourceKeys, []) WHERE k IN $keys)
SET i.finishedAt = datetime($at), i.amendedByErasure = true
RETURN i.id AS id
