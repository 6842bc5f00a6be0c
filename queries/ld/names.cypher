// name: ld.names
// description: The properties that name each of the given resources (titles, names, question texts, labels), for showing links by name; IRIs the graph does not hold are left out.
// param: iris list — resource IRIs
// returns: iri, props
UNWIND $iris AS iri
MATCH (n:Resource {iri: iri})
RETURN n.iri AS iri,
       n {.foaf_name, .skos_notation, .dcterms_title, .`dcterms_title@nl`, .`dcterms_title@en`,
          .`questionText@nl`, .`questionText@en`, .`skos_prefLabel@nl`, .`skos_prefLabel@en`,
          .`rdfs_label@nl`, .`rdfs_label@en`} AS props
