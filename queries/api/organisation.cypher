// name: api.organisation
// description: One organisation (not a network): name, classes, ROR and BRIN, sectors, regions, the organisations it is part of and its units, the people holding roles in it, and the networks it belongs to; no row when the IRI is not such an organisation.
// param: iri string — IRI of the organisation
// returns: iri, name, types, ror, brin, sectors, regions, part_of, units, people, networks
MATCH (o:Organisation {iri: $iri})
WHERE NOT o:Network
RETURN o.iri AS iri, o.foaf_name AS name, o._types AS types, o.ror AS ror, o.brin AS brin,
       COLLECT { MATCH (o)-[:sector]->(c) RETURN c {.iri, .skos_notation, .`skos_prefLabel@nl`,
                 .`skos_prefLabel@en`} ORDER BY c.iri } AS sectors,
       o.region AS regions,
       COLLECT { MATCH (o)-[:org_subOrganizationOf]->(x) RETURN x {.iri, name: x.foaf_name}
                 ORDER BY x.iri } AS part_of,
       COLLECT { MATCH (o)<-[:org_subOrganizationOf]-(x) RETURN x {.iri, name: x.foaf_name}
                 ORDER BY x.iri } AS units,
       COLLECT {
         MATCH (o)<-[:org_organization]-(m:org_Membership)-[:org_member]->(p:Person)
         OPTIONAL MATCH (m)-[:org_role]->(r)
         RETURN {iri: p.iri, name: p.foaf_name, role: coalesce(r.skos_notation, r.iri),
                 start: m.startDate, end: m.endDate} AS held
         ORDER BY held.iri, held.start
       } AS people,
       COLLECT { MATCH (n:Network)-[:org_hasMember]->(o) RETURN n {.iri, name: n.foaf_name}
                 ORDER BY n.iri } AS networks
