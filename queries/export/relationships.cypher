// name: export.relationships
// description: Every relationship between resources, streamed for export.
// returns: s, type, o
MATCH (a:Resource)-[r]->(b:Resource)
RETURN a.iri AS s, type(r) AS type, b.iri AS o
