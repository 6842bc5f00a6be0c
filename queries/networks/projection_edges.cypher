// name: networks.projection_edges
// description: Edges of the collaboration projection — person–organisation (org:Membership), network–member (org:hasMember), activity–person/organisation (prov:wasAssociatedWith) and organisation–parent (org:subOrganizationOf).
// returns: source, target, kind (membership|member|associated|part_of)
MATCH (p:Person)<-[:org_member]-(:org_Membership)-[:org_organization]->(o:Organisation)
RETURN p.iri AS source, o.iri AS target, 'membership' AS kind
UNION
MATCH (n:Network)-[:org_hasMember]->(x)
WHERE x:Person OR x:Organisation
RETURN n.iri AS source, x.iri AS target, 'member' AS kind
UNION
MATCH (a:prov_Activity)-[:prov_wasAssociatedWith]->(x)
WHERE x:Person OR x:Organisation
RETURN a.iri AS source, x.iri AS target, 'associated' AS kind
UNION
MATCH (o:Organisation)-[:org_subOrganizationOf]->(parent:Organisation)
RETURN o.iri AS source, parent.iri AS target, 'part_of' AS kind
