// name: projection.record_changes
// description: Records, before an import writes or withdraws them, the resources whose statements it may change, so the SPARQL projection can re-derive just those once the import completes.
// param: import_id string — the import about to write
// param: part string — what is about to be written ('batch 3', 'withdraw <key>')
// param: iris list — IRIs of the resources it may change
// returns: nothing
CREATE (:ProjectionChange {import: $import_id, part: $part, iris: $iris, at: datetime()})
