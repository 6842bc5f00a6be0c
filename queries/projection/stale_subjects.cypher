// name: projection.stale_subjects
// description: Resources whose statements from a source its new import may withdraw: those it described before and those its links start from.
// param: key string — source key
// param: import_id string — the new import of the source
// returns: iris (list)
CALL () {
  MATCH (n:Resource)
  WHERE n['_imp:' + $key] IS NOT NULL AND n['_imp:' + $key] <> $import_id
  RETURN n.iri AS iri
  UNION
  MATCH (a:Resource)-[r]->()
  WHERE r['_imp:' + $key] IS NOT NULL AND r['_imp:' + $key] <> $import_id
  RETURN a.iri AS iri
}
RETURN collect(iri) AS iris
