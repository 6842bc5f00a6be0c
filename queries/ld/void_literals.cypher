// name: ld.void_literals
// description: Literal statements per property key (one per value of a list), for VoID property partitions and the triple count.
// returns: key, triples
MATCH (n:Resource)
UNWIND [k IN keys(n) WHERE k <> 'iri' AND NOT k STARTS WITH '_'] AS key
WITH key, n[key] AS value
RETURN key, sum(CASE WHEN valueType(value) STARTS WITH 'LIST' THEN size(value) ELSE 1 END) AS triples
ORDER BY key
