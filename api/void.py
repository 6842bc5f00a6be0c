"""The dataset's own description in VoID and DCAT: size, partitions by class and property,
vocabularies, licence, where to query and download it, and when it last changed.

The statistics take a pass over the graph, so they are kept until an import, or any change in
the number of resources or relationships, makes them stale."""

from __future__ import annotations

import datetime as dt
import threading
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import neo4j
import pyoxigraph as ox
from neo4j import Driver

from kennisgraaf.api.dumps import DUMPS
from kennisgraaf.graph.literals import parse_key
from kennisgraaf.graph.mapping import GENID
from kennisgraaf.graph.model import natural_datatypes
from kennisgraaf.graph.naming import KG, PREFIXES, iri_for
from kennisgraaf.queries.registry import get_query

# The licence the ontology and shipped data carry, for data that declares none of its own.
DEFAULT_LICENCE = "https://spdx.org/licenses/EUPL-1.2"
VOID = PREFIXES["void"]
DCAT = PREFIXES["dcat"]
DCT = PREFIXES["dcterms"]
XSD = PREFIXES["xsd"]
RDF_TYPE = PREFIXES["rdf"] + "type"
IANA = "https://www.iana.org/assignments/media-types/"


@dataclass(frozen=True)
class Stats:
    triples: int
    entities: int
    classes: dict[str, int]  # class IRI → entities
    properties: dict[str, int]  # property IRI → triples
    modified: dt.datetime | None
    sources: dict[str, list[str]]  # declared dataset IRI → its licences

    @property
    def licences(self) -> list[str]:
        found = sorted({lic for lics in self.sources.values() for lic in lics})
        return found or [DEFAULT_LICENCE]

    @property
    def vocabularies(self) -> list[str]:
        """Namespaces of the classes and properties in use."""
        namespaces = {*PREFIXES.values(), KG}
        used = set()
        for iri in (*self.classes, *self.properties):
            best = max((ns for ns in namespaces if iri.startswith(ns)), key=len, default=None)
            if best:
                used.add(best)
        return sorted(used)


def _rows(driver: Driver, database: str, name: str, **params: Any) -> list[dict[str, Any]]:
    query = get_query(name)
    records, _, _ = driver.execute_query(
        query.text, query.bind(params), database_=database, routing_=neo4j.RoutingControl.READ
    )
    return [r.data() for r in records]


def _native_datetime(value: Any) -> dt.datetime | None:
    to_native = getattr(value, "to_native", None)
    native = to_native() if callable(to_native) else value
    return native if isinstance(native, dt.datetime) else None


def compute(driver: Driver, database: str, base_iri: str) -> Stats:
    state = _rows(driver, database, "ld.void_state")[0]
    classes = {
        iri_for(r["name"]): int(r["entities"]) for r in _rows(driver, database, "ld.void_classes")
    }
    properties: dict[str, int] = defaultdict(int)
    natural = natural_datatypes()
    for r in _rows(driver, database, "ld.void_literals"):
        properties[parse_key(r["key"], natural)[0]] += int(r["triples"])
    for r in _rows(driver, database, "ld.void_links"):
        properties[iri_for(r["type"])] += int(r["triples"])
    if classes:
        properties[RDF_TYPE] += sum(classes.values())
    entities = _rows(driver, database, "ld.void_entities", genid=base_iri + GENID)[0]["entities"]
    sources = {r["iri"]: list(r["licences"]) for r in _rows(driver, database, "ld.void_sources")}
    return Stats(
        triples=sum(properties.values()),
        entities=int(entities),
        classes=dict(sorted(classes.items())),
        properties=dict(sorted(properties.items())),
        modified=_native_datetime(state["modified"]),
        sources=sources,
    )


