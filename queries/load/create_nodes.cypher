// name: load.create_nodes
// description: Creates resources the batch describes for the first time (the writer read that they do not exist, in the same transaction), with their merged state.
// param: rows list — maps with iri, props (all properties, iri included) and labels
// returns: nothing
UNWIND $rows AS row
CREATE (n:Resource)
SET n = row.props
SET n:$(row.labels)
