// name: projection.links_of
// description: The relationships between resources that start at the resources named, for the SPARQL projection.
// param: iris list — resource IRIs
// returns: s, type, o
UNWIND $iris AS iri
MATCH (a:Resource {iri: iri})-[r]->(b:Resource)
RETURN a.iri AS s, type(r) AS type, b.iri AS o
