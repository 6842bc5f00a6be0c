// name: seed.functions_without_initiative
// description: Per region (kg:region of initiatives, and of networks when networks is true), the functions of the cycle that nothing located there serves (kg:servesFunction). With national set (e.g. Nederland), what is located in that region counts for every region. Regions are compared as written; there is no region hierarchy.
// param: region string = null — only this region (null: every region)
// param: networks bool = true — count networks (kg:Network) as initiatives too
// param: national string = Nederland — region whose initiatives count everywhere (null: none)
// returns: region, missing (function notations in cycle order), served, providers (IRIs located in the region)
MATCH (x)
WHERE (x:Initiative OR ($networks AND x:Network)) AND x.region IS NOT NULL
  AND ($region IS NULL OR x.region = $region)
WITH DISTINCT x.region AS region
MATCH (f:skos_Concept)-[:skos_inScheme]->(:skos_ConceptScheme {iri: 'https://w3id.org/kennisgraaf/def/function'})
WITH region, f
ORDER BY f.cycleOrder
WITH region, collect(f) AS cycle
WITH region, cycle,
     COLLECT { MATCH (x) WHERE (x:Initiative OR ($networks AND x:Network)) AND x.region = region
               RETURN x.iri AS iri ORDER BY iri } AS providers,
     COLLECT { MATCH (x)-[:servesFunction]->(f:skos_Concept)
               WHERE (x:Initiative OR ($networks AND x:Network))
                 AND (x.region = region OR x.region = $national)
               RETURN DISTINCT f } AS served
RETURN region,
       [f IN cycle WHERE NOT f IN served | f.skos_notation] AS missing,
       [f IN cycle WHERE f IN served | f.skos_notation] AS served,
       providers
ORDER BY region
