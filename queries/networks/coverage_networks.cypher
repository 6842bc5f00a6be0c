// name: networks.coverage_networks
// description: Every network with its region, kind, sectors and the functions it serves — the rows of the coverage map (region × sector × function).
// returns: iri, name, region, kind, sectors, functions
MATCH (n:Network)
RETURN n.iri AS iri, n.foaf_name AS name, n.region AS region,
       COLLECT { MATCH (n)-[:networkKind]->(k:skos_Concept) RETURN k.skos_notation }[0] AS kind,
       COLLECT { MATCH (n)-[:sector]->(s:skos_Concept) RETURN DISTINCT s.skos_notation AS s ORDER BY s }
         AS sectors,
       COLLECT { MATCH (n)-[:servesFunction]->(f:skos_Concept)
                 WITH DISTINCT f ORDER BY f.cycleOrder RETURN f.skos_notation } AS functions
ORDER BY iri
