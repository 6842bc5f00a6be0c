// name: registers.previous_links
// description: The links of the given types a register's source asserts in its current release (a location's municipality, a municipality's province).
// param: key string — the source key of the register's family
// param: types list — relationship types to read
// returns: s, type, o
MATCH (n:Resource)-[r]->(m:Resource)
WHERE type(r) IN $types AND $key IN coalesce(r.sources, [])
RETURN n.iri AS s, type(r) AS type, m.iri AS o
