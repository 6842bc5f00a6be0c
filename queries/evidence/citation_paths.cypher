// name: evidence.citation_paths
// description: Citation and synthesis paths from a practice question to the studies at their end. Start: each knowledge product that answers the question (its organisation used the question or a study of it) or a later revision of such a product; then any chain of kg:buildsOn, kg:synthesises, cito:cites and cito:reviews (1 to 6 links) ending at a study that cites, synthesises and reviews nothing in the graph. Shortest first. On the sample: q44 gives 5 paths from p44 — via strand t01 to sb08 (2 links), and via t01 and review r01 to s01, s04 (cited), sb01 and sb08 (3 links); q11 gives 1 path from p11's revision p11r via strand t02 to sb04; q01 gives none (p01 cites nothing).
// param: iri string — IRI of the knowledge question
// param: limit int = 100 — paths at most
// returns: answer, start, nodes, links, study, design, hops
MATCH (q:Resource:KnowledgeQuestion {iri: $iri})
CALL (q) {
  MATCH (q)<-[:prov_used]-(:KnowledgeOrganisation)<-[:prov_wasGeneratedBy]-(a:KnowledgeProduct)
  RETURN a
  UNION
  MATCH (q)<-[:prov_used]-(:KnowledgeCreation)<-[:prov_wasGeneratedBy]-(:Study)
        <-[:prov_used]-(:KnowledgeOrganisation)<-[:prov_wasGeneratedBy]-(a:KnowledgeProduct)
  RETURN a
}
MATCH (start:KnowledgeProduct)-[:prov_wasRevisionOf*0..5]->(a)
MATCH path = (start)-[:buildsOn|synthesises|cito_cites|cito_reviews*1..6]->(s:Study)
WHERE NOT EXISTS { (s)-[:synthesises|cito_cites|cito_reviews]->() }
WITH DISTINCT a, start, path, s
RETURN a.iri AS answer, start.iri AS start, [n IN nodes(path) | n.iri] AS nodes,
       [r IN relationships(path) | type(r)] AS links, s.iri AS study,
       COLLECT { MATCH (s)-[:studyDesign]->(d) RETURN coalesce(d.skos_notation, d.iri) }[0] AS design,
       length(path) AS hops
ORDER BY hops, nodes
LIMIT $limit
