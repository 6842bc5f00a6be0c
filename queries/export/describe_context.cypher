// name: export.describe_context
// description: The resources within two links of the given ones (not through vocabulary concepts), with their properties and outgoing links: the context the SHACL gate validates a batch against.
// param: iris list — resource IRIs of a batch
// param: per_node int = 500 — neighbours taken per resource at most
// returns: iri, labels, props, out
UNWIND $iris AS iri
MATCH (n:Resource {iri: iri})
CALL (n) {
  MATCH (n)-[]-(m1:Resource)
  WHERE NOT m1:skos_Concept
  WITH DISTINCT m1 LIMIT $per_node
  OPTIONAL MATCH (m1)-[]-(m2:Resource)
  WHERE NOT m2:skos_Concept
  WITH m1, collect(DISTINCT m2)[..$per_node] AS second
  RETURN collect(m1) + reduce(acc = [], xs IN collect(second) | acc + xs) AS near
}
WITH collect(n) + reduce(acc = [], xs IN collect(near) | acc + xs) AS found
UNWIND found AS x
WITH DISTINCT x
RETURN x.iri AS iri, labels(x) AS labels, properties(x) AS props,
       [(x)-[r]->(y:Resource) | [type(r), y.iri]] AS out
