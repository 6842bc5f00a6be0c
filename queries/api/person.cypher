// name: api.person
// description: One person: name, ORCID iD, the roles they hold (role concept with its side, organisation, period), the networks they belong to, whether they are a boundary crosser (roles on at least two of the practice, research and industry sides, derived as kg:BoundaryCrosser is), and the questions, studies and products they took part in; no row when the IRI is not a person.
// param: iri string — IRI of the person
// returns: iri, name, orcid, roles, networks, boundary_crosser, questions, studies, products
MATCH (p:Person {iri: $iri})
WITH p, COLLECT {
  MATCH (p)<-[:org_member]-(m:org_Membership)
  OPTIONAL MATCH (m)-[:org_role]->(r)
  OPTIONAL MATCH (m)-[:org_organization]->(o)
  RETURN {
    role: r {.iri, .skos_notation, .`skos_prefLabel@nl`, .`skos_prefLabel@en`},
    sides: COLLECT { MATCH (r)-[:roleSide]->(s) RETURN coalesce(s.skos_notation, s.iri) AS s
                     ORDER BY s },
    organisation: o {.iri, name: o.foaf_name},
    start: m.startDate, end: m.endDate
  } AS held ORDER BY held.start, held.organisation.iri
} AS roles
RETURN p.iri AS iri, p.foaf_name AS name, p.orcid AS orcid, roles,
       COLLECT { MATCH (n:Network)-[:org_hasMember]->(p) RETURN n {.iri, name: n.foaf_name}
                 ORDER BY n.iri } AS networks,
       size(COLLECT { UNWIND roles AS held UNWIND held.sides AS side
                      WITH side WHERE side IN ['practice', 'research', 'industry'] RETURN DISTINCT side }) >= 2
         AS boundary_crosser,
       COLLECT { MATCH (p)<-[:prov_wasAssociatedWith]-(:QuestionArticulation)
                       <-[:prov_wasGeneratedBy]-(q:KnowledgeQuestion)
                 RETURN DISTINCT q.iri AS q ORDER BY q } AS questions,
       COLLECT { MATCH (p)<-[:prov_wasAssociatedWith]-(:KnowledgeCreation)
                       <-[:prov_wasGeneratedBy]-(s:Study)
                 RETURN DISTINCT s.iri AS s ORDER BY s } AS studies,
       COLLECT { MATCH (p)<-[:prov_wasAssociatedWith]-(:KnowledgeOrganisation)
                       <-[:prov_wasGeneratedBy]-(k:KnowledgeProduct)
                 RETURN DISTINCT k.iri AS k ORDER BY k } AS products
