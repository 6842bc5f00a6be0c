"""kennisgraaf.queries: the named queries (the .cypher and .rq files in this folder's
subfolders), their registry (`registry`: headers, parameters, lookup by name) and their runner
(`runner`: read-only execution, IRI checks). `kennisgraaf.graph` and the analytics
(`kennisgraaf.queries.analytics`) build on these; this package imports neither."""
