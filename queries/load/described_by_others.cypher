// name: load.described_by_others
// description: Whether a resource is already described by a source other than the given one.
// param: iri string — resource IRI
// param: key string — source key of the source being loaded
// returns: described
OPTIONAL MATCH (n:Resource {iri: $iri})
RETURN n IS NOT NULL AND any(k IN coalesce(n._sources, []) WHERE k <> $key) AS described
