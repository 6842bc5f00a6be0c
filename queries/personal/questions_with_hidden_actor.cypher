// name: personal.questions_with_hidden_actor
// description: Questions articulated with someone who is shown by role only (not named publicly), for showing a public trace that passes a restricted actor.
// param: limit int = 1 — questions at most
// returns: iri
MATCH (q:KnowledgeQuestion)-[:prov_wasGeneratedBy]->(:Resource)-[:prov_wasAssociatedWith]->(p:Person)
WHERE p._hidden = true
RETURN DISTINCT q.iri AS iri
ORDER BY iri
LIMIT $limit
