// name: load.delete_orphans_among
// description: Among the resources named, deletes those that no source describes and nothing links to (left after a source shrank).
// param: iris list — the resources to check
// returns: deleted
UNWIND $iris AS iri
WITH DISTINCT iri
MATCH (n:Resource {iri: iri})
WHERE size(coalesce(n._sources, [])) = 0 AND NOT EXISTS { (n)--() }
DELETE n
RETURN count(*) AS deleted
