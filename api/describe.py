"""A resource's description for dereferencing: its own statements, the statements linking to
it, and blank-node neighbours in full — a symmetric Concise Bounded Description read from Neo4j
and turned back into RDF by the exporter's inverse mapping."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import neo4j
import pyoxigraph as ox
from neo4j import Driver

from kennisgraaf.api.resource_document import (
    Provenance,
    document_iri,
    provenance_triples,
    read_source,
    source_triples,
)
from kennisgraaf.graph.exporter import TermMaker, node_triples, source_iri
from kennisgraaf.graph.mapping import GENID
from kennisgraaf.graph.naming import KG, PREFIXES, iri_for
from kennisgraaf.queries.registry import get_query

MAX_INCOMING = 1000


@dataclass(frozen=True)
class Neighbour:
    predicate: str
    iri: str
    labels: tuple[str, ...]
    props: dict[str, Any]


@dataclass
class Description:
    iri: str
    labels: tuple[str, ...]  # property-graph labels, superclasses included (for page kinds)
    types: tuple[str, ...]  # asserted class IRIs
    props: dict[str, Any]
    out: list[Neighbour]
    incoming: list[Neighbour]
    incoming_total: int
    triples: list[ox.Triple] = field(default_factory=list)  # about and to the resource
    provenance: Provenance | None = None  # what the document says of itself, once read

    @property
    def document_triples(self) -> list[ox.Triple]:
        """The resource's statements and what its document says of itself (the RDF served)."""
        if self.provenance is None:
            return self.triples
        return self.triples + provenance_triples(self.iri, self.provenance)

    @property
    def incoming_truncated(self) -> bool:
        return self.incoming_total > len(self.incoming)


def asserted_names(labels: list[str] | tuple[str, ...], props: dict[str, Any]) -> list[str]:
    """The asserted classes' names, as the exporter reads them."""
    types = props.get("_types")
    if types is None:
        return [name for name in labels if name != "Resource"]
    return list(types) if isinstance(types, list) else [str(types)]


def describe(
    driver: Driver,
    database: str,
    base_iri: str,
    candidates: list[str],
    natural: dict[str, str],
    max_incoming: int = MAX_INCOMING,
) -> tuple[int, Description] | None:
    """The first candidate IRI the graph holds (its index) and its description."""
    query = get_query("ld.describe")
    params = query.bind(
        {"iris": candidates, "genid": base_iri + GENID, "max_incoming": max_incoming}
    )
    records, _, _ = driver.execute_query(
        query.text, params, database_=database, routing_=neo4j.RoutingControl.READ
    )
    if not records:
        return None
    r = records[0]

    def neighbours(rows: list[dict[str, Any]]) -> list[Neighbour]:
        return [
            Neighbour(iri_for(x["type"]), x["iri"], tuple(x["labels"]), dict(x["props"] or {}))
            for x in rows
        ]

    props = dict(r["props"])
    labels = tuple(r["labels"])
    d = Description(
        iri=r["iri"],
        labels=labels,
        types=tuple(iri_for(name) for name in asserted_names(labels, props)),
        props=props,
        out=neighbours(r["out"]),
        incoming=neighbours(r["incoming"]),
        incoming_total=int(r["incoming_total"]),
    )
    d.triples = list(_triples(d, base_iri, natural))
    return int(r["candidate"]), d


def describe_source(
    driver: Driver, database: str, base_iri: str, candidates: list[str]
) -> tuple[int, Description] | None:
    """The first candidate that is a source's IRI (`{base}id/source/{key}`, the name of its graph
    in the dumps) and the description of that source, when a current import holds it."""
    prefix = source_iri(base_iri, "")
    for index, iri in enumerate(candidates):
        key = iri[len(prefix) :] if iri.startswith(prefix) else ""
        source = read_source(driver, database, base_iri, key) if key.isalnum() else None
        document = document_iri(base_iri, iri)
        if source is not None and document is not None:
            triples = source_triples(source, document)
            types = (PREFIXES["prov"] + "Entity",)
            return index, Description(iri, (), types, {}, [], [], 0, triples)
    return None


def _triples(d: Description, base_iri: str, natural: dict[str, str]) -> list[ox.Triple]:
    terms = TermMaker(base_iri)
    subject = terms.resource(d.iri)
    names = asserted_names(d.labels, d.props)
    triples = list(node_triples(terms, d.iri, names, d.props, natural, pid_links=True))
    for n in d.out:
        target = terms.resource(n.iri)
        triples.append(ox.Triple(subject, terms.named(n.predicate), target))
        if isinstance(target, ox.BlankNode):
            # One level of blank nodes, the part of a CBD this data model produces.
            names = asserted_names(n.labels, n.props)
            triples.extend(node_triples(terms, n.iri, names, n.props, natural))
    for n in d.incoming:
        triples.append(ox.Triple(terms.resource(n.iri), terms.named(n.predicate), subject))
    return triples


SERIALISATION_PREFIXES = {**PREFIXES, "kg": KG}


def used_prefixes(triples: list[ox.Triple]) -> dict[str, str]:
    """Only the prefixes the statements use, so a small description stays small."""
    iris = {t.predicate.value for t in triples}
    for t in triples:
        for term in (t.subject, t.object):
            if isinstance(term, ox.NamedNode):
                iris.add(term.value)
            elif isinstance(term, ox.Literal):
                iris.add(term.datatype.value)
    namespaces = {iri[: max(iri.rfind("#"), iri.rfind("/")) + 1] for iri in iris}
    return {p: ns for p, ns in SERIALISATION_PREFIXES.items() if ns in namespaces}


def serialise(triples: list[ox.Triple], fmt: ox.RdfFormat) -> bytes:
    out = ox.serialize(triples, format=fmt, prefixes=used_prefixes(triples))
    return out if out is not None else b""
