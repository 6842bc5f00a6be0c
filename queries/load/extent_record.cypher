// name: load.extent_record
// description: Records, before a batch is written, the resources whose statements it may change (the SPARQL projection's change record) and, per source key, the resources it describes or links from (the key's extent, which bounds what a later import of the key may have to withdraw).
// param: import_id string — the import about to write
// param: part string — what is about to be written ('batch 3')
// param: iris list — IRIs of the resources it may change
// param: extents list — maps with key (source key) and iris (the resources the batch says something about under that key)
// returns: nothing
CREATE (:ProjectionChange {import: $import_id, part: $part, iris: $iris, at: datetime()})
WITH 1 AS one
UNWIND $extents AS extent
CREATE (:SourceExtent {key: extent.key, import: $import_id, part: $part, iris: extent.iris})
