"""Neo4j's public statements as pyoxigraph triples: all of them, or those of named resources.

The SPARQL projection is built from here (`rebuild`) and kept up to date from here (`apply`):
both derive a resource's statements the same way, from its stored (public) properties (with
the IRIs of its identifiers), its asserted classes and its outgoing relationships — what
`graph.exporter.iter_triples` gives with `public=True`, which the tests hold it to. Reads go to
a reading member of a cluster, after the transactions named by the bookmarks of the version
read that asked for them.

The dataset's counts (VoID: triples, entities, entities per class, triples per property) are
kept with the projection the same way (`Counts`): counted over every triple by a rebuild,
changed by an update with the triples it removes and adds.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox
from neo4j import Bookmarks, Driver, Session

from kennisgraaf.graph.connection import read_session
from kennisgraaf.graph.exporter import TermMaker, node_triples
from kennisgraaf.graph.mapping import GENID, RDF_TYPE
from kennisgraaf.graph.model import natural_datatypes
from kennisgraaf.graph.naming import iri_for
from kennisgraaf.queries.registry import get_query

CHUNK = 2000  # resources re-derived per read
_DEFAULT = ox.DefaultGraph()


@dataclass
class Counts:
    """The dataset's counts as VoID gives them: every triple; entities (resources with an IRI
    of their own that are the subject of a statement); entities per class (rdf:type triples
    per class); triples per property."""

    genid: str
    triples: int = 0
    entities: int = 0
    classes: Counter[str] = field(default_factory=Counter)
    properties: Counter[str] = field(default_factory=Counter)

    def is_entity(self, subject: ox.NamedNode | ox.BlankNode | ox.Triple) -> bool:
        return isinstance(subject, ox.NamedNode) and not subject.value.startswith(self.genid)

    def count(self, triples: Iterable[ox.Triple], sign: int = 1) -> None:
        """Counts `triples` in (sign 1) or out (sign -1); entities are counted by `subjects`."""
        for t in triples:
            self.triples += sign
            predicate = t.predicate.value
            self.properties[predicate] += sign
            if predicate == RDF_TYPE and isinstance(t.object, ox.NamedNode):
                self.classes[t.object.value] += sign

    def as_json(self) -> dict[str, Any]:
        return {
            "triples": self.triples,
            "entities": self.entities,
            "classes": {k: v for k, v in sorted(self.classes.items()) if v},
            "properties": {k: v for k, v in sorted(self.properties.items()) if v},
        }

    @classmethod
    def from_json(cls, genid: str, data: dict[str, Any]) -> Counts:
        return cls(
            genid,
            int(data["triples"]),
            int(data["entities"]),
            Counter({str(k): int(v) for k, v in data["classes"].items()}),
            Counter({str(k): int(v) for k, v in data["properties"].items()}),
        )

    @classmethod
    def of_store(cls, genid: str, store: ox.Store) -> Counts:
        """Counted over a whole store (a projection kept from before counts were)."""
        counts = cls(genid)
        subjects = set()
        for q in store.quads_for_pattern(None, None, None, _DEFAULT):
            counts.count((q.triple,))
            if counts.is_entity(q.subject):
                subjects.add(q.subject)
        counts.entities = len(subjects)
        return counts


class Deriver:
    """Statements of resources as the graph holds them now (public values only)."""

    def __init__(self, driver: Driver, database: str, base_iri: str) -> None:
        self.driver, self.database = driver, database
        self.terms = TermMaker(base_iri)
        self.natural = natural_datatypes()
        self.genid = base_iri + GENID

    def counting(self, triples: Iterable[ox.Triple], counts: Counts) -> Iterator[ox.Triple]:
        """`triples` passed on, counted as they go (a rebuild's)."""
        subjects = set()
        for t in triples:
            counts.count((t,))
            if counts.is_entity(t.subject):
                subjects.add(t.subject)
            yield t
        counts.entities = len(subjects)

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
        self,
        store: ox.Store,
        iris: Iterable[str],
        bookmarks: Bookmarks | None,
        counts: Counts | None = None,
    ) -> tuple[int, int]:
        """Bring the statements of `iris` in `store` to what the graph holds now (and `counts`
        with them); the numbers of triples removed and added."""
        ordered = sorted(set(iris))
        removed = added = 0
        with read_session(self.driver, self.database, bookmarks=bookmarks) as session:
            for start in range(0, len(ordered), CHUNK):
                chunk = ordered[start : start + CHUNK]
                now = self.of(session, chunk)
                before: set[ox.Triple] = set()
                had = set()
                for iri in chunk:
                    subject = self.terms.resource(iri)
                    found = [
                        q.triple for q in store.quads_for_pattern(subject, None, None, _DEFAULT)
                    ]
                    before.update(found)
                    if found:
                        had.add(subject)
                gone, new = before - now, now - before
                for t in gone:
                    store.remove(ox.Quad(t.subject, t.predicate, t.object, _DEFAULT))
                store.extend(ox.Quad(t.subject, t.predicate, t.object, _DEFAULT) for t in new)
                removed, added = removed + len(gone), added + len(new)
                if counts is not None:
                    counts.count(gone, -1)
                    counts.count(new)
                    has = {t.subject for t in now}
                    counts.entities += sum(1 for x in has - had if counts.is_entity(x))
                    counts.entities -= sum(1 for x in had - has if counts.is_entity(x))
        return removed, added
