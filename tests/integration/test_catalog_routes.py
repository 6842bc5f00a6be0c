"""The catalogue as served over the sample graph: /catalog in every RDF format it offers,
/.well-known/void holding the same catalogue, and both profiles' shapes without a violation."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver
from rdflib import Graph, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF

from kennisgraaf.settings import Settings
from tests.catalog_shapes import PROFILES, violations
from tests.ld_helpers import app_client

BASE = "https://w3id.org/kennisgraaf/"
FORMATS = {
    "text/turtle": "turtle",
    "application/ld+json": "json-ld",
    "application/n-triples": "nt",
    "application/rdf+xml": "xml",
}


@pytest.fixture(scope="module")
def api(
    sample_graph: tuple[Driver, str],
    neo4j_settings: Settings,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[TestClient]:
    publisher = {"publisher_iri": "https://ror.org/04pp8hn57", "contact_email": "data@example.org"}
    folder = tmp_path_factory.mktemp("app")
    with app_client(sample_graph[0], neo4j_settings, folder, **publisher) as client:
        yield client


def served(api: TestClient, path: str, accept: str) -> Graph:
    response = api.get(path, headers={"Accept": accept})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == accept
    return Graph().parse(data=response.text, format=FORMATS[accept])


@pytest.mark.parametrize("accept", FORMATS)
def test_the_catalogue_is_served_in_every_rdf_format(api: TestClient, accept: str) -> None:
    graph = served(api, "/catalog", accept)
    catalog = URIRef(BASE + "catalog")
    assert (catalog, RDF.type, DCAT.Catalog) in graph
    assert graph.value(catalog, DCAT.dataset) == URIRef(BASE + "dataset")
    assert graph.value(URIRef(BASE + "dataset"), DCTERMS.publisher) == URIRef(
        "https://ror.org/04pp8hn57"
    )
    assert graph.value(URIRef(BASE + "dataset"), DCTERMS.issued) is not None


@pytest.mark.parametrize("profile", PROFILES)
@pytest.mark.parametrize("path", ["/catalog", "/.well-known/void"])
def test_what_is_served_has_no_violation(api: TestClient, path: str, profile: str) -> None:
    assert violations(served(api, path, "text/turtle"), profile) == []


def test_the_catalogue_is_rdf_only(api: TestClient) -> None:
    response = api.get("/catalog", headers={"Accept": "text/html"})
    assert response.status_code == 406
    assert "text/turtle" in response.json()["available"]
