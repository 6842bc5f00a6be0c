// name: load.extent_index
// description: The index that finds a source key's extent records.
// returns: nothing
CREATE INDEX source_extent_key IF NOT EXISTS FOR (e:SourceExtent) ON (e.key)
