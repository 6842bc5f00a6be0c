// name: networks.coverage_by_region
// description: For one region, each of the five functions in cycle order with the initiatives and networks that serve it (kg:servesFunction) in that region or in any region below it (kg:inRegion, then skos:broader down: country → province → municipality); an empty list is a function the region lacks. The region is a CBS code (NL01, PV25, GM0268, any case) or a region's name (its skos:prefLabel or skos:altLabel, any case); a name both a province and a municipality bear means the province. No rows: no such region. Only coded regions count: a free-text kg:region that names no single region (flagged in the seed) is in none.
// param: region string — CBS code or name of the region, e.g. PV25 or Gelderland
// returns: code, name, function, providers (IRIs of the initiatives and networks serving it, sorted)
//
// Expected answers with the vocabularies and the seed alone (worked out from
// loaders/examples/seed-initiatives.csv and seed-regions.csv; I = id/initiative/, N = id/network/):
//   PV25 / Gelderland     creation, sharing, use: I werkplaats-onderwijsonderzoek-gepersonaliseerd-leren-met-ict
//                         (Arnhem/Nijmegen); articulation, organisation: none
//   PV28 / Zuid-Holland   creation: I learning-lab-light (Zuid-Holland), I learning-lab-snijdersschool
//                         (Rijswijk GM0603), N leiden-education-fieldlab (Leiden GM0546); the other four: none
//   PV27 / Noord-Holland  creation, sharing, use: I werkplaats-onderwijsonderzoek-amsterdam (GM0363)
//   PV26 / Utrecht        creation, sharing, use: I werkplaats-onderwijsonderzoek-utrecht
//   PV30 / Noord-Brabant  creation, sharing, use: I werkplaats-onderwijsonderzoek-vo (AOS … Brabant)
//   PV20, PV21, PV22, PV23, PV24, PV29, PV31 and every municipality: none of the five
//   NL01 / Nederland      all five: articulation I kennistafel-pact, I r-d-agenda-voor-het-funderend-onderwijs;
//                         organisation I teaching-and-learning-toolkit-eef-verkenning; creation 9, sharing 6, use 7
MATCH (r:skos_Concept)-[:skos_inScheme]->(:skos_ConceptScheme {iri: 'https://w3id.org/kennisgraaf/def/region'})
WHERE r.cbsCode = toUpper($region)
   OR toLower($region) IN [label IN [r.`skos_prefLabel@nl`, r.`skos_prefLabel@en`, r.`skos_altLabel@nl`]
                           WHERE label IS NOT NULL | toLower(label)]
WITH r
ORDER BY CASE left(r.cbsCode, 2) WHEN 'NL' THEN 0 WHEN 'PV' THEN 1 ELSE 2 END, r.cbsCode
LIMIT 1
MATCH (f:skos_Concept)-[:skos_inScheme]->(:skos_ConceptScheme {iri: 'https://w3id.org/kennisgraaf/def/function'})
RETURN r.cbsCode AS code, coalesce(r.`skos_prefLabel@nl`, r.`skos_prefLabel@en`) AS name,
       f.skos_notation AS function,
       COLLECT { MATCH (r)<-[:skos_broader*0..3]-(:skos_Concept)<-[:inRegion]-(x)-[:servesFunction]->(f)
                 WHERE x:Initiative OR x:Network
                 RETURN DISTINCT x.iri AS iri ORDER BY iri } AS providers
ORDER BY f.cycleOrder
