// name: trace.question
// description: The stages of one question's cycle: its articulation, the creations that used it and their studies, the organisations that used the question or those studies and their products, the sharings and uses of those products or studies, and the questions those uses raised. Every step follows links from the question outwards, so the cost follows the trace, not the graph.
// param: iri string — IRI of the knowledge question
// returns: question, activities (one map per stage activity), raised (IRIs of questions raised by its uses)
MATCH (q:Resource:KnowledgeQuestion {iri: $iri})
OPTIONAL MATCH (q)-[:prov_wasGeneratedBy]->(art:QuestionArticulation)
OPTIONAL MATCH (q)<-[:prov_used]-(cre:KnowledgeCreation)
OPTIONAL MATCH (cre)<-[:prov_wasGeneratedBy]-(study:Study)
WITH q, collect(DISTINCT art) AS arts, collect(DISTINCT cre) AS creations,
     collect(DISTINCT study) AS studies
CALL (q, studies) {
  UNWIND [q] + studies AS input
  MATCH (input)<-[:prov_used]-(org:KnowledgeOrganisation)
  OPTIONAL MATCH (org)<-[:prov_wasGeneratedBy]-(product:KnowledgeProduct)
  RETURN collect(DISTINCT org) AS organisings, collect(DISTINCT product) AS products
}
CALL (studies, products) {
  UNWIND studies + products AS shared
  MATCH (shared)<-[:prov_used]-(sh:KnowledgeSharing)
  RETURN collect(DISTINCT sh) AS sharings
}
CALL (studies, products) {
  UNWIND studies + products AS used
  MATCH (used)<-[:prov_used]-(u:KnowledgeUse)
  RETURN collect(DISTINCT u) AS uses
}
CALL (uses) {
  UNWIND uses AS u
  MATCH (u)<-[:prov_wasInformedBy]-(:QuestionArticulation)<-[:prov_wasGeneratedBy]-(nq:KnowledgeQuestion)
  RETURN collect(DISTINCT nq.iri) AS raised
}
WITH q, raised, arts + creations + organisings + sharings + uses AS activities
RETURN
  {iri: q.iri, text_nl: q.`questionText@nl`, text_en: q.`questionText@en`} AS question,
  [a IN activities | {
    iri: a.iri,
    kind: [l IN labels(a) WHERE l IN ['QuestionArticulation', 'KnowledgeCreation',
           'KnowledgeOrganisation', 'KnowledgeSharing', 'KnowledgeUse']][0],
    date: a.dcterms_date,
    started: a.startDate,
    used: COLLECT { MATCH (a)-[:prov_used]->(x) RETURN x.iri ORDER BY x.iri },
    generated: COLLECT { MATCH (a)<-[:prov_wasGeneratedBy]-(x) RETURN x.iri ORDER BY x.iri },
    informed_by: COLLECT { MATCH (a)-[:prov_wasInformedBy]->(x) RETURN x.iri ORDER BY x.iri },
    people: COLLECT { MATCH (a)-[:prov_wasAssociatedWith]->(p:Person)
                      RETURN {iri: p.iri, name: p.foaf_name} ORDER BY p.iri },
    organisations: COLLECT { MATCH (a)-[:prov_wasAssociatedWith]->(o:Organisation) WHERE NOT o:Network
                             RETURN {iri: o.iri, name: o.foaf_name} ORDER BY o.iri },
    networks: COLLECT { MATCH (a)-[:throughNetwork|articulatedIn]->(n:Network)
                        RETURN {iri: n.iri, name: n.foaf_name} ORDER BY n.iri }
  }] AS activities,
  raised
