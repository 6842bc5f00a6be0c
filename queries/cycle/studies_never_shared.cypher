// name: cycle.studies_never_shared
// description: Studies that no sharing used, neither directly nor through a knowledge product made from them.
// returns: iri, title_nl, title_en, date
MATCH (s:Study)
WHERE NOT EXISTS { (s)<-[:prov_used]-(:KnowledgeSharing) }
  AND NOT EXISTS { (s)<-[:prov_used]-(:KnowledgeOrganisation)<-[:prov_wasGeneratedBy]-(:KnowledgeProduct)<-[:prov_used]-(:KnowledgeSharing) }
OPTIONAL MATCH (s)-[:prov_wasGeneratedBy]->(c:KnowledgeCreation)
RETURN s.iri AS iri, s.`dcterms_title@nl` AS title_nl, s.`dcterms_title@en` AS title_en,
       min(c.dcterms_date) AS date
ORDER BY iri
