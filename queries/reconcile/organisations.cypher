// name: reconcile.organisations
// description: Every organisation that is not a network as a reconciliation candidate: names, ROR ID and BRIN code, and its classes and regions for the description.
// returns: iri, names, identifiers, description
MATCH (n:Organisation)
WHERE NOT n:Network
RETURN n.iri AS iri, [] + coalesce(n.foaf_name, []) AS names,
       {ror: [] + coalesce(n.ror, []), brin: [] + coalesce(n.brin, [])} AS identifiers,
       [] + coalesce(n._types, []) + coalesce(n.region, []) AS description
