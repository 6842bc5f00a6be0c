// name: reconcile.networks
// description: Every network as a reconciliation candidate: names, and its kind and regions for the description.
// returns: iri, names, identifiers, description
MATCH (n:Network)
RETURN n.iri AS iri, [] + coalesce(n.foaf_name, []) AS names, {} AS identifiers,
       COLLECT { MATCH (n)-[:networkKind]->(k) RETURN coalesce(k.skos_notation, k.iri) }
         + coalesce(n.region, []) AS description
