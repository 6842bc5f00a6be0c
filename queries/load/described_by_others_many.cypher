// name: load.described_by_others_many
// description: Of the given resources, those already described by a source other than the given one (load.described_by_others for many IRIs in one query).
// param: iris list — resource IRIs
// param: key string — source key of the source being loaded
// returns: iri
UNWIND $iris AS iri
MATCH (n:Resource {iri: iri})
WHERE any(k IN coalesce(n._sources, []) WHERE k <> $key)
RETURN n.iri AS iri
