// name: reconcile.studies
// description: The studies with these IRIs, as reconciliation candidates: titles (Dutch and English), DOI and NRO project number, and their classes and year for the description.
// param: iris list — IRIs of the candidates (hits of reconcile.candidates)
// returns: iri, names, identifiers, description
MATCH (n:Resource)
WHERE n.iri IN $iris AND n:Study
RETURN n.iri AS iri,
       [] + coalesce(n.`dcterms_title@nl`, []) + coalesce(n.`dcterms_title@en`, []) AS names,
       {doi: [] + coalesce(n.doi, []), nro: [] + coalesce(n.nroProjectNumber, [])} AS identifiers,
       [] + coalesce(n._types, [])
         + COLLECT { MATCH (n)-[:prov_wasGeneratedBy]->(a:prov_Activity)
                     WHERE a.dcterms_date IS NOT NULL
                     RETURN toString(a.dcterms_date.year) AS year ORDER BY year LIMIT 1 }
         AS description
