// name: load.read_relationships
// description: The outgoing relationships of the given resources, so the writer knows which of a batch's statements already exist (subjects' own links are few, whatever the size of the graph).
// param: iris list — subject IRIs of a batch
// returns: s, type, o, id, sources
UNWIND $iris AS iri
MATCH (a:Resource {iri: iri})-[r]->(b:Resource)
RETURN a.iri AS s, type(r) AS type, b.iri AS o, elementId(r) AS id, r.sources AS sources
