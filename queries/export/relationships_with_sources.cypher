// name: export.relationships_with_sources
// description: Every relationship between resources with the source keys asserting it, streamed for a quad export.
// returns: s, type, o, sources
MATCH (a:Resource)-[r]->(b:Resource)
RETURN a.iri AS s, type(r) AS type, b.iri AS o, coalesce(r.sources, []) AS sources
