"""The dataset's own description in VoID and DCAT: size, partitions by class and property,
vocabularies, licence, where to query and download it, and when it last changed.

The counts (triples, entities, entities per class, triples per property) are those of the SPARQL
projection, kept with it and changed by each import's added and withdrawn statements
(sparql/projection.py `Counts`); only where no projection is kept yet are they computed with a
pass over the graph. Either way they are kept until an import, or any change in the number of
resources or relationships, makes them stale."""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass
from typing import Any

import neo4j
import pyoxigraph as ox
from neo4j import Driver

from kennisgraaf.api.dumps import DUMPS
from kennisgraaf.graph.naming import KG, PREFIXES
from kennisgraaf.queries.registry import get_query
from kennisgraaf.settings import Settings
from kennisgraaf.sparql.projection import Counts, Deriver
from kennisgraaf.sparql.store import DerivedStore, store_for

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
    issued: dt.datetime | None = None  # the first import's end

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
    """The statistics with a pass over the whole graph: the counts of the statements every public
    view gives (those the SPARQL projection holds), derived afresh."""
    deriver = Deriver(driver, database, base_iri)
    counts = Counts(deriver.genid)
    for _ in deriver.counting(deriver.everything(None), counts):
        pass
    return from_counts(driver, database, counts.as_json())


def from_counts(driver: Driver, database: str, counts: dict[str, Any]) -> Stats:
    """The statistics from the SPARQL projection's counts (sparql/projection.py `Counts`)."""
    classes = {str(k): int(v) for k, v in counts["classes"].items()}
    properties = {str(k): int(v) for k, v in counts["properties"].items()}
    return _stats(driver, database, int(counts["entities"]), classes, properties)


def _stats(
    driver: Driver, database: str, entities: int, classes: dict[str, int], props: dict[str, int]
) -> Stats:
    state = _rows(driver, database, "ld.void_state")[0]
    sources = {r["iri"]: list(r["licences"]) for r in _rows(driver, database, "ld.void_sources")}
    return Stats(
        triples=sum(props.values()),
        entities=entities,
        classes=dict(sorted(classes.items())),
        properties=dict(sorted(props.items())),
        modified=_native_datetime(state["modified"]),
        sources=sources,
        issued=_native_datetime(_rows(driver, database, "ld.void_issued")[0]["issued"]),
    )


def projected(store: DerivedStore, driver: Driver, database: str) -> Stats | None:
    """The statistics of the projection brought up to date, None when none is kept yet (its
    first build is the SPARQL endpoint's to make) or it has no counts."""
    if not store.built():
        return None
    with store.lease() as generation:
        counts = generation.counts
    return from_counts(driver, database, counts) if counts is not None else None


class StatsCache:
    """Statistics per database, recomputed when the graph's cheap fingerprint changes: from the
    SPARQL projection's counts when `settings` name one that is kept, else from the graph."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._cached: dict[str, tuple[tuple[Any, ...], Stats]] = {}
        self._stores: dict[str, DerivedStore] = {}

    def get(
        self, driver: Driver, database: str, base_iri: str, settings: Settings | None = None
    ) -> Stats:
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
        stats = None
        if settings is not None:
            stats = projected(self._store(settings, driver), driver, database)
        if stats is None:
            stats = compute(driver, database, base_iri)
        with self._lock:
            self._cached[database] = (key, stats)
        return stats

    def _store(self, settings: Settings, driver: Driver) -> DerivedStore:
        with self._lock:
            store = self._stores.get(settings.neo4j_database)
            if store is None:
                store = self._stores[settings.neo4j_database] = store_for(settings, driver)
            return store


def dataset_iri(base_iri: str) -> str:
    return base_iri + "dataset"


def description_iri(base_iri: str) -> str:
    return base_iri + ".well-known/void"


def sparql_iri(base_iri: str) -> str:
    return base_iri + "sparql"


def distribution_iri(base_iri: str, name: str) -> str:
    """A distribution of the dataset: `sparql` or a dump's file suffix."""
    return f"{dataset_iri(base_iri)}/distribution/{name}"


class _Triples(list[ox.Triple]):
    """The description being written, statement by statement."""

    def add(
        self, s: ox.NamedNode | ox.BlankNode, p: str, o: ox.NamedNode | ox.BlankNode | ox.Literal
    ) -> None:
        self.append(ox.Triple(s, ox.NamedNode(p), o))


def _count(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=ox.NamedNode(XSD + "integer"))


TITLE = "kennisgraaf"
DESCRIPTIONS = {
    "en": "The knowledge graph of the Dutch education knowledge infrastructure: who asks which "
    "questions, which studies answer them, and how that knowledge is organised, shared and used.",
    "nl": "De kennisgraaf van de Nederlandse onderwijskennisinfrastructuur: wie welke vragen "
    "stelt, welke studies ze beantwoorden en hoe die kennis wordt georganiseerd, gedeeld en benut.",
}


