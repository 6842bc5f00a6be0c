// name: toolkit.strands
// description: Toolkit strands with their average impact (months), cost rating, number of studies and evidence strength, the Kennisrotonde answers that build on them (kg:buildsOn) and the studies behind them (used to make the strand, or synthesised, cited or reviewed by it). On the sample: p01 (strength 4, no impact or cost given; studies s01 sb01), p19 (strength 1; s19), t01 (6.0 months, cost 1, 48 studies, strength 4; answer p44; studies r01 sb08), t02 (3.0 months, cost 3, 28 studies, strength 3; answer p11r; study sb04).
// returns: iri, title_nl, title_en, impact_months, cost_rating, number_of_studies, strength, answers, studies
MATCH (t:ToolkitStrand)
OPTIONAL MATCH (t)-[:evidenceStrength]->(e)
RETURN t.iri AS iri, t.`dcterms_title@nl` AS title_nl, t.`dcterms_title@en` AS title_en,
       t.averageImpactMonths AS impact_months, t.costRating AS cost_rating,
       t.numberOfStudies AS number_of_studies, e.scaleValue AS strength,
       COLLECT { MATCH (a:KennisrotondeAnswer)-[:buildsOn]->(t) WITH DISTINCT a.iri AS v
                 RETURN v ORDER BY v } AS answers,
       COLLECT { CALL (t) {
                   MATCH (t)-[:prov_wasGeneratedBy]->(:KnowledgeOrganisation)-[:prov_used]->(s:Study) RETURN s
                   UNION
                   MATCH (t)-[:synthesises|cito_cites|cito_reviews]->(s:Study) RETURN s }
                 WITH DISTINCT s.iri AS v RETURN v ORDER BY v } AS studies
ORDER BY iri
