// The batch's new relationships without their provenance properties (sources, _imp:<key>):
// what the writer's relationships would cost if the provenance lived elsewhere. Benchmark only.
UNWIND $rows AS row
MATCH (a:Resource {iri: row.s})
MATCH (b:Resource {iri: row.o})
CREATE (a)-[:$(row.type)]->(b)
