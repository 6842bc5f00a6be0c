// name: api.organisations
// description: One page of organisations (networks excluded) whose name holds all the given words, ordered by name, with the number that pass the filter.
// param: words list = null — lower-case words that must all occur in the name
// param: offset int = 0 — organisations to skip
// param: limit int = 50 — organisations at most
// returns: total, items (iri, name, types, sectors, ror, brin)
MATCH (n:Organisation)
WHERE NOT n:Network
WITH n, [] + coalesce(n.foaf_name, []) AS texts
WHERE $words IS NULL
   OR all(w IN $words WHERE any(t IN texts WHERE toLower(t) CONTAINS w))
WITH n ORDER BY toLower(texts[0]), n.iri
WITH collect(n) AS found
CALL (found) {
  UNWIND found[$offset..($offset + $limit)] AS n
  RETURN collect({
    iri: n.iri, name: n.foaf_name, types: n._types, ror: n.ror, brin: n.brin,
    sectors: COLLECT { MATCH (n)-[:sector]->(s) WITH coalesce(s.skos_notation, s.iri) AS v
                       RETURN v ORDER BY v }
  }) AS items
}
RETURN size(found) AS total, items
