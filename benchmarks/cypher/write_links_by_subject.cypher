// The batch's new relationships, one row per subject: one index look-up of the subject for all
// its links instead of one per link. Benchmark only.
UNWIND $rows AS row
MATCH (a:Resource {iri: row.s})
UNWIND row.links AS link
MATCH (b:Resource {iri: link.o})
CREATE (a)-[r:$(link.type)]->(b)
SET r = link.props
