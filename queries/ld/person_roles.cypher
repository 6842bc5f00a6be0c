// name: ld.person_roles
// description: For each of the given resources that is a person shown by role only (not named publicly: `_hidden`), the roles they hold: the role's labels, the kinds (asserted classes) of the organisation, its sector's notation and its region — never the organisation's or the person's name.
// param: iris list — resource IRIs
// returns: iri, roles
UNWIND $iris AS iri
MATCH (p:Person {iri: iri})
WHERE p._hidden = true
RETURN p.iri AS iri, COLLECT {
  MATCH (p)<-[:org_member]-(m:org_Membership)
  OPTIONAL MATCH (m)-[:org_role]->(r)
  OPTIONAL MATCH (m)-[:org_organization]->(o)
  RETURN {role_nl: r.`skos_prefLabel@nl`, role_en: r.`skos_prefLabel@en`,
          kinds: coalesce(o._types, []),
          sector: COLLECT { MATCH (o)-[:sector]->(s) RETURN s.skos_notation }[0],
          region: o.region} AS role
  ORDER BY role.role_en, role.sector
} AS roles
