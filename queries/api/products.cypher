// name: api.products
// description: One page of knowledge products (Kennisrotonde answers, evidence summaries, toolkit strands, practice guides, professional articles) whose title holds all the given words, in IRI order, with the number that pass the filter.
// param: words list = null — lower-case words that must all occur in the title (Dutch or English)
// param: offset int = 0 — products to skip
// param: limit int = 50 — products at most
// returns: total, items (iri, types, title_nl, title_en, date)
MATCH (n:KnowledgeProduct)
WITH n, [] + coalesce(n.`dcterms_title@nl`, []) + coalesce(n.`dcterms_title@en`, []) AS texts
WHERE $words IS NULL
   OR all(w IN $words WHERE any(t IN texts WHERE toLower(t) CONTAINS w))
WITH n ORDER BY n.iri
WITH collect(n) AS found
CALL (found) {
  UNWIND found[$offset..($offset + $limit)] AS n
  RETURN collect({
    iri: n.iri, types: n._types, title_nl: n.`dcterms_title@nl`, title_en: n.`dcterms_title@en`,
    date: COLLECT { MATCH (n)-[:prov_wasGeneratedBy]->(a:prov_Activity) RETURN a.dcterms_date AS d ORDER BY d }[0]
  }) AS items
}
RETURN size(found) AS total, items
