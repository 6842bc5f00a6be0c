"""The dataset's catalogue entry against the official DCAT-AP 3.0.1 and DCAT-AP-NL 3.0 shapes,
and what its settings put in it."""

from __future__ import annotations

import datetime as dt

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF

from kennisgraaf.api.catalog import catalog_iri, description_triples
from kennisgraaf.api.void import Stats
from kennisgraaf.rdf_formats import RDF_SYNTAXES
from kennisgraaf.settings import Settings
from tests.catalog_shapes import PROFILES, violations

BASE = "https://w3id.org/kennisgraaf/"
VCARD = "http://www.w3.org/2006/vcard/ns#"
STATS = Stats(
    triples=12,
    entities=4,
    classes={"https://w3id.org/kennisgraaf/def#Study": 4},
    properties={"http://purl.org/dc/terms/title": 4},
    modified=dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC),
    sources={
        "https://w3id.org/kennisgraaf/id/dataset/sample": ["https://spdx.org/licenses/EUPL-1.2"]
    },
    issued=dt.datetime(2025, 9, 1, 8, tzinfo=dt.UTC),
)
SETTINGS = Settings(
    publisher_iri="https://ror.org/04pp8hn57",
    publisher_name="Nationaal Regieorgaan Onderwijsonderzoek",
    contact_email="data@example.org",
    licence="http://creativecommons.org/licenses/by/4.0/",
    coverage_end="2030-12-31",
)


def as_graph(triples: list[ox.Triple]) -> Graph:
    text = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    return Graph().parse(data=text, format="nt")


def described(stats: Stats = STATS, settings: Settings = SETTINGS) -> Graph:
    return as_graph(description_triples(stats, settings))


@pytest.mark.parametrize("profile", PROFILES)
@pytest.mark.parametrize("settings", [SETTINGS, Settings()], ids=["configured", "defaults"])
def test_the_description_has_no_violation_of_either_profile(
    profile: str, settings: Settings
) -> None:
    assert violations(described(settings=settings), profile) == []


@pytest.mark.parametrize(
    ("profile", "mandatory"),
    [("dcat-ap-3.0.1", DCTERMS.description), ("dcat-ap-nl-3.0", DCTERMS.publisher)],
)
def test_the_shapes_do_find_what_is_missing(profile: str, mandatory: URIRef) -> None:
    """The check has teeth: without a property the profile requires of a dataset it objects."""
    graph = described()
    graph.remove((URIRef(BASE + "dataset"), mandatory, None))
    assert any(str(mandatory) in v for v in violations(graph, profile))


def test_every_dump_is_a_distribution_with_access_url_licence_format_and_media_type() -> None:
    graph = described()
    dataset = URIRef(BASE + "dataset")
    distributions = set(graph.objects(dataset, DCAT.distribution))
    licence = URIRef("http://creativecommons.org/licenses/by/4.0/")
    for syntax in RDF_SYNTAXES:
        dump = URIRef(f"{BASE}dumps/kennisgraaf{syntax.suffix}")
        [distribution] = [d for d in distributions if (d, DCAT.downloadURL, dump) in graph]
        assert graph.value(distribution, DCAT.accessURL) == dump
        assert graph.value(distribution, DCTERMS.license) == licence
        assert str(graph.value(distribution, DCTERMS.format)).startswith(
            "http://publications.europa.eu/resource/authority/file-type/"
        )
        media_type = str(graph.value(distribution, DCAT.mediaType))
        assert media_type == "https://www.iana.org/assignments/media-types/" + syntax.media_type


def test_the_catalogue_holds_the_dataset_and_the_sparql_service() -> None:
    graph = described()
    catalog = URIRef(catalog_iri(BASE))
    service = URIRef(BASE + "sparql")
    assert (catalog, RDF.type, DCAT.Catalog) in graph
    assert graph.value(catalog, DCAT.dataset) == URIRef(BASE + "dataset")
    assert graph.value(catalog, DCAT.service) == service
    assert (service, RDF.type, DCAT.DataService) in graph
    assert graph.value(service, DCAT.endpointURL) == service
    assert graph.value(service, DCAT.servesDataset) == URIRef(BASE + "dataset")
    assert Literal("kennisgraaf SPARQL endpoint", lang="en") in set(
        graph.objects(service, DCTERMS.title)
    )


def test_publisher_contact_licence_and_coverage_come_from_the_settings() -> None:
    graph = described()
    dataset = URIRef(BASE + "dataset")
    publisher = URIRef("https://ror.org/04pp8hn57")
    assert graph.value(dataset, DCTERMS.publisher) == publisher
    assert graph.value(publisher, FOAF.name) == Literal("Nationaal Regieorgaan Onderwijsonderzoek")
    contact = graph.value(dataset, DCAT.contactPoint)
    assert graph.value(contact, URIRef(VCARD + "hasEmail")) == URIRef("mailto:data@example.org")
    period = graph.value(dataset, DCTERMS.temporal)
    assert str(graph.value(period, DCAT.startDate)) == "2019-01-01"
    assert str(graph.value(period, DCAT.endDate)) == "2030-12-31"
    issued = graph.value(dataset, DCTERMS.issued)
    assert isinstance(issued, Literal) and issued.toPython() == STATS.issued
    assert graph.value(dataset, DCTERMS.conformsTo) == URIRef("https://w3id.org/kennisgraaf/def")
    assert graph.value(dataset, DCTERMS.spatial) == URIRef(
        "http://publications.europa.eu/resource/authority/country/NLD"
    )
