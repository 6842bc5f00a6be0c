// name: load.stale_relationships
// description: Withdraws a source's assertion from relationships its new import no longer asserts; deletes relationships nobody asserts any more.
// param: key string — source key
// param: import_id string — the new import of the source
// returns: withdrawn, deleted
MATCH ()-[r]->()
WHERE r['_imp:' + $key] IS NOT NULL AND r['_imp:' + $key] <> $import_id
CALL (r) {
  SET r.sources = [k IN r.sources WHERE k <> $key], r['_imp:' + $key] = null
  WITH r, size(r.sources) = 0 AS orphan
  CALL (r, orphan) { WITH r WHERE orphan DELETE r }
  RETURN orphan
} IN TRANSACTIONS OF 5000 ROWS
RETURN count(*) AS withdrawn, sum(CASE WHEN orphan THEN 1 ELSE 0 END) AS deleted
