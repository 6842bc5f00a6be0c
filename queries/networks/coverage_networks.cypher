// name: networks.coverage_networks
// description: Every network with its region, kind, sectors and the functions it serves — the rows of the coverage map (region × sector × function). within lists the CBS codes of its coded region (kg:inRegion) and of every region above it, so a network in Nijmegen (GM0268) is within GM0268, PV25 and NL01.
// returns: iri, name, region, within, kind, sectors, functions
MATCH (n:Network)
RETURN n.iri AS iri, n.foaf_name AS name, n.region AS region,
       COLLECT { MATCH (n)-[:inRegion]->(:skos_Concept)-[:skos_broader*0..3]->(up:skos_Concept)
                 WHERE up.cbsCode IS NOT NULL
                 RETURN DISTINCT up.cbsCode AS code ORDER BY code } AS within,
       COLLECT { MATCH (n)-[:networkKind]->(k:skos_Concept) RETURN k.skos_notation }[0] AS kind,
       COLLECT { MATCH (n)-[:sector]->(s:skos_Concept) RETURN DISTINCT s.skos_notation AS s ORDER BY s }
         AS sectors,
       COLLECT { MATCH (n)-[:servesFunction]->(f:skos_Concept)
                 WITH DISTINCT f ORDER BY f.cycleOrder RETURN f.skos_notation } AS functions
ORDER BY iri
