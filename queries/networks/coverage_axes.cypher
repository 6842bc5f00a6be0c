// name: networks.coverage_axes
// description: The axes of the coverage map: every region named on an organisation, network or initiative; the sectors of the sector scheme; the functions in cycle order.
// returns: regions, sectors, functions
RETURN
  COLLECT { MATCH (n) WHERE (n:Organisation OR n:Initiative) AND n.region IS NOT NULL
            RETURN DISTINCT n.region AS r ORDER BY r } AS regions,
  COLLECT { MATCH (s:skos_Concept)-[:skos_inScheme]->(:skos_ConceptScheme
              {iri: 'https://w3id.org/kennisgraaf/def/sector'})
            RETURN s.skos_notation AS notation ORDER BY notation } AS sectors,
  COLLECT { MATCH (f:skos_Concept)-[:skos_inScheme]->(:skos_ConceptScheme
              {iri: 'https://w3id.org/kennisgraaf/def/function'})
            RETURN f.skos_notation AS notation ORDER BY f.cycleOrder } AS functions
