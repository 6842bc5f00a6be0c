// name: ld.search
// description: Questions, answers, studies, products, initiatives, networks, people and organisations whose texts, titles, names or identifiers match a full-text query (Lucene syntax, built by the caller from escaped words), through the Dutch (stemmed) and the folding (accents folded, identifiers) index alike, best first; people shown by role only are left out.
// param: query string — the Lucene query
// param: limit int = 50 — results at most
// returns: iri, labels, props, score
CALL () {
  CALL db.index.fulltext.queryNodes('kennisgraaf_search_nl', $query, {limit: $limit})
  YIELD node, score
  RETURN node, score
  UNION ALL
  CALL db.index.fulltext.queryNodes('kennisgraaf_search_folded', $query, {limit: $limit})
  YIELD node, score
  RETURN node, score
}
WITH node, max(score) AS score
WHERE node._hidden IS NULL
RETURN node.iri AS iri, labels(node) AS labels,
       node {._types, .foaf_name, .dcterms_title, .`dcterms_title@nl`, .`dcterms_title@en`,
             .`questionText@nl`, .`questionText@en`, .rdfs_label, .`rdfs_label@nl`,
             .`rdfs_label@en`, .`skos_prefLabel@nl`, .`skos_prefLabel@en`} AS props,
       score
ORDER BY score DESC, iri
LIMIT $limit
