"""Context from statements not (yet) in the graph, read back the way the gate reads Neo4j —
each batch resource and what it links to, two links outwards. Validating without a database
keeps the earlier batches of the run in an on-disk pyoxigraph store, so memory stays flat."""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import TracebackType

import pyoxigraph as ox
from rdflib import Graph, URIRef

from kennisgraaf.graph.mapping import Resolved, Triple
from kennisgraaf.ontology.terms import to_rdflib

HOPS = 2


class EarlierBatches:
    def __init__(self) -> None:
        self._folder = tempfile.TemporaryDirectory(prefix="kennisgraaf-validate-")
        self.store = ox.Store(Path(self._folder.name))

    def __enter__(self) -> EarlierBatches:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        del self.store
        self._folder.cleanup()

    def add(self, statements: Iterable[Resolved]) -> None:
        self.store.extend(as_quads((s, p, o) for s, p, o, _ in statements))
        # Without a flush RocksDB keeps every batch in its memtables: 10^6 statements held
        # 575 MiB resident, flushed per batch 101 MiB, flat.
        self.store.flush()

    def context(self, iris: Iterable[str]) -> Graph:
        return outward_context(self.store, iris)


def as_quads(triples: Iterable[Triple]) -> Iterator[ox.Quad]:
    for s, p, o in triples:
        yield ox.Quad(
            ox.NamedNode(s), ox.NamedNode(p), o if isinstance(o, ox.Literal) else ox.NamedNode(o)
        )


def ntriples(triples: Iterable[Triple]) -> bytes:
    """The triples as N-Triples, written directly: their IRIs come from a parser or a
    constructor that checked them, and a literal's text is its N-Triples form. Five times
    quicker than making pyoxigraph quads to serialise them."""
    literal = ox.Literal
    return "".join(
        [
            f"<{s}> <{p}> {o} .\n" if isinstance(o, literal) else f"<{s}> <{p}> <{o}> .\n"
            for s, p, o in triples
        ]
    ).encode()


def outward_context(store: ox.Store, iris: Iterable[str]) -> Graph:
    """The statements about `iris` and about what they link to, two links outwards."""
    g = Graph()
    frontier = {ox.NamedNode(i) for i in iris}
    seen: set[ox.NamedNode] = set()
    for _ in range(HOPS + 1):
        following: set[ox.NamedNode] = set()
        for node in frontier - seen:
            seen.add(node)
            for quad in store.quads_for_pattern(node, None, None):
                g.add((URIRef(node.value), URIRef(quad.predicate.value), to_rdflib(quad.object)))
                if isinstance(quad.object, ox.NamedNode):
                    following.add(quad.object)
        frontier = following
    return g
