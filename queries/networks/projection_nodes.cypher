// name: networks.projection_nodes
// description: Nodes of the collaboration projection — people (with the sides of the roles they hold), organisations, networks and the activities people or organisations are associated with — with names and sectors.
// returns: iri, kind (person|organisation|network|activity), name, sectors, sides
CALL () {
  MATCH (n:Person) RETURN n, 'person' AS kind
  UNION
  MATCH (n:Organisation) RETURN n, CASE WHEN n:Network THEN 'network' ELSE 'organisation' END AS kind
  UNION
  MATCH (n:prov_Activity) WHERE (n)-[:prov_wasAssociatedWith]->() RETURN n, 'activity' AS kind
}
RETURN n.iri AS iri, kind,
       coalesce(n.foaf_name, n.`dcterms_title@nl`, n.`dcterms_title@en`) AS name,
       COLLECT { MATCH (n)-[:sector]->(s:skos_Concept) RETURN DISTINCT s.skos_notation AS s ORDER BY s }
         AS sectors,
       COLLECT {
         MATCH (n)<-[:org_member]-(:org_Membership)-[:org_role]->(:skos_Concept)
               -[:roleSide]->(side:skos_Concept)
         RETURN DISTINCT side.skos_notation AS side ORDER BY side
       } AS sides
ORDER BY iri
