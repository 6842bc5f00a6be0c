// name: load.stale_relationships_from
// description: Withdraws a source's assertion from the relationships starting at the resources named that its new import no longer asserts; deletes those nobody asserts any more and returns the resources at their ends.
// param: key string — source key
// param: import_id string — the new import of the source
// param: iris list — the resources whose outgoing relationships are checked
// returns: withdrawn, deleted, ends
UNWIND $iris AS iri
MATCH (s:Resource {iri: iri})-[r]->(o)
WHERE r['_imp:' + $key] IS NOT NULL AND r['_imp:' + $key] <> $import_id
SET r.sources = [k IN r.sources WHERE k <> $key], r['_imp:' + $key] = null
WITH r, o, size(r.sources) = 0 AS orphan
WITH r, o, orphan, CASE WHEN orphan THEN o.iri END AS end
FOREACH (_ IN CASE WHEN orphan THEN [1] ELSE [] END | DELETE r)
RETURN count(*) AS withdrawn, sum(CASE WHEN orphan THEN 1 ELSE 0 END) AS deleted,
       collect(DISTINCT end) AS ends
