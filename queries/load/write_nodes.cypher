// name: load.write_nodes
// description: Replaces the properties and labels of resources with the merged state the writer computed.
// param: rows list — maps with iri, props (all properties, iri included), labels and drop (labels to remove)
// returns: nothing
UNWIND $rows AS row
MERGE (n:Resource {iri: row.iri})
SET n = row.props
SET n:$(row.labels)
REMOVE n:$(row.drop)
