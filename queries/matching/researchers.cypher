// name: matching.researchers
// description: Ontmoet een onderzoeker — for a knowledge question, or a person such as a teacher, the researchers (people holding a research-side role) best placed to help, with the signals behind each match and a score: 4 if they already worked on the question (or a question the person asked), 2 per theme in common, 1 per earlier study or product on a related question (same theme; at most 3), 1 per shared network, and 2 or 1 for a distance of 2 or 4 steps in the collaboration graph (co-association on activities, membership of networks and organisations; bounded to 4 steps).
// param: iri string — IRI of a knowledge question or a person
// param: limit int = 10 — matches at most
// returns: iri, name, score, roles, on_question, common_themes, related_work, shared_networks, distance
MATCH (subject:Resource {iri: $iri})
WHERE subject:KnowledgeQuestion OR subject:Person
// who asks: the people who articulated the question, or the person themself
WITH subject,
     CASE WHEN subject:Person THEN [subject]
       ELSE COLLECT {
         MATCH (subject)-[:prov_wasGeneratedBy]->(:QuestionArticulation)
               -[:prov_wasAssociatedWith]->(p:Person)
         RETURN DISTINCT p
       }
     END AS askers
// the questions in focus: the question itself, or those the person articulated
WITH subject, askers,
     CASE WHEN subject:Person
       THEN COLLECT {
         MATCH (subject)<-[:prov_wasAssociatedWith]-(:QuestionArticulation)
               <-[:prov_wasGeneratedBy]-(q:KnowledgeQuestion)
         RETURN DISTINCT q
       }
       ELSE [subject]
     END AS focus
// themes: a question's own; a person's from what they asked, studied or made
WITH subject, askers, focus,
     CASE WHEN subject:Person
       THEN COLLECT {
         MATCH (subject)<-[:prov_wasAssociatedWith]-(:CycleActivity)
               <-[:prov_wasGeneratedBy]-()-[:theme]->(t:skos_Concept)
         RETURN DISTINCT t
       }
       ELSE COLLECT { MATCH (subject)-[:theme]->(t:skos_Concept) RETURN DISTINCT t }
     END AS themes
// networks: where the questions were articulated and those the askers belong to
CALL (askers, focus) {
  UNWIND focus AS q
  MATCH (q)-[:prov_wasGeneratedBy]->(:QuestionArticulation)-[:articulatedIn]->(n:Network)
  RETURN n
  UNION
  UNWIND askers AS a
  MATCH (n:Network)-[:org_hasMember]->(a)
  RETURN n
}
WITH askers, focus, themes, collect(n) AS networks
CALL (askers, focus, themes, networks) {
  MATCH (r:Person)<-[:org_member]-(:org_Membership)-[:org_role]->(:skos_Concept)
        -[:roleSide]->(:skos_Concept {iri: 'https://w3id.org/kennisgraaf/def/role-side/research'})
  WHERE NOT r IN askers
  RETURN DISTINCT r
}
WITH askers, focus, themes, networks, r,
     COLLECT {
       MATCH (r)<-[:prov_wasAssociatedWith]-(act:KnowledgeCreation|KnowledgeOrganisation)
             -[:prov_used]->(q:KnowledgeQuestion)
       WHERE q IN focus
       MATCH (act)<-[:prov_wasGeneratedBy]-(item)
       RETURN item.iri AS item
       UNION
       MATCH (r)<-[:prov_wasAssociatedWith]-(act:KnowledgeOrganisation)-[:prov_used]->(:Study)
             -[:prov_wasGeneratedBy]->(:KnowledgeCreation)-[:prov_used]->(q:KnowledgeQuestion)
       WHERE q IN focus
       MATCH (act)<-[:prov_wasGeneratedBy]-(item)
       RETURN item.iri AS item
     } AS on_question,
     COLLECT {
       MATCH (r)<-[:prov_wasAssociatedWith]-(:KnowledgeCreation|KnowledgeOrganisation)
             <-[:prov_wasGeneratedBy]-(item)-[:theme]->(t:skos_Concept)
       WHERE t IN themes
       WITH t, item ORDER BY item.iri
       WITH t, collect(DISTINCT item.iri) AS items
       RETURN {theme: t.skos_notation, label: t.`skos_prefLabel@en`, items: items} AS common
       ORDER BY common.theme
     } AS common_themes,
     COLLECT {
       MATCH (r)<-[:prov_wasAssociatedWith]-(act:KnowledgeCreation|KnowledgeOrganisation)
             -[:prov_used]->(rq:KnowledgeQuestion)-[:theme]->(t:skos_Concept)
       WHERE t IN themes AND NOT rq IN focus
       MATCH (act)<-[:prov_wasGeneratedBy]-(item)
       WITH DISTINCT item, rq
       RETURN {item: item.iri, question: rq.iri} AS work ORDER BY work.item, work.question
     } AS related_work,
     [n IN networks WHERE (n)-[:org_hasMember]->(r) | {iri: n.iri, name: n.foaf_name}]
       AS shared_networks
CALL (r, askers) {
  UNWIND askers AS a
  MATCH path = shortestPath(
    (a)-[:prov_wasAssociatedWith|org_hasMember|org_member|org_organization*..4]-(r))
  RETURN min(length(path)) AS distance
}
WITH r, on_question, common_themes, related_work, shared_networks, distance,
     CASE WHEN size(on_question) > 0 THEN 4 ELSE 0 END
     + 2 * size(common_themes)
     + CASE WHEN size(related_work) > 3 THEN 3 ELSE size(related_work) END
     + size(shared_networks)
     + CASE WHEN distance IS NULL THEN 0.0 ELSE (6 - distance) / 2.0 END AS score
WHERE score > 0
RETURN r.iri AS iri, r.foaf_name AS name, score,
       COLLECT {
         MATCH (r)<-[:org_member]-(m:org_Membership)-[:org_role]->(role:skos_Concept)
               -[:roleSide]->(:skos_Concept {iri: 'https://w3id.org/kennisgraaf/def/role-side/research'})
         MATCH (m)-[:org_organization]->(o)
         RETURN DISTINCT {role: role.skos_notation, organisation: o.iri,
                          organisation_name: o.foaf_name} AS held
         ORDER BY held.role, held.organisation
       } AS roles,
       on_question, common_themes, related_work,
       shared_networks, distance
ORDER BY score DESC, name, iri
LIMIT $limit
