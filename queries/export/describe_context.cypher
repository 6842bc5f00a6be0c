// name: export.describe_context
// description: The context the SHACL gate validates a batch against: the given resources as the graph holds them, and what they link to up to two links outwards (classes, dates, the articulation of a question a study used, the organisation of a product a use used). Outward links only, so a much-linked hub such as an organisation adds itself, not its thousands of referrers.
// param: iris list — resource IRIs of a batch
// param: replacing list = [] — source keys whose earlier imports are being replaced
// param: import_id string = '' — the import running now (its own statements do count)
// returns: iri, labels, props, out (type and target IRI of each outward link some counting source asserts)
UNWIND $iris AS iri
MATCH (n:Resource {iri: iri})
OPTIONAL MATCH (n)-[*1..2]->(m:Resource)
WITH collect(DISTINCT n) + collect(DISTINCT m) AS found
UNWIND found AS x
WITH DISTINCT x
RETURN x.iri AS iri, labels(x) AS labels, properties(x) AS props,
       [(x)-[r]->(y:Resource)
        WHERE r.sources IS NULL
           OR any(k IN r.sources WHERE NOT k IN $replacing OR r['_imp:' + k] = $import_id)
        | [type(r), y.iri]] AS out
