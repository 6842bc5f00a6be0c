// name: networks.boundary_crossers
// description: Boundary crossers, derived as the ontology defines kg:BoundaryCrosser: people holding (at any time) roles on at least two of the practice, research and industry (professional field outside education) sides of the role scheme — a single role such as teacher-researcher or hybrid teacher can lie on two. Never read from an asserted flag.
// returns: iri, name, practice_roles, research_roles, industry_roles (each a list of {role, organisation, organisation_name}; empty for a side the person holds no role on)
MATCH (p:Person)<-[:org_member]-(m:org_Membership)-[:org_role]->(role:skos_Concept)
      -[:roleSide]->(side:skos_Concept)
WHERE side.iri IN ['https://w3id.org/kennisgraaf/def/role-side/practice',
                   'https://w3id.org/kennisgraaf/def/role-side/research',
                   'https://w3id.org/kennisgraaf/def/role-side/industry']
MATCH (m)-[:org_organization]->(o)
WITH p, side.skos_notation AS side,
     {role: role.skos_notation, organisation: o.iri, organisation_name: o.foaf_name} AS held
ORDER BY held.role, held.organisation
WITH p, side, collect(DISTINCT held) AS held
WITH p, collect([side, held]) AS by_side
WHERE size(by_side) >= 2
RETURN p.iri AS iri, p.foaf_name AS name,
       coalesce([s IN by_side WHERE s[0] = 'practice'][0][1], []) AS practice_roles,
       coalesce([s IN by_side WHERE s[0] = 'research'][0][1], []) AS research_roles,
       coalesce([s IN by_side WHERE s[0] = 'industry'][0][1], []) AS industry_roles
ORDER BY iri
