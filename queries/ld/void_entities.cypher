// name: ld.void_entities
// description: Resources with an IRI of their own (not a skolemised blank node) that are the subject of at least one statement.
// param: genid string — prefix of the skolem IRIs minted for blank nodes
// returns: entities
MATCH (n:Resource)
WHERE NOT n.iri STARTS WITH $genid
  AND (size(coalesce(n._types, [l IN labels(n) WHERE l <> 'Resource'])) > 0
       OR any(k IN keys(n) WHERE k <> 'iri' AND NOT k STARTS WITH '_')
       OR EXISTS { (n)-->(:Resource) })
RETURN count(n) AS entities
