// name: erasure.rename
// description: Gives resources new IRIs; their relationships follow them.
// param: rows list — maps with old and new (IRIs)
// returns: renamed
UNWIND $rows AS row
MATCH (n:Resource {iri: row.old})
SET n.iri = row.new
RETURN count(n) AS renamed
