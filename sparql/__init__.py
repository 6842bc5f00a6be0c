"""kennisgraaf.sparql: the read-only SPARQL 1.1 engine room behind `/sparql` — what is refused
before a query runs (`guard`), the formats answers come in (`formats`), a pyoxigraph store
derived from Neo4j (`store`), a pool of query processes that can be killed (`pool`, `worker`)
and the service tying them together (`service`). No HTTP framework here: `api/` serves it."""
