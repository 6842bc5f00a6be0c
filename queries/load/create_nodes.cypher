// name: load.create_nodes
// description: Creates resources the graph does not hold yet, with the state the writer computed (no lookup: the writer read the batch's resources in the same transaction, and the iri constraint refuses a duplicate).
// param: rows list — maps with iri, props (all properties, iri included) and labels
// returns: nothing
UNWIND $rows AS row
CREATE (n:Resource)
SET n = row.props
SET n:$(row.labels)
