// name: projection.changes_of
// description: The imports named (by id) with their source, whether each is current, the number of their change records and, for those in `with_iris` only, the resources the records name (an import that went needs only its source).
// param: ids list — import ids
// param: with_iris list — the ids among them whose resources are wanted
// returns: id, source, current, parts (number of change records), iris (distinct resource IRIs)
UNWIND $ids AS id
OPTIONAL MATCH (i:Import {id: id})
CALL (id) {
  OPTIONAL MATCH (c:ProjectionChange {import: id})
  RETURN count(c) AS parts
}
CALL (id) {
  OPTIONAL MATCH (c:ProjectionChange {import: id})
  WHERE id IN $with_iris
  UNWIND coalesce(c.iris, []) AS iri
  RETURN collect(DISTINCT iri) AS iris
}
RETURN id, i.source AS source, coalesce(i.current, false) AS current, parts, iris
