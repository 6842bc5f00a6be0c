"""Neo4j → RDF: the exact inverse of the mapping, streamed so memory stays flat.

Every reader says whether it is public: a public read gives the visible (public) values only,
a non-public one (the steward's export) every value a source gave, so its round trip is exact.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from itertools import chain
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

import pyoxigraph as ox
from neo4j import Driver

from kennisgraaf.graph.literals import XSD_STRING, lexicals_of, parse_key
from kennisgraaf.graph.mapping import GENID, RDF_TYPE, NodeStatements
from kennisgraaf.graph.naming import PREFIXES, iri_for
from kennisgraaf.graph.pids import link_triples
from kennisgraaf.graph.provenance import BY, full_props
from kennisgraaf.queries.registry import get_query
from kennisgraaf.rdf_formats import BY_NAME

# Every RDF format can be exported, by its name; those with named graphs get the source graphs.
EXPORT_FORMATS = BY_NAME
_RDF_TYPE = ox.NamedNode(RDF_TYPE)


class TermMaker:
    """IRIs back to RDF terms: skolem IRIs minted for blank nodes become blank nodes again."""

    def __init__(self, base_iri: str) -> None:
        self.genid = base_iri + GENID
        self._cache: dict[str, ox.NamedNode] = {}

    def resource(self, iri: str) -> ox.NamedNode | ox.BlankNode:
        if iri.startswith(self.genid):
            return ox.BlankNode(iri[len(self.genid) :])
        return ox.NamedNode(iri)

    def named(self, iri: str) -> ox.NamedNode:
        found = self._cache.get(iri)
        if found is None:
            found = self._cache[iri] = ox.NamedNode(iri)
        return found


def node_triples(
    terms: TermMaker,
    iri: str,
    labels: Iterable[str],
    props: dict[str, Any],
    natural: dict[str, str],
    *,
    pid_links: bool = False,
) -> Iterator[ox.Triple]:
    """A node's statements; with `pid_links` (public views) its identifiers' IRIs too."""
    subject = terms.resource(iri)
    for label in sorted(labels):
        if label != "Resource":
            yield ox.Triple(subject, _RDF_TYPE, terms.resource(iri_for(label)))
    for key, value in props.items():
        if key == "iri" or key.startswith("_"):
            continue
        predicate_iri, datatype, language = parse_key(key, natural)
        predicate = terms.named(predicate_iri)
        for lexical in lexicals_of(value):
            if language:
                literal = ox.Literal(lexical, language=language)
            elif datatype and datatype != XSD_STRING:
                literal = ox.Literal(lexical, datatype=ox.NamedNode(datatype))
            else:
                literal = ox.Literal(lexical)
            yield ox.Triple(subject, predicate, literal)
    if pid_links:
        yield from link_triples(subject, props, natural)


def iter_triples(
    driver: Driver, database: str, base_iri: str, natural: dict[str, str], *, public: bool
) -> Iterator[ox.Triple]:
    """Every statement in the graph: node by node, then relationship by relationship."""
    terms = TermMaker(base_iri)
    with driver.session(database=database, fetch_size=2000) as session:
        for r in session.run(get_query("export.nodes").text):
            props = dict(r["props"])
            if not public:
                props = full_props(r["iri"], props, natural)
            # Asserted classes only: labels of superclasses are there for querying.
            asserted = props.get("_types", r["labels"])
            yield from node_triples(terms, r["iri"], asserted, props, natural, pid_links=public)
        for r in session.run(get_query("export.relationships").text):
            yield ox.Triple(
                terms.resource(r["s"]), terms.named(iri_for(r["type"])), terms.resource(r["o"])
            )


def _graph_names(driver: Driver, database: str) -> dict[str, ox.NamedNode | ox.DefaultGraph]:
    records, _, _ = driver.execute_query(get_query("export.source_graphs").text, database_=database)
    names: dict[str, ox.NamedNode | ox.DefaultGraph] = {}
    for r in records:
        key, _, graph = str(r["entry"]).partition(" ")
        names[key] = ox.NamedNode(graph) if graph else ox.DefaultGraph()
    return names


def source_iri(base_iri: str, key: str) -> str:
    """The IRI of one source (a file or upload, one of its named graphs): the name of its graph
    in the public dumps and what a resource's description says it was derived from."""
    return f"{base_iri}id/source/{key}"


GraphOf = Callable[[str], ox.NamedNode | ox.DefaultGraph]


