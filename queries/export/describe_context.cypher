// name: export.describe_context
// description: The context the SHACL gate validates a batch against: the given resources as the graph holds them, and what they link to up to two links outwards (classes, dates, the articulation of a question a study used, the organisation of a product a use used). Outward links only, so a much-linked hub such as an organisation adds itself, not its thousands of referrers.
// param: iris list — resource IRIs of a batch
// returns: iri, labels, props, out (type, target IRI and asserting sources of each outward link)
UNWIND $iris AS iri
MATCH (n:Resource {iri: iri})
OPTIONAL MATCH (n)-[*1..2]->(m:Resource)
WITH collect(DISTINCT n) + collect(DISTINCT m) AS found
UNWIND found AS x
WITH DISTINCT x
RETURN x.iri AS iri, labels(x) AS labels, properties(x) AS props,
       [(x)-[r]->(y:Resource) | [type(r), y.iri, coalesce(r.sources, [])]] AS out
