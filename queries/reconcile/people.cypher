// name: reconcile.people
// description: Every person as a reconciliation candidate: names, ORCID iD, and the roles they hold (role and organisation name) to tell namesakes apart.
// returns: iri, names, identifiers, description
MATCH (n:Person)
RETURN n.iri AS iri, [] + coalesce(n.foaf_name, []) AS names,
       {orcid: [] + coalesce(n.orcid, [])} AS identifiers,
       COLLECT {
         MATCH (n)<-[:org_member]-(m:org_Membership)-[:org_organization]->(o)
         OPTIONAL MATCH (m)-[:org_role]->(r)
         WITH coalesce(r.skos_notation, 'member') + ', ' + coalesce(o.foaf_name, o.iri) AS held
         RETURN held ORDER BY held
       } AS description
