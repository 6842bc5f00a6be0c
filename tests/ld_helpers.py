"""Shared by the linked-data, page and browser tests: the sample graph plus one small source
published under another base IRI (declared once per module: the `ld_graph` fixture of
tests/conftest.py), and the settings of an app over it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

from fastapi.testclient import TestClient
from neo4j import Driver
from rdflib import RDF, Graph, Literal, URIRef

from kennisgraaf.api.app import create_app
from kennisgraaf.loaders.pipeline import LoadOptions, load_file
from kennisgraaf.ontology.files import dataset_path
from kennisgraaf.settings import Settings
from tests.database import wipe_database

ID = "https://w3id.org/kennisgraaf/id/"
OTHER_BASE = "https://data.nro.nl/kg/"
# What a publisher with its own domain loads: minted under its base, with a hostile name.
OTHER_TTL = """\
@prefix kg:   <https://w3id.org/kennisgraaf/def#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .

<https://data.nro.nl/kg/id/person/script-kiddie> a kg:Person ;
    foaf:name "<script>alert(1)</script> & \\"Kiddie\\"" ;
    kg:consentToBeNamed true ;
    rdfs:seeAlso <javascript:alert(2)> .
"""


def vocabularies_path() -> Path:
    return Path(str(resources.files("kennisgraaf.ontology") / "vocabularies.ttl"))


def load_all(driver: Driver, database: str, tmp: Path) -> Graph:
    """Wipe, then load vocabularies, sample and the other publisher's file; returns what was
    loaded, parsed by rdflib, with the identifier IRIs every public view adds, to compare the
    served RDF against."""
    wipe_database(driver, database)
    other = tmp / "other-publisher.ttl"
    other.write_text(OTHER_TTL, encoding="utf-8")
    loaded = Graph()
    for path, base in (
        (vocabularies_path(), "https://w3id.org/kennisgraaf/"),
        (dataset_path("sample"), "https://w3id.org/kennisgraaf/"),
        (other, OTHER_BASE),
    ):
        options = LoadOptions(base_iri=base, quarantine_dir=tmp / "quarantine")
        report = load_file(path, driver, database, options)
        assert report.rejections == [], report.rejections
        loaded.parse(path, format="turtle")
    return with_pid_links(loaded)


@contextmanager
def app_client(
    driver: Driver, neo4j_settings: Settings, tmp: Path, **update: object
) -> Iterator[TestClient]:
    """A client of the real app over `driver`, with `app_settings` changed by `update`."""
    settings = app_settings(neo4j_settings, tmp).model_copy(update=update)
    with TestClient(create_app(settings, driver=driver)) as client:
        yield client


def app_settings(neo4j_settings: Settings, tmp: Path, base_iri: str | None = None) -> Settings:
    update: dict[str, object] = {"data_dir": tmp / "data"}
    if base_iri:
        update["base_iri"] = base_iri
    return neo4j_settings.model_copy(update=update)


_KG = "https://w3id.org/kennisgraaf/def#"
# README "Personal data", written out here independently of graph/disclosure.py.
_RESTRICTED_ANYWHERE = {
    URIRef(_KG + "outcome"),
    URIRef("http://www.w3.org/2004/02/skos/core#note"),
    URIRef("http://www.w3.org/2004/02/skos/core#editorialNote"),
    URIRef("http://www.w3.org/2000/01/rdf-schema#comment"),
}
_CONSENT = URIRef(_KG + "consentToBeNamed")


def public_part(graph: Graph) -> Graph:
    """What every public view may show of `graph`: no restricted literal, and of a person not
    named publicly (consent not true, or false, and no ORCID iD) only the consent itself."""
    hidden = set()
    for person in graph.subjects(RDF.type, URIRef(_KG + "Person")):
        consent = {str(c) for c in graph.objects(person, _CONSENT)}
        orcid = graph.value(person, URIRef(_KG + "orcid")) is not None
        if "false" in consent or ("true" not in consent and not orcid):
            hidden.add(person)
    public = Graph()
    for s, p, o in graph:
        if isinstance(o, Literal) and (
            p in _RESTRICTED_ANYWHERE or (s in hidden and p != _CONSENT)
        ):
            continue
        public.add((s, p, o))
    return public


# README "Links out": each public identifier literal is also given as its resolver's IRI.
_RESOLVERS = {
    URIRef(_KG + "orcid"): "https://orcid.org/",
    URIRef(_KG + "ror"): "https://ror.org/",
    URIRef(_KG + "doi"): "https://doi.org/",
}
SAME_AS = URIRef("https://schema.org/sameAs")


def with_pid_links(graph: Graph) -> Graph:
    """`graph` and, for each identifier a public view shows, `schema:sameAs` its IRI (the
    identifiers here need no escaping in an IRI)."""
    for s, p, o in list(public_part(graph)):
        prefix = _RESOLVERS.get(p) if isinstance(p, URIRef) else None
        if prefix is not None and isinstance(o, Literal):
            graph.add((s, SAME_AS, URIRef(prefix + str(o))))
    return graph
