// name: api.people
// description: One page of people whose name holds all the given words, ordered by name, with the number that pass the filter.
// param: words list = null — lower-case words that must all occur in the name
// param: offset int = 0 — people to skip
// param: limit int = 50 — people at most
// returns: total, items (iri, name, orcid)
MATCH (n:Person)
WITH n, [] + coalesce(n.foaf_name, []) AS texts
WHERE $words IS NULL
   OR all(w IN $words WHERE any(t IN texts WHERE toLower(t) CONTAINS w))
WITH n ORDER BY toLower(texts[0]), n.iri
WITH collect(n) AS found
CALL (found) {
  UNWIND found[$offset..($offset + $limit)] AS n
  RETURN collect({iri: n.iri, name: n.foaf_name, orcid: n.orcid}) AS items
}
RETURN size(found) AS total, items
