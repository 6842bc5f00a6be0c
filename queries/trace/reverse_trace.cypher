// name: trace.reverse
// description: From a study or a knowledge product back to the questions it serves, and forward to the products made from it and the places it was used.
// param: iri string — IRI of a study or a knowledge product
// returns: iri, kind, questions, products, uses
MATCH (x:Resource {iri: $iri})
WHERE x:Study OR x:KnowledgeProduct
CALL (x) {
  // a study serves the question its creation used; a product those its organisation used,
  // directly or through the studies it was made from
  OPTIONAL MATCH (x)-[:prov_wasGeneratedBy]->(:KnowledgeCreation)-[:prov_used]->(q1:KnowledgeQuestion)
  OPTIONAL MATCH (x)-[:prov_wasGeneratedBy]->(:KnowledgeOrganisation)-[:prov_used]->(q2:KnowledgeQuestion)
  OPTIONAL MATCH (x)-[:prov_wasGeneratedBy]->(:KnowledgeOrganisation)-[:prov_used]->(:Study)
                 -[:prov_wasGeneratedBy]->(:KnowledgeCreation)-[:prov_used]->(q3:KnowledgeQuestion)
  WITH collect(DISTINCT q1) + collect(DISTINCT q2) + collect(DISTINCT q3) AS qs
  UNWIND CASE WHEN size(qs) = 0 THEN [null] ELSE qs END AS q
  WITH DISTINCT q WHERE q IS NOT NULL
  RETURN collect(q.iri) AS questions
}
CALL (x) {
  OPTIONAL MATCH (x)<-[:prov_used]-(:KnowledgeOrganisation)<-[:prov_wasGeneratedBy]-(p:KnowledgeProduct)
  RETURN collect(DISTINCT p) AS products
}
CALL (x, products) {
  UNWIND [x] + products AS used
  MATCH (used)<-[:prov_used]-(u:KnowledgeUse)
  RETURN collect(DISTINCT {iri: u.iri, date: u.dcterms_date, used: used.iri,
    by: COLLECT { MATCH (u)-[:prov_wasAssociatedWith]->(a) RETURN a.iri ORDER BY a.iri }}) AS uses
}
RETURN x.iri AS iri, CASE WHEN x:Study THEN 'study' ELSE 'product' END AS kind,
       questions AS questions, [p IN products | p.iri] AS products, uses
