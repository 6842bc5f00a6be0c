// name: projection.nodes_of
// description: The resources named, with their labels and properties, for the SPARQL projection to derive their statements again.
// param: iris list — resource IRIs
// returns: iri, labels, props
UNWIND $iris AS iri
MATCH (n:Resource {iri: iri})
RETURN n.iri AS iri, labels(n) AS labels, properties(n) AS props
