// name: projection.journal_index
// description: The index that finds an import's change records.
// returns: nothing
CREATE INDEX projection_change_import IF NOT EXISTS FOR (c:ProjectionChange) ON (c.import)
