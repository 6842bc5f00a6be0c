// name: cycle.products_never_used
// description: Knowledge products that no use used.
// returns: iri, title_nl, title_en, date
MATCH (p:KnowledgeProduct)
WHERE NOT EXISTS { (p)<-[:prov_used]-(:KnowledgeUse) }
OPTIONAL MATCH (p)-[:prov_wasGeneratedBy]->(o:KnowledgeOrganisation)
RETURN p.iri AS iri, p.`dcterms_title@nl` AS title_nl, p.`dcterms_title@en` AS title_en,
       min(o.dcterms_date) AS date
ORDER BY iri
