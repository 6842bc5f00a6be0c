"""Context for validating without a database: the earlier batches of the same run, kept in an
on-disk pyoxigraph store so memory stays flat, and read back the way the gate reads Neo4j —
each batch resource and what it links to, two links outwards."""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType

import pyoxigraph as ox
from rdflib import Graph, URIRef

from kennisgraaf.graph.mapping import Resolved
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
        self.store.extend(
            ox.Quad(
                ox.NamedNode(s),
                ox.NamedNode(p),
                o if isinstance(o, ox.Literal) else ox.NamedNode(o),
            )
            for s, p, o, _ in statements
        )

    def context(self, iris: Iterable[str]) -> Graph:
        g = Graph()
        frontier = {ox.NamedNode(i) for i in iris}
        seen: set[ox.NamedNode] = set()
        for _ in range(HOPS + 1):
            following: set[ox.NamedNode] = set()
            for node in frontier - seen:
                seen.add(node)
                for quad in self.store.quads_for_pattern(node, None, None):
                    g.add(
                        (URIRef(node.value), URIRef(quad.predicate.value), to_rdflib(quad.object))
                    )
                    if isinstance(quad.object, ox.NamedNode):
                        following.add(quad.object)
            frontier = following
        return g
