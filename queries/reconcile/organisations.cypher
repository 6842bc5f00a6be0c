// name: reconcile.organisations
// description: The organisations (networks aside) with these IRIs, as reconciliation candidates: names, ROR ID and BRIN code, and their classes and regions for the description.
// param: iris list — IRIs of the candidates (hits of reconcile.candidates)
// returns: iri, names, identifiers, description
MATCH (n:Resource)
WHERE n.iri IN $iris AND n:Organisation AND NOT n:Network
RETURN n.iri AS iri, [] + coalesce(n.foaf_name, []) AS names,
       {ror: [] + coalesce(n.ror, []), brin: [] + coalesce(n.brin, [])} AS identifiers,
       [] + coalesce(n._types, []) + coalesce(n.region, []) AS description
