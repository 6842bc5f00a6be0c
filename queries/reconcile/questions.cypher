// name: reconcile.questions
// description: The knowledge questions with these IRIs, as reconciliation candidates: their texts (Dutch and English) and the date each was articulated for the description.
// param: iris list — IRIs of the candidates (hits of reconcile.candidates)
// returns: iri, names, identifiers, description
MATCH (n:Resource)
WHERE n.iri IN $iris AND n:KnowledgeQuestion
RETURN n.iri AS iri,
       [] + coalesce(n.`questionText@nl`, []) + coalesce(n.`questionText@en`, []) AS names,
       {} AS identifiers,
       COLLECT { MATCH (n)-[:prov_wasGeneratedBy]->(a:QuestionArticulation)
                 WHERE a.dcterms_date IS NOT NULL
                 RETURN toString(a.dcterms_date) AS day ORDER BY day LIMIT 1 } AS description
