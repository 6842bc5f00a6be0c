"""The analytics over the graph: traces, cycle funnels, evidence, matching, networks, the seed's
gaps and the HTML report. Each result is one Pydantic model, defined next to the code that
produces it and used as it is by the CLI's JSON output and the API's responses.

Built on the named queries and their runner (`kennisgraaf.queries.registry`, `._run`), which
`kennisgraaf.graph` uses too; nothing here is imported by `graph/`."""
