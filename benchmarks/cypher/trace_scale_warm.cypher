// Reads every node with its IRI, every relationship and the whole Resource(iri) index once, so
// the store's pages are in the page cache before traces are timed, as in a service that has run
// for a while.
MATCH (n)
WITH count(n.iri) + sum(COUNT { (n)-->() }) AS touched
CALL () {
  MATCH (r:Resource) USING INDEX r:Resource(iri)
  WHERE r.iri >= ''
  RETURN count(r) AS indexed
}
RETURN touched + indexed AS touched
