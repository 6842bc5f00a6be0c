// name: kennisrotonde.referrals
// description: The questions the Kennisrotonde handled — answered by a Kennisrotonde answer (its organisation used the question) or with a referral status (referred to an earlier answer, referred to another source, routed to research) — with the answers and their later revisions, the answers related to those (dcterms:relation, either way), and what the question was referred to (kg:referredTo) and its kind. On the sample: 12 questions; q09 q11 q16 q22 q25 q29 q44 answered (q11 by p11 and its revision p11r, related p22); q45 and q46 referred to the earlier answer p11, q47 to the earlier answer p44; q48 referred to another source; q49 routed to research (study s34).
// returns: iri, status, articulated, asker_role, answers, related, referred_to
MATCH (q:KnowledgeQuestion)
OPTIONAL MATCH (q)-[:status]->(st)
WITH q, st,
     COLLECT { MATCH (q)<-[:prov_used]-(:KnowledgeOrganisation)<-[:prov_wasGeneratedBy]-(a:KennisrotondeAnswer)
               RETURN DISTINCT a } AS direct
WHERE size(direct) > 0 OR st.iri IN [
        'https://w3id.org/kennisgraaf/def/question-status/referred-to-earlier-answer',
        'https://w3id.org/kennisgraaf/def/question-status/referred-to-other-source',
        'https://w3id.org/kennisgraaf/def/question-status/routed-to-research']
WITH q, st, COLLECT { UNWIND direct AS a MATCH (r:KnowledgeProduct)-[:prov_wasRevisionOf*0..5]->(a)
                      RETURN DISTINCT r } AS answers
RETURN q.iri AS iri, coalesce(st.skos_notation, st.iri) AS status,
       COLLECT { MATCH (q)-[:prov_wasGeneratedBy]->(art:QuestionArticulation)
                 RETURN art.dcterms_date AS d ORDER BY d }[0] AS articulated,
       COLLECT { MATCH (q)-[:prov_wasGeneratedBy]->(:QuestionArticulation)-[:askerRole]->(role)
                 RETURN coalesce(role.skos_notation, role.iri) }[0] AS asker_role,
       [a IN answers | a.iri] AS answers,
       COLLECT { UNWIND answers AS a MATCH (a)-[:dcterms_relation]-(rel:KnowledgeProduct)
                 WHERE NOT rel IN answers
                 WITH DISTINCT rel.iri AS v RETURN v ORDER BY v } AS related,
       COLLECT { MATCH (q)-[:referredTo]->(t)
                 WITH t ORDER BY t.iri
                 RETURN {iri: t.iri,
                         kind: CASE WHEN t:KnowledgeProduct THEN 'answer' WHEN t:Study THEN 'study'
                                    WHEN t:Grant THEN 'grant' ELSE 'source' END} } AS referred_to
ORDER BY iri
