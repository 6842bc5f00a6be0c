// name: geography.unplaced_schools
// description: School locations (kg:School with a kg:inRegion) whose region is not, or not below, a province of the region scheme — a municipality the loaded CBS register does not hold — counted per region, so the province figures can say what they leave out. A school another source describes and linking ties to its register entry (schema:sameAs a kg:School) is counted once, as that entry.
// returns: region (IRI), code (CBS code where the region has one), schools
MATCH (s:School)-[:inRegion]->(r)
WHERE NOT (s)-[:schema_sameAs]->(:School)
  AND NOT EXISTS {
  MATCH (r)-[:skos_broader*0..1]->(p:skos_Concept)
  WHERE p.cbsCode STARTS WITH 'PV'
}
RETURN r.iri AS region, r.cbsCode AS code, count(DISTINCT s) AS schools
ORDER BY region
