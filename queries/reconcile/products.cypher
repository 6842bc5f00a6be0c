// name: reconcile.products
// description: Every knowledge product as a reconciliation candidate: titles (Dutch and English), DOI, and its classes and year for the description.
// returns: iri, names, identifiers, description
MATCH (n:KnowledgeProduct)
RETURN n.iri AS iri,
       [] + coalesce(n.`dcterms_title@nl`, []) + coalesce(n.`dcterms_title@en`, []) AS names,
       {doi: [] + coalesce(n.doi, [])} AS identifiers,
       [] + coalesce(n._types, [])
         + COLLECT { MATCH (n)-[:prov_wasGeneratedBy]->(a:prov_Activity)
                     WHERE a.dcterms_date IS NOT NULL
                     RETURN toString(a.dcterms_date.year) AS year ORDER BY year LIMIT 1 }
         AS description
