// name: erasure.bookkeeping
// description: Every node that is not a resource: import records, batch reports, the projection's change records and the like, whose text may mention an erased person.
// returns: id, props
MATCH (n)
WHERE NOT n:Resource AND NOT n:Erasure
RETURN elementId(n) AS id, properties(n) AS props