class StatsCache:
    """Statistics per database, recomputed when the graph's cheap fingerprint changes."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._cached: dict[str, tuple[tuple[Any, ...], Stats]] = {}

    def get(self, driver: Driver, database: str, base_iri: str) -> Stats:
        state = _rows(driver, database, "ld.void_state")[0]
        key = (
            str(state["modified"]),
            state["imports"],
            state["resources"],
            state["relationships"],
            base_iri,
        )
        with self._lock:
            found = self._cached.get(database)
            if found and found[0] == key:
                return found[1]
        stats = compute(driver, database, base_iri)
        with self._lock:
            self._cached[database] = (key, stats)
        return stats


def dataset_iri(base_iri: str) -> str:
    return base_iri + "dataset"


def description_iri(base_iri: str) -> str:
    return base_iri + ".well-known/void"


def void_triples(stats: Stats, base_iri: str) -> list[ox.Triple]:
    n = ox.NamedNode
    dataset = n(dataset_iri(base_iri))
    out: list[ox.Triple] = []

    def add(
        s: ox.NamedNode | ox.BlankNode, p: str, o: ox.NamedNode | ox.BlankNode | ox.Literal
    ) -> None:
        out.append(ox.Triple(s, n(p), o))

    def count(value: int) -> ox.Literal:
        return ox.Literal(str(value), datatype=n(XSD + "integer"))

    doc = n(description_iri(base_iri))
    add(doc, RDF_TYPE, n(VOID + "DatasetDescription"))
    add(doc, PREFIXES["foaf"] + "primaryTopic", dataset)
    add(dataset, RDF_TYPE, n(VOID + "Dataset"))
    add(dataset, RDF_TYPE, n(DCAT + "Dataset"))
    add(dataset, DCT + "title", ox.Literal("kennisgraaf", language="en"))
    add(dataset, DCT + "title", ox.Literal("kennisgraaf", language="nl"))
    add(
        dataset,
        DCT + "description",
        ox.Literal(
            "The knowledge graph of the Dutch education knowledge infrastructure: who asks which "
            "questions, which studies answer them, and how that knowledge is organised, shared "
            "and used.",
            language="en",
        ),
    )
    add(
        dataset,
        DCT + "description",
        ox.Literal(
            "De kennisgraaf van de Nederlandse onderwijskennisinfrastructuur: wie welke vragen "
            "stelt, welke studies ze beantwoorden en hoe die kennis wordt georganiseerd, gedeeld "
            "en benut.",
            language="nl",
        ),
    )
    for licence in stats.licences:
        add(dataset, DCT + "license", n(licence))
    if stats.modified is not None:
        stamp = stats.modified.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
        add(dataset, DCT + "modified", ox.Literal(stamp, datatype=n(XSD + "dateTime")))
    add(dataset, DCAT + "landingPage", n(base_iri))
    add(dataset, VOID + "uriSpace", ox.Literal(base_iri + "id/"))
    add(dataset, VOID + "triples", count(stats.triples))
    add(dataset, VOID + "entities", count(stats.entities))
    add(dataset, VOID + "classes", count(len(stats.classes)))
    add(dataset, VOID + "properties", count(len(stats.properties)))
    for vocabulary in stats.vocabularies:
        add(dataset, VOID + "vocabulary", n(vocabulary))
    for source in stats.sources:
        add(dataset, DCT + "source", n(source))
    sparql = n(base_iri + "sparql")
    add(dataset, VOID + "sparqlEndpoint", sparql)
    add(sparql, RDF_TYPE, n(DCAT + "DataService"))
    add(sparql, DCAT + "endpointURL", sparql)
    add(sparql, DCAT + "servesDataset", dataset)
    add(sparql, DCT + "conformsTo", n("https://www.w3.org/TR/sparql11-protocol/"))
    by_query = n(dataset_iri(base_iri) + "/distribution/sparql")
    add(dataset, DCAT + "distribution", by_query)
    add(by_query, RDF_TYPE, n(DCAT + "Distribution"))
    add(by_query, DCAT + "accessURL", sparql)
    add(by_query, DCAT + "accessService", sparql)
    for dump in DUMPS.values():
        url = n(f"{base_iri}dumps/kennisgraaf.{dump.suffix}")
        add(dataset, VOID + "dataDump", url)
        distribution = n(f"{dataset_iri(base_iri)}/distribution/{dump.suffix}")
        add(dataset, DCAT + "distribution", distribution)
        add(distribution, RDF_TYPE, n(DCAT + "Distribution"))
        add(distribution, DCAT + "downloadURL", url)
        add(distribution, DCAT + "mediaType", n(IANA + dump.media_type.split(";")[0]))
    for cls, entities in stats.classes.items():
        part = ox.BlankNode()
        add(dataset, VOID + "classPartition", part)
        add(part, VOID + "class", n(cls))
        add(part, VOID + "entities", count(entities))
    for prop, triples in stats.properties.items():
        part = ox.BlankNode()
        add(dataset, VOID + "propertyPartition", part)
        add(part, VOID + "property", n(prop))
        add(part, VOID + "triples", count(triples))
    return out
