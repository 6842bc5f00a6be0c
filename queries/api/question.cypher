// name: api.question
// description: One knowledge question with its texts, status, sectors and themes (as concepts), its articulations (when, by whom, where), and the questions it refines or that refine it; no row when the IRI is not a knowledge question.
// param: iri string — IRI of the knowledge question
// returns: iri, text_nl, text_en, status, sectors, themes, articulations, refines, refined_by
MATCH (q:KnowledgeQuestion {iri: $iri})
RETURN q.iri AS iri, q.`questionText@nl` AS text_nl, q.`questionText@en` AS text_en,
       COLLECT { MATCH (q)-[:status]->(c) RETURN c {.iri, .skos_notation, .`skos_prefLabel@nl`,
                 .`skos_prefLabel@en`} }[0] AS status,
       COLLECT { MATCH (q)-[:sector]->(c) RETURN c {.iri, .skos_notation, .`skos_prefLabel@nl`,
                 .`skos_prefLabel@en`} ORDER BY c.iri } AS sectors,
       COLLECT { MATCH (q)-[:theme]->(c) RETURN c {.iri, .skos_notation, .`skos_prefLabel@nl`,
                 .`skos_prefLabel@en`} ORDER BY c.iri } AS themes,
       COLLECT {
         MATCH (q)-[:prov_wasGeneratedBy]->(a:QuestionArticulation)
         RETURN {
           iri: a.iri, date: a.dcterms_date,
           people: COLLECT { MATCH (a)-[:prov_wasAssociatedWith]->(p:Person)
                             RETURN p {.iri, name: p.foaf_name} ORDER BY p.iri },
           organisations: COLLECT { MATCH (a)-[:prov_wasAssociatedWith]->(o:Organisation)
                                    RETURN o {.iri, name: o.foaf_name} ORDER BY o.iri },
           where: COLLECT { MATCH (a)-[:articulatedIn]->(w)
                            RETURN w {.iri, name: w.foaf_name} ORDER BY w.iri },
           informed_by: COLLECT { MATCH (a)-[:prov_wasInformedBy]->(u) RETURN u.iri ORDER BY u.iri }
         } AS articulation ORDER BY articulation.date, articulation.iri
       } AS articulations,
       COLLECT { MATCH (q)-[:refines]->(r) RETURN r.iri ORDER BY r.iri } AS refines,
       COLLECT { MATCH (q)<-[:refines]-(r) RETURN r.iri ORDER BY r.iri } AS refined_by
