// name: export.nodes
// description: Every resource with its labels and properties, streamed for export.
// returns: iri, labels, props
MATCH (n:Resource)
RETURN n.iri AS iri, labels(n) AS labels, properties(n) AS props
