"""The document about a resource, and what it says of where the resource's statements came from.

URI strategy (deploy/README.md): a thing is `{base}id/{key}`, the document
about it `{base}doc/{key}`, as the Dutch URI strategy has them. `/id/…` answers 200 with the
document's representation, `Content-Location` naming the document (with the format's suffix),
and the RDF says `<id> foaf:isPrimaryTopicOf <doc>`; `/doc/…` answers the same.

Provenance: the document names the sources its statements were derived from (each a graph of its
own in the N-Quads and TriG dumps), when the latest of them was loaded, and the licence.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import neo4j
import pyoxigraph as ox
from neo4j import Driver

from kennisgraaf.graph.exporter import source_iri
from kennisgraaf.graph.naming import PREFIXES
from kennisgraaf.graph.provenance import IMP
from kennisgraaf.queries.registry import get_query

RDF_TYPE = PREFIXES["rdf"] + "type"
RDFS_LABEL = PREFIXES["rdfs"] + "label"
FOAF = PREFIXES["foaf"]
DCT = PREFIXES["dcterms"]
PROV = PREFIXES["prov"]
XSD_DATETIME = PREFIXES["xsd"] + "dateTime"


def document_iri(base_iri: str, iri: str) -> str | None:
    """`{base}id/{key}` → `{base}doc/{key}`; None for an IRI outside the base's `id/` space."""
    things = base_iri + "id/"
    return base_iri + "doc/" + iri[len(things) :] if iri.startswith(things) else None


@dataclass(frozen=True)
class Source:
    iri: str  # source_iri: also the name of its graph in the dumps
    name: str  # the source's name as it was loaded (a file or upload name)
    loaded: dt.datetime | None  # when its current import finished


@dataclass(frozen=True)
class Provenance:
    document: str
    sources: tuple[Source, ...]
    licence: str  # the licence the published data carries (the `licence` setting)

    @property
    def modified(self) -> dt.datetime | None:
        """The last time a source of the resource's statements was loaded."""
        return max((s.loaded for s in self.sources if s.loaded), default=None)


def _native(value: Any) -> dt.datetime | None:
    to_native = getattr(value, "to_native", None)
    native = to_native() if callable(to_native) else value
    return native if isinstance(native, dt.datetime) else None


def read_provenance(
    driver: Driver, database: str, base_iri: str, iri: str, props: dict[str, Any], licence: str
) -> Provenance | None:
    """The provenance of the document about a stored node (whose `_imp:<key>` entries name the
    import of each source that says something about it); None outside the base's `id/`."""
    document = document_iri(base_iri, iri)
    if document is None:
        return None
    imports = {name[len(IMP) :]: str(v) for name, v in props.items() if name.startswith(IMP)}
    query = get_query("ld.provenance")
    records, _, _ = driver.execute_query(
        query.text,
        query.bind({"imports": sorted(set(imports.values()))}),
        database_=database,
        routing_=neo4j.RoutingControl.READ,
    )
    found = {r["id"]: r for r in records}
    sources = []
    for key, import_id in sorted(imports.items()):
        row = found.get(import_id)
        if row is not None:
            name = str(row["source"])
            sources.append(Source(source_iri(base_iri, key), name, _native(row["finished"])))
    return Provenance(document, tuple(sources), licence)


def _stamp(when: dt.datetime) -> ox.Literal:
    text = when.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
    return ox.Literal(text, datatype=ox.NamedNode(XSD_DATETIME))


def provenance_triples(iri: str, p: Provenance) -> list[ox.Triple]:
    """What the document says of itself and of the resource: its primary topic, the sources it
    was derived from, when it was last modified and its licence (FOAF, PROV, DCTERMS)."""
    n = ox.NamedNode
    thing, doc = n(iri), n(p.document)
    out = [
        ox.Triple(thing, n(FOAF + "isPrimaryTopicOf"), doc),
        ox.Triple(doc, n(RDF_TYPE), n(FOAF + "Document")),
        ox.Triple(doc, n(FOAF + "primaryTopic"), thing),
    ]
    out.append(ox.Triple(doc, n(DCT + "license"), n(p.licence)))
    if p.modified is not None:
        out.append(ox.Triple(doc, n(DCT + "modified"), _stamp(p.modified)))
    for source in p.sources:
        out.append(ox.Triple(doc, n(PROV + "wasDerivedFrom"), n(source.iri)))
        out += _source_statements(source)
    return out


def _source_statements(source: Source) -> list[ox.Triple]:
    n = ox.NamedNode
    entity = n(source.iri)
    out = [
        ox.Triple(entity, n(RDF_TYPE), n(PROV + "Entity")),
        ox.Triple(entity, n(RDFS_LABEL), ox.Literal(source.name)),
    ]
    if source.loaded is not None:
        out.append(ox.Triple(entity, n(DCT + "modified"), _stamp(source.loaded)))
    return out


def read_source(driver: Driver, database: str, base_iri: str, key: str) -> Source | None:
    """A source by its key (the last part of its IRI), when a current import holds it."""
    query = get_query("ld.source")
    records, _, _ = driver.execute_query(
        query.text, query.bind({"key": key}), database_=database,
        routing_=neo4j.RoutingControl.READ,
    )  # fmt: skip
    if not records:
        return None
    row = records[0]
    return Source(source_iri(base_iri, key), str(row["source"]), _native(row["finished"]))


def source_triples(source: Source, document: str) -> list[ox.Triple]:
    """What the document about a source says: what the source is called and when it was loaded."""
    n = ox.NamedNode
    entity, doc = n(source.iri), n(document)
    return [
        *_source_statements(source),
        ox.Triple(entity, n(FOAF + "isPrimaryTopicOf"), doc),
        ox.Triple(doc, n(RDF_TYPE), n(FOAF + "Document")),
        ox.Triple(doc, n(FOAF + "primaryTopic"), entity),
    ]
