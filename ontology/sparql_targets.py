"""Focus nodes of SPARQL-based targets, found with pyoxigraph.

rdflib's SPARQL engine is interpreted Python and was the larger part of validating a batch; the
target queries select few nodes out of many, which pyoxigraph does in a fraction of the time.
The store holds the same data pyshacl validates (data graph plus the model it mixes in), so the
nodes are exactly the ones pyshacl's own evaluation of the target would find.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from kennisgraaf.errors import OntologyError
from kennisgraaf.ontology.shape_plan import SparqlTarget

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
Term = ox.NamedNode | ox.BlankNode | ox.Literal


class TermConverter:
    """rdflib terms → pyoxigraph terms, with IRIs interned (a batch repeats them many times)."""

    def __init__(self) -> None:
        self._named: dict[str, ox.NamedNode] = {}

    def term(self, node: Node) -> Term:
        if isinstance(node, URIRef):
            found = self._named.get(node)
            if found is None:
                found = self._named[node] = ox.NamedNode(str(node))
            return found
        if isinstance(node, BNode):
            return ox.BlankNode(str(node))
        if isinstance(node, Literal):
            if node.language:
                return ox.Literal(str(node), language=node.language)
            datatype = node.datatype
            if datatype is None or str(datatype) == XSD_STRING:
                return ox.Literal(str(node))
            return ox.Literal(str(node), datatype=self.term(datatype))  # type: ignore[arg-type]
        raise OntologyError(f"not an RDF term: {node!r}")

    def quads(self, graph: Iterable[tuple[Node, Node, Node]]) -> list[ox.Quad]:
        t = self.term
        return [ox.Quad(t(s), t(p), t(o)) for s, p, o in graph]  # type: ignore[arg-type]


def to_rdflib(term: object) -> Node:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise OntologyError(f"SPARQL target returned a non-term: {term!r}")


@lru_cache(maxsize=1)
def _model_quads() -> tuple[ox.Quad, ...]:
    from kennisgraaf.ontology.files import model_graph

    return tuple(TermConverter().quads(model_graph()))


def resolve_targets(targets: Iterable[SparqlTarget], data: Graph) -> Graph:
    """`shape sh:targetNode node` for every node each SPARQL target selects in data + model."""
    targets = list(targets)
    out = Graph()
    if not targets:
        return out
    store = ox.Store()
    store.bulk_extend(_model_quads())
    store.bulk_extend(TermConverter().quads(data))
    for target in targets:
        try:
            solutions = store.query(target.query)
        except (SyntaxError, OSError) as e:
            raise OntologyError(f"SPARQL target of {target.shape} could not run: {e}") from e
        if not isinstance(solutions, ox.QuerySolutions):
            raise OntologyError(f"SPARQL target of {target.shape} is not a SELECT query")
        for row in solutions:
            node = row["this"]
            if node is not None:
                out.add((target.shape, SH.targetNode, to_rdflib(node)))
    return out
