// name: reconcile.candidates
// description: For each query of a reconciliation batch, the best hits of the reconciliation full-text index (Lucene query built by the caller from normalised words and escaped identifiers) whose kind is one the query asks for, best first.
// param: queries list — one map per query: key (string), lucene (the Lucene query), types (list of type ids: person, organisation, study, network, question, product)
// param: pool int = 200 — index hits read per query before the kinds are filtered
// param: limit int = 50 — candidates per query at most
// returns: key, iri, type, score
UNWIND $queries AS q
CALL (q) {
  CALL db.index.fulltext.queryNodes('kennisgraaf_reconcile', q.lucene, {limit: $pool})
  YIELD node, score
  WITH node, score,
       CASE
         WHEN node:Person THEN 'person'
         WHEN node:Network THEN 'network'
         WHEN node:Organisation THEN 'organisation'
         WHEN node:Study THEN 'study'
         WHEN node:KnowledgeQuestion THEN 'question'
         WHEN node:KnowledgeProduct THEN 'product'
       END AS type
  WHERE type IN q.types
  RETURN node.iri AS iri, type, score
  LIMIT $limit
}
RETURN q.key AS key, iri, type, score
