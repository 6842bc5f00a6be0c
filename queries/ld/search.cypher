// name: ld.search
// description: Questions, studies, products, people and organisations whose texts, titles or names match a full-text query (Lucene syntax, built by the caller from escaped words), best first.
// param: query string — the Lucene query
// param: limit int = 50 — results at most
// returns: iri, labels, props, score
CALL db.index.fulltext.queryNodes('kennisgraaf_text', $query, {limit: $limit})
YIELD node, score
RETURN node.iri AS iri, labels(node) AS labels,
       node {._types, .foaf_name, .dcterms_title, .`dcterms_title@nl`, .`dcterms_title@en`,
             .`questionText@nl`, .`questionText@en`} AS props,
       score
ORDER BY score DESC, iri
