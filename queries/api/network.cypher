// name: api.network
// description: One network: name, kind, sectors, regions, the functions of the cycle it serves, its members (people and organisations), the questions articulated in it and the sharings that went through it; no row when the IRI is not a network.
// param: iri string — IRI of the network
// returns: iri, name, kind, sectors, regions, functions, people, organisations, questions, sharings
MATCH (n:Network {iri: $iri})
RETURN n.iri AS iri, n.foaf_name AS name,
       COLLECT { MATCH (n)-[:networkKind]->(c) RETURN c {.iri, .skos_notation, .`skos_prefLabel@nl`,
                 .`skos_prefLabel@en`} }[0] AS kind,
       COLLECT { MATCH (n)-[:sector]->(c) RETURN c {.iri, .skos_notation, .`skos_prefLabel@nl`,
                 .`skos_prefLabel@en`} ORDER BY c.iri } AS sectors,
       n.region AS regions,
       COLLECT { MATCH (n)-[:servesFunction]->(c) RETURN c {.iri, .skos_notation, .`skos_prefLabel@nl`,
                 .`skos_prefLabel@en`} ORDER BY c.cycleOrder, c.iri } AS functions,
       COLLECT { MATCH (n)-[:org_hasMember]->(p:Person) RETURN p {.iri, name: p.foaf_name}
                 ORDER BY p.iri } AS people,
       COLLECT { MATCH (n)-[:org_hasMember]->(o:Organisation) RETURN o {.iri, name: o.foaf_name}
                 ORDER BY o.iri } AS organisations,
       COLLECT { MATCH (n)<-[:articulatedIn]-(:QuestionArticulation)<-[:prov_wasGeneratedBy]-(q)
                 RETURN DISTINCT q.iri AS q ORDER BY q } AS questions,
       COLLECT { MATCH (n)<-[:throughNetwork]-(s:KnowledgeSharing) RETURN s.iri AS s ORDER BY s }
         AS sharings
