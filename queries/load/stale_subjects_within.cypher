// name: load.stale_subjects_within
// description: Within the extent of a source key's earlier imports, the resources with statements the new import may withdraw — those the key described before and those its links start from — plus whether the key's extent is complete (when it is not, the whole graph must be scanned instead).
// param: key string — source key
// param: import_id string — the new import of the source
// returns: complete (boolean), iris (list)
OPTIONAL MATCH (c:SourceExtentComplete {key: $key})
WITH c IS NOT NULL AS complete
CALL (complete) {
  OPTIONAL MATCH (e:SourceExtent {key: $key})
  WHERE complete AND e.import <> $import_id
  UNWIND coalesce(e.iris, []) AS iri
  WITH DISTINCT iri
  MATCH (n:Resource {iri: iri})
  WHERE (n['_imp:' + $key] IS NOT NULL AND n['_imp:' + $key] <> $import_id)
     OR EXISTS {
       MATCH (n)-[r]->()
       WHERE r['_imp:' + $key] IS NOT NULL AND r['_imp:' + $key] <> $import_id
     }
  RETURN collect(iri) AS iris
}
RETURN complete, iris
