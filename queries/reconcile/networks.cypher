// name: reconcile.networks
// description: The networks with these IRIs, as reconciliation candidates: names, and their kind and regions for the description.
// param: iris list — IRIs of the candidates (hits of reconcile.candidates)
// returns: iri, names, identifiers, description
MATCH (n:Resource)
WHERE n.iri IN $iris AND n:Network
RETURN n.iri AS iri, [] + coalesce(n.foaf_name, []) AS names, {} AS identifiers,
       COLLECT { MATCH (n)-[:networkKind]->(k) RETURN coalesce(k.skos_notation, k.iri) }
         + coalesce(n.region, []) AS description
