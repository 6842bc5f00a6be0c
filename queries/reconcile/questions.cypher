// name: reconcile.questions
// description: Every knowledge question as a reconciliation candidate: its texts (Dutch and English) and the date it was articulated for the description.
// returns: iri, names, identifiers, description
MATCH (n:KnowledgeQuestion)
RETURN n.iri AS iri,
       [] + coalesce(n.`questionText@nl`, []) + coalesce(n.`questionText@en`, []) AS names,
       {} AS identifiers,
       COLLECT { MATCH (n)-[:prov_wasGeneratedBy]->(a:QuestionArticulation)
                 WHERE a.dcterms_date IS NOT NULL
                 RETURN toString(a.dcterms_date) AS day ORDER BY day LIMIT 1 } AS description
