// name: lookup.resource_labels
// description: The labels of the resource with this IRI (no row when the graph does not hold it); lets callers tell an unknown IRI from one with no results.
// param: iri string — IRI of any resource
// returns: iri, labels
MATCH (n:Resource {iri: $iri})
RETURN n.iri AS iri, [l IN labels(n) WHERE l <> 'Resource'] AS labels
