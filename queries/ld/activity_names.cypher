// name: ld.activity_names
// description: What names each of the given resources that has no name of its own (a cycle activity such as `id/articulation/q34`, a membership): its asserted classes, its date, and the naming properties of what it generated, else of the first thing it used, else of the organisation (a membership) — for showing it by a readable name, never its key.
// param: iris list — resource IRIs
// returns: iri, types, date, about
UNWIND $iris AS iri
MATCH (a:Resource {iri: iri})
WITH a, (COLLECT { MATCH (a)<-[:prov_wasGeneratedBy]-(x) RETURN x ORDER BY x.iri LIMIT 1 }
         + COLLECT { MATCH (a)-[:prov_used]->(x) RETURN x ORDER BY x.iri LIMIT 1 }
         + COLLECT { MATCH (a)-[:org_organization]->(x) RETURN x ORDER BY x.iri LIMIT 1 })[0] AS x
RETURN a.iri AS iri, coalesce(a._types, []) AS types, a.dcterms_date AS date,
       CASE WHEN x IS NULL OR x._hidden IS NOT NULL THEN NULL
            ELSE x {.foaf_name, .dcterms_title, .`dcterms_title@nl`, .`dcterms_title@en`,
                    .`questionText@nl`, .`questionText@en`, .`skos_prefLabel@nl`,
                    .`skos_prefLabel@en`, .`rdfs_label@nl`, .`rdfs_label@en`} END AS about