def _dataset(out: _Triples, stats: Stats, base_iri: str, dataset: ox.NamedNode) -> None:
    """The dataset itself: what it is, its licences, when it changed and its sizes."""
    n = ox.NamedNode
    doc = n(description_iri(base_iri))
    out.add(doc, RDF_TYPE, n(VOID + "DatasetDescription"))
    out.add(doc, PREFIXES["foaf"] + "primaryTopic", dataset)
    out.add(dataset, RDF_TYPE, n(VOID + "Dataset"))
    out.add(dataset, RDF_TYPE, n(DCAT + "Dataset"))
    for lang in DESCRIPTIONS:
        out.add(dataset, DCT + "title", ox.Literal(TITLE, language=lang))
    for lang, description in DESCRIPTIONS.items():
        out.add(dataset, DCT + "description", ox.Literal(description, language=lang))
    for licence in stats.licences:
        out.add(dataset, DCT + "license", n(licence))
    if stats.modified is not None:
        stamp = stats.modified.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
        out.add(dataset, DCT + "modified", ox.Literal(stamp, datatype=n(XSD + "dateTime")))
    out.add(dataset, DCAT + "landingPage", n(base_iri))
    out.add(dataset, VOID + "uriSpace", ox.Literal(base_iri + "id/"))
    out.add(dataset, VOID + "triples", _count(stats.triples))
    out.add(dataset, VOID + "entities", _count(stats.entities))
    out.add(dataset, VOID + "classes", _count(len(stats.classes)))
    out.add(dataset, VOID + "properties", _count(len(stats.properties)))
    for vocabulary in stats.vocabularies:
        out.add(dataset, VOID + "vocabulary", n(vocabulary))
    for source in stats.sources:
        # prov:wasDerivedFrom, not dct:source: DCAT-AP would have each source described as a
        # dcat:Dataset in full, which only its own publisher can do.
        out.add(dataset, PREFIXES["prov"] + "wasDerivedFrom", n(source))


def _access(out: _Triples, base_iri: str, dataset: ox.NamedNode) -> None:
    """How to get at it: the SPARQL endpoint and the dumps, each a DCAT distribution."""
    n = ox.NamedNode
    sparql = n(sparql_iri(base_iri))
    out.add(dataset, VOID + "sparqlEndpoint", sparql)
    out.add(sparql, RDF_TYPE, n(DCAT + "DataService"))
    out.add(sparql, DCAT + "endpointURL", sparql)
    out.add(sparql, DCAT + "servesDataset", dataset)
    out.add(sparql, DCT + "conformsTo", n("https://www.w3.org/TR/sparql11-protocol/"))
    by_query = n(distribution_iri(base_iri, "sparql"))
    out.add(dataset, DCAT + "distribution", by_query)
    out.add(by_query, RDF_TYPE, n(DCAT + "Distribution"))
    out.add(by_query, DCAT + "accessURL", sparql)
    out.add(by_query, DCAT + "accessService", sparql)
    for dump in DUMPS.values():
        url = n(f"{base_iri}dumps/kennisgraaf.{dump.suffix}")
        out.add(dataset, VOID + "dataDump", url)
        distribution = n(distribution_iri(base_iri, dump.suffix))
        out.add(dataset, DCAT + "distribution", distribution)
        out.add(distribution, RDF_TYPE, n(DCAT + "Distribution"))
        out.add(distribution, DCAT + "downloadURL", url)
        media_type = n(IANA + dump.media_type.split(";")[0])
        out.add(distribution, DCAT + "mediaType", media_type)
        out.add(media_type, RDF_TYPE, n(DCT + "MediaType"))


def _partitions(out: _Triples, stats: Stats, dataset: ox.NamedNode) -> None:
    """Entities per class and statements per property."""
    for cls, entities in stats.classes.items():
        part = ox.BlankNode()
        out.add(dataset, VOID + "classPartition", part)
        out.add(part, VOID + "class", ox.NamedNode(cls))
        out.add(part, VOID + "entities", _count(entities))
    for prop, triples in stats.properties.items():
        part = ox.BlankNode()
        out.add(dataset, VOID + "propertyPartition", part)
        out.add(part, VOID + "property", ox.NamedNode(prop))
        out.add(part, VOID + "triples", _count(triples))


def void_triples(stats: Stats, base_iri: str) -> list[ox.Triple]:
    dataset = ox.NamedNode(dataset_iri(base_iri))
    out = _Triples()
    _dataset(out, stats, base_iri, dataset)
    _access(out, base_iri, dataset)
    _partitions(out, stats, dataset)
    return list(out)