def _graph_naming(
    driver: Driver, database: str, base_iri: str, terms: TermMaker, by_source: bool
) -> GraphOf:
    """Source key → the graph its statements are exported in."""
    if by_source:

        def of_source(key: str) -> ox.NamedNode:
            return terms.named(source_iri(base_iri, key))

        return of_source
    names = _graph_names(driver, database)
    default = ox.DefaultGraph()

    def as_loaded(key: str) -> ox.NamedNode | ox.DefaultGraph:
        return names.get(key, default)

    return as_loaded


def iter_quads(
    driver: Driver,
    database: str,
    base_iri: str,
    natural: dict[str, str],
    *,
    public: bool,
    by_source: bool = False,
) -> Iterator[ox.Quad]:
    """Every statement in the graph it came from: read from the per-source provenance. With
    `by_source` each source's statements are in a graph of its own, named by `source_iri`;
    without, in the named graph the source gave them in (the default graph for a file of
    triples), as they were loaded. The same statement in the same graph is written once."""
    terms = TermMaker(base_iri)
    graph_of = _graph_naming(driver, database, base_iri, terms, by_source)
    with driver.session(database=database, fetch_size=2000) as session:
        for r in session.run(get_query("export.nodes").text):
            props = dict(r["props"])
            shown = _visible_literals(props) if public else None
            quads: dict[ox.Quad, None] = {}
            for name, value in props.items():
                if name.startswith(BY):
                    graph = graph_of(name[len(BY) :])
                    part = NodeStatements.from_json(json.loads(value))
                    for t in _part_triples(terms, r["iri"], part, shown, natural):
                        quads[ox.Quad(t.subject, t.predicate, t.object, graph)] = None
            yield from quads
        for r in session.run(get_query("export.relationships_with_sources").text):
            s, p, o = (
                terms.resource(r["s"]),
                terms.named(iri_for(r["type"])),
                terms.resource(r["o"]),
            )
            for graph in dict.fromkeys(graph_of(key) for key in r["sources"]):
                yield ox.Quad(s, p, o, graph)


def _part_triples(
    terms: TermMaker,
    iri: str,
    part: NodeStatements,
    shown: set[tuple[str, str]] | None,
    natural: dict[str, str],
) -> Iterator[ox.Triple]:
    """What one source says about a node, less what a public reader may not see."""
    by_key: dict[str, list[str]] = {}
    for prop, lexical in part.literals:
        if shown is None or (prop, lexical) in shown:
            by_key.setdefault(prop, []).append(lexical)
    return node_triples(terms, iri, part.labels, by_key, natural, pid_links=shown is not None)


def _visible_literals(props: dict[str, Any]) -> set[tuple[str, str]]:
    """The (property key, lexical form) pairs a public reader may see on a node."""
    return {
        (key, lexical)
        for key, value in props.items()
        if key != "iri" and not key.startswith("_")
        for lexical in lexicals_of(value)
    }


def export(
    driver: Driver,
    database: str,
    out: BinaryIO | Path,
    fmt: str,
    base_iri: str,
    natural: dict[str, str],
    *,
    public: bool,
    extra: Iterable[ox.Triple] = (),  # written last, in the default graph: the description
    by_source: bool = False,
) -> int:
    """Serialise the whole graph to `out`; returns the number of statements written. A public
    export holds public statements only; a non-public one everything (for the data steward).
    In a format with named graphs, `by_source` puts each source's statements in a graph of its
    own (see `iter_quads`)."""
    counter = [0]
    prefixes = {**PREFIXES, "kg": "https://w3id.org/kennisgraaf/def#", "id": base_iri + "id/"}
    syntax = EXPORT_FORMATS[fmt]
    if syntax.quads:
        quads = _counted(
            iter_quads(driver, database, base_iri, natural, public=public, by_source=by_source),
            counter,
        )
        quads = chain(quads, _counted(_in_default_graph(extra), counter))
        ox.serialize(quads, out, syntax.format, prefixes=prefixes)
    else:
        triples = _counted(
            iter_triples(driver, database, base_iri, natural, public=public), counter
        )
        triples = chain(triples, _counted(extra, counter))
        ox.serialize(triples, out, syntax.format, prefixes=prefixes)
    return counter[0]


T = TypeVar("T")


def _counted(items: Iterable[T], counter: list[int]) -> Iterator[T]:
    for item in items:
        counter[0] += 1
        yield item


def _in_default_graph(triples: Iterable[ox.Triple]) -> Iterator[ox.Quad]:
    default = ox.DefaultGraph()
    for t in triples:
        yield ox.Quad(t.subject, t.predicate, t.object, default)
