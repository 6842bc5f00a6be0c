// name: projection.changes_of
// description: The imports named (by id) with their source, whether each is current, and the resources their recorded changes name.
// param: ids list — import ids
// returns: id, source, current, parts (number of change records), iris (distinct resource IRIs)
UNWIND $ids AS id
OPTIONAL MATCH (i:Import {id: id})
OPTIONAL MATCH (c:ProjectionChange {import: id})
UNWIND coalesce(c.iris, [null]) AS iri
WITH id, i, count(DISTINCT c) AS parts, collect(DISTINCT iri) AS iris
RETURN id, i.source AS source, coalesce(i.current, false) AS current, parts, iris
