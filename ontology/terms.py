"""Conversions between rdflib terms (what pyshacl reads) and pyoxigraph terms (what the readers
and stores use)."""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kennisgraaf.errors import OntologyError

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

    def quads(self, graph: Graph) -> list[ox.Quad]:
        t = self.term
        return [ox.Quad(t(s), t(p), t(o)) for s, p, o in graph]  # type: ignore[arg-type]


def to_rdflib(term: object) -> Node:
    """The rdflib term, literals with their lexical form exactly as read: rdflib would otherwise
    rewrite some ill-typed forms into valid ones ("maybe"^^xsd:boolean into "false", " 1" into "1")
    and the shapes could not see what is about to be stored."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value), normalize=False)
    raise OntologyError(f"not an RDF term: {term!r}")
