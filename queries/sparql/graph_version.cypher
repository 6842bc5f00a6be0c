// name: sparql.graph_version
// description: The graph's version for the SPARQL store: the current import of every source with the moment it finished. Every completed load changes it; a wipe empties it.
// returns: imports (list of 'id finishedAt', sorted)
MATCH (i:Import {current: true})
WITH i.id + ' ' + toString(i.finishedAt) AS entry
ORDER BY entry
RETURN collect(entry) AS imports
