// name: export.source_graphs
// description: For every source key of a current import, the named graph its statements came from ('' for the default graph).
// returns: entry
MATCH (i:Import {current: true})
UNWIND coalesce(i.graphs, []) AS entry
RETURN DISTINCT entry
