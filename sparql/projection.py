"""Neo4j's public statements as pyoxigraph triples: all of them, or those of named resources.

The SPARQL projection is built from here (`rebuild`) and kept up to date from here (`apply`):
both derive a resource's statements the same way, from its stored (public) properties (with
the IRIs of its identifiers), its asserted classes and its outgoing relationships — what
`graph.exporter.iter_triples` gives with `public=True`, which the tests hold it to. Reads go to
a reading member of a cluster, after the transactions named by the bookmarks of the version
read that asked for them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import pyoxigraph as ox
from neo4j import Bookmarks, Driver, Session

from kennisgraaf.graph.connection import read_session
from kennisgraaf.graph.exporter import TermMaker, node_triples
from kennisgraaf.graph.model import natural_datatypes
from kennisgraaf.graph.naming import iri_for
from kennisgraaf.queries.registry import get_query

CHUNK = 2000  # resources re-derived per read
_DEFAULT = ox.DefaultGraph()


class Deriver:
    """Statements of resources as the graph holds them now (public values only)."""

    def __init__(self, driver: Driver, database: str, base_iri: str) -> None:
        self.driver, self.database = driver, database
        self.terms = TermMaker(base_iri)
        self.natural = natural_datatypes()

    def _node(self, record: Any) -> Iterator[ox.Triple]:
        props = dict(record["props"])
        # Asserted classes only: labels of superclasses are there for querying.
        asserted = props.get("_types", record["labels"])
        yield from node_triples(
            self.terms, record["iri"], asserted, props, self.natural, pid_links=True
        )

    def _link(self, record: Any) -> ox.Triple:
        return ox.Triple(
            self.terms.resource(record["s"]),
            self.terms.named(iri_for(record["type"])),
            self.terms.resource(record["o"]),
        )

    def everything(self, bookmarks: Bookmarks | None) -> Iterator[ox.Triple]:
        """Every public statement: node by node, then relationship by relationship."""
        with read_session(self.driver, self.database, bookmarks=bookmarks) as session:
            for r in session.run(get_query("export.nodes").text):
                yield from self._node(r)
            for r in session.run(get_query("export.relationships").text):
                yield self._link(r)

    def of(self, session: Session, iris: list[str]) -> set[ox.Triple]:
        """The statements whose subject is one of `iris`."""
        found: set[ox.Triple] = set()
        for r in session.run(get_query("projection.nodes_of").text, iris=iris):
            found.update(self._node(r))
        for r in session.run(get_query("projection.links_of").text, iris=iris):
            found.add(self._link(r))
        return found

    def apply(
        self, store: ox.Store, iris: Iterable[str], bookmarks: Bookmarks | None
    ) -> tuple[int, int]:
        """Bring the statements of `iris` in `store` to what the graph holds now; the numbers
        of triples removed and added."""
        ordered = sorted(set(iris))
        removed = added = 0
        with read_session(self.driver, self.database, bookmarks=bookmarks) as session:
            for start in range(0, len(ordered), CHUNK):
                chunk = ordered[start : start + CHUNK]
                now = self.of(session, chunk)
                before: set[ox.Triple] = set()
                for iri in chunk:
                    subject = self.terms.resource(iri)
                    before.update(
                        q.triple for q in store.quads_for_pattern(subject, None, None, _DEFAULT)
                    )
                gone, new = before - now, now - before
                for t in gone:
                    store.remove(ox.Quad(t.subject, t.predicate, t.object, _DEFAULT))
                store.extend(ox.Quad(t.subject, t.predicate, t.object, _DEFAULT) for t in new)
                removed, added = removed + len(gone), added + len(new)
        return removed, added
