// name: api.work
// description: One study or knowledge product: titles, classes, identifiers, design, evidence strength, WWC rating, effect size, sample size, themes, funders and publishers, the activity that made it (date, start, people and organisations) and the studies it synthesises; no row when the IRI is neither a study nor a product.
// param: iri string — IRI of a study or a knowledge product
// returns: iri, kind, types, title_nl, title_en, doi, nro_project, design, strength, wwc, effect_size, sample_size, themes, funders, publishers, made, synthesises
MATCH (n:Resource {iri: $iri})
WHERE n:Study OR n:KnowledgeProduct
OPTIONAL MATCH (n)-[:prov_wasGeneratedBy]->(a:prov_Activity)
WITH n, a ORDER BY a.dcterms_date, a.iri
WITH n, collect(a)[0] AS a
RETURN n.iri AS iri, CASE WHEN n:Study THEN 'study' ELSE 'product' END AS kind, n._types AS types,
       n.`dcterms_title@nl` AS title_nl, n.`dcterms_title@en` AS title_en,
       n.doi AS doi, n.nroProjectNumber AS nro_project,
       COLLECT { MATCH (n)-[:studyDesign]->(c) RETURN c {.iri, .skos_notation, .`skos_prefLabel@nl`,
                 .`skos_prefLabel@en`} }[0] AS design,
       COLLECT { MATCH (n)-[:evidenceStrength]->(c) RETURN c {.iri, .skos_notation, .scaleValue,
                 .`skos_prefLabel@nl`, .`skos_prefLabel@en`} }[0] AS strength,
       COLLECT { MATCH (n)-[:wwcRating]->(c) RETURN c {.iri, .skos_notation, .`skos_prefLabel@nl`,
                 .`skos_prefLabel@en`} }[0] AS wwc,
       n.effectSize AS effect_size, n.sampleSize AS sample_size,
       COLLECT { MATCH (n)-[:theme]->(c) RETURN c {.iri, .skos_notation, .`skos_prefLabel@nl`,
                 .`skos_prefLabel@en`} ORDER BY c.iri } AS themes,
       COLLECT { MATCH (n)-[:funder]->(o) RETURN o {.iri, name: o.foaf_name} ORDER BY o.iri } AS funders,
       COLLECT { MATCH (n)-[:dcterms_publisher]->(o) RETURN o {.iri, name: o.foaf_name} ORDER BY o.iri }
         AS publishers,
       CASE WHEN a IS NULL THEN null ELSE {
         iri: a.iri, date: a.dcterms_date, started: a.startDate,
         people: COLLECT { MATCH (a)-[:prov_wasAssociatedWith]->(p:Person)
                           RETURN p {.iri, name: p.foaf_name} ORDER BY p.iri },
         organisations: COLLECT { MATCH (a)-[:prov_wasAssociatedWith]->(o:Organisation)
                                  RETURN o {.iri, name: o.foaf_name} ORDER BY o.iri }
       } END AS made,
       COLLECT { MATCH (n)-[:prov_wasGeneratedBy]->(:KnowledgeOrganisation)-[:prov_used]->(s:Study)
                 RETURN DISTINCT s.iri AS s ORDER BY s } AS synthesises
