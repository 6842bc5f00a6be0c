// name: load.read_nodes
// description: Current labels and properties of the given resources (the writer merges per source).
// param: iris list — resource IRIs
// returns: iri, labels, props
UNWIND $iris AS iri
MATCH (n:Resource {iri: iri})
RETURN n.iri AS iri, labels(n) AS labels, properties(n) AS props
