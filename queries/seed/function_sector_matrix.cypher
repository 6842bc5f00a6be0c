// name: seed.function_sector_matrix
// description: For every function (cycle order) and every sector of the sector scheme, the agenda activities and initiatives that serve both — an empty list is a gap in the agenda.
// returns: function, sector, serving (IRIs), count
MATCH (f:skos_Concept)-[:skos_inScheme]->(:skos_ConceptScheme {iri: 'https://w3id.org/kennisgraaf/def/function'})
MATCH (s:skos_Concept)-[:skos_inScheme]->(:skos_ConceptScheme {iri: 'https://w3id.org/kennisgraaf/def/sector'})
WITH f, s,
     COLLECT { MATCH (f)<-[:servesFunction]-(x)-[:sector]->(s)
               WHERE x:AgendaActivity OR x:Initiative
               RETURN DISTINCT x.iri AS iri ORDER BY iri } AS serving
RETURN f.skos_notation AS function, s.skos_notation AS sector, serving, size(serving) AS count
ORDER BY f.cycleOrder, sector
