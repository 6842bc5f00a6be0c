// name: reconcile.candidates
// description: For each query of a reconciliation batch, the best hits of the reconciliation full-text index (Lucene query built by the caller from normalised words and escaped identifiers) whose kind is one the query asks for, best first.
// param: queries list — one map per query: key (string), lucene (the Lucene query), types (list of type ids: person, school, board, research-organisation, organisation, study, network, question, product)
// param: pool int = 200 — index hits read per query before the kinds are filtered
// param: limit int = 50 — candidates per query at most
// returns: key, iri, type, score
UNWIND $queries AS q
CALL (q) {
  CALL db.index.fulltext.queryNodes('kennisgraaf_reconcile_v2', q.lucene, {limit: $pool})
  YIELD node, score
  // A node may be of several types (a school is an organisation too): the most specific one
  // the query asks for.
  WITH node, score,
       [t IN [
          CASE WHEN node:Person THEN 'person' END,
          CASE WHEN node:School THEN 'school' END,
          CASE WHEN node:SchoolBoard THEN 'board' END,
          CASE WHEN node:Organisation AND node.ror IS NOT NULL THEN 'research-organisation' END,
          CASE WHEN node:Network THEN 'network' END,
          CASE WHEN node:Organisation AND NOT node:Network THEN 'organisation' END,
          CASE WHEN node:Study THEN 'study' END,
          CASE WHEN node:KnowledgeQuestion THEN 'question' END,
          CASE WHEN node:KnowledgeProduct THEN 'product' END
        ] WHERE t IS NOT NULL AND t IN q.types] AS types
  WHERE types <> []
  RETURN node.iri AS iri, types[0] AS type, score
  LIMIT $limit
}
RETURN q.key AS key, iri, type, score
