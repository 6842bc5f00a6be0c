// name: api.studies
// description: One page of studies (research projects, publications, practitioner research) whose title holds all the given words, in IRI order, with the number that pass the filter.
// param: words list = null — lower-case words that must all occur in the title (Dutch or English)
// param: offset int = 0 — studies to skip
// param: limit int = 50 — studies at most
// returns: total, items (iri, types, title_nl, title_en, doi, date)
MATCH (n:Study)
WITH n, [] + coalesce(n.`dcterms_title@nl`, []) + coalesce(n.`dcterms_title@en`, []) AS texts
WHERE $words IS NULL
   OR all(w IN $words WHERE any(t IN texts WHERE toLower(t) CONTAINS w))
WITH n ORDER BY n.iri
WITH collect(n) AS found
CALL (found) {
  UNWIND found[$offset..($offset + $limit)] AS n
  RETURN collect({
    iri: n.iri, types: n._types, title_nl: n.`dcterms_title@nl`, title_en: n.`dcterms_title@en`,
    doi: n.doi,
    date: COLLECT { MATCH (n)-[:prov_wasGeneratedBy]->(a:prov_Activity) RETURN a.dcterms_date AS d ORDER BY d }[0]
  }) AS items
}
RETURN size(found) AS total, items
