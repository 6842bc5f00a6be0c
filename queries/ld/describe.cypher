// name: ld.describe
// description: One resource for dereferencing, found by the first of several candidate IRIs that exists: its labels and properties, its outgoing links and up to max_incoming incoming links. Each linked resource comes with the properties that name it; a blank-node (skolem) neighbour comes with all its properties, as in a Concise Bounded Description.
// param: iris list — candidate IRIs, most likely first
// param: genid string — prefix of the skolem IRIs minted for blank nodes
// param: max_incoming int = 1000 — incoming links at most
// returns: candidate, iri, labels, props, out, incoming, incoming_total
UNWIND range(0, size($iris) - 1) AS candidate
MATCH (n:Resource {iri: $iris[candidate]})
WITH candidate, n ORDER BY candidate LIMIT 1
RETURN candidate, n.iri AS iri, labels(n) AS labels, properties(n) AS props,
  COLLECT {
    MATCH (n)-[r]->(m:Resource)
    RETURN {type: type(r), iri: m.iri, labels: labels(m),
            props: CASE WHEN m.iri STARTS WITH $genid THEN properties(m)
                   ELSE m {._types, .foaf_name, .skos_notation, .dcterms_title,
                           .`dcterms_title@nl`, .`dcterms_title@en`,
                           .`questionText@nl`, .`questionText@en`,
                           .`skos_prefLabel@nl`, .`skos_prefLabel@en`,
                           .`rdfs_label@nl`, .`rdfs_label@en`, .dcterms_date} END}
      AS link ORDER BY link.type, link.iri
  } AS out,
  COLLECT {
    MATCH (n)<-[r]-(m:Resource)
    RETURN {type: type(r), iri: m.iri, labels: labels(m),
            props: m {._types, .foaf_name, .skos_notation, .dcterms_title,
                      .`dcterms_title@nl`, .`dcterms_title@en`,
                      .`questionText@nl`, .`questionText@en`,
                      .`skos_prefLabel@nl`, .`skos_prefLabel@en`,
                      .`rdfs_label@nl`, .`rdfs_label@en`, .dcterms_date}}
      AS link ORDER BY link.type, link.iri LIMIT $max_incoming
  } AS incoming,
  COUNT { (n)<--(:Resource) } AS incoming_total
