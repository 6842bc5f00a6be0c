// name: reconcile.people
// description: The people with these IRIs, as reconciliation candidates: names, ORCID iD, and the roles they hold (role and organisation name) to tell namesakes apart.
// param: iris list — IRIs of the candidates (hits of reconcile.candidates)
// returns: iri, names, identifiers, description
MATCH (n:Resource)
WHERE n.iri IN $iris AND n:Person
RETURN n.iri AS iri, [] + coalesce(n.foaf_name, []) AS names,
       {orcid: [] + coalesce(n.orcid, [])} AS identifiers,
       COLLECT {
         MATCH (n)<-[:org_member]-(m:org_Membership)-[:org_organization]->(o)
         OPTIONAL MATCH (m)-[:org_role]->(r)
         WITH coalesce(r.skos_notation, 'member') + ', ' + coalesce(o.foaf_name, o.iri) AS held
         RETURN held ORDER BY held
       } AS description
