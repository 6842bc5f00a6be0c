// name: load.write_relationships
// description: Creates the relationships a batch asserts that do not exist yet, with their properties: the sources asserting each and, per source, the import that asserted it (sources, _imp:<key>).
// param: rows list — maps with s, type, o and props (every property of the relationship)
// returns: nothing
UNWIND $rows AS row
MATCH (a:Resource {iri: row.s})
MATCH (b:Resource {iri: row.o})
CREATE (a)-[r:$(row.type)]->(b)
SET r = row.props
