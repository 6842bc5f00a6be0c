"""The graph links out: over the demo's graph (vocabularies, their mappings, the sample and the
Kennisrotonde example) a SPARQL query for every IRI outside the project's namespace finds the
ORCID iDs, ROR IDs and DOIs as IRIs and the mapped ISCED 2011 and UNESCO Thesaurus concepts;
reconciliation finds a resource by any of its identifiers in any common spelling."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver
from rdflib import Graph, URIRef

from kennisgraaf.loaders.kennisrotonde import example_path
from kennisgraaf.ontology.files import dataset_path, mappings_path
from kennisgraaf.settings import Settings
from tests.database import Declare
from tests.ld_helpers import app_client
from tests.pipeline_helpers import load
from tests.register_graph import VOCABULARIES

BASE = "https://w3id.org/kennisgraaf/"
KG = BASE + "def#"
SAME_AS = "https://schema.org/sameAs"
KR_EXAMPLE = example_path("kennisrotonde-example.json")
OUTSIDE = f"""SELECT DISTINCT ?o WHERE {{
  ?s ?p ?o . FILTER(isIRI(?o) && !STRSTARTS(STR(?o), "{BASE}"))
}}"""
NAMESPACES = {
    "ORCID": "https://orcid.org/",
    "ROR": "https://ror.org/",
    "DOI": "https://doi.org/",
    "ISCED 2011": "https://w3id.org/isced/2011/",
    "UNESCO Thesaurus": "http://vocabularies.unesco.org/thesaurus/",
}


def load_demo(driver: Driver, database: str, folder: Path) -> Driver:
    for path in (VOCABULARIES, mappings_path(), dataset_path("sample")):
        assert load(driver, database, path, folder).rejections == []
    report = load(driver, database, KR_EXAMPLE, folder, kind="kennisrotonde")
    assert report.summary()["records_quarantined"] == 0
    return driver


@pytest.fixture(scope="module")
def api(
    module_graph: Declare, neo4j_settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TestClient]:
    with app_client(module_graph(load_demo), neo4j_settings, tmp_path_factory.mktemp("app")) as c:
        yield c


def outside_iris(api: TestClient) -> set[str]:
    response = api.get("/sparql", params={"query": OUTSIDE})
    assert response.status_code == 200, response.text
    return {b["o"]["value"] for b in response.json()["results"]["bindings"]}


def expected_links() -> dict[str, set[str]]:
    """What the loaded files give, read from them: every identifier and mapping target."""
    sample = Graph().parse(dataset_path("sample"), format="turtle")
    mappings = Graph().parse(mappings_path(), format="turtle")
    records = json.loads(KR_EXAMPLE.read_text(encoding="utf-8"))
    orcids = {
        str(expert["orcid"]).rsplit("/", 1)[-1]
        for record in records
        for expert in record.get("experts", [])
        if expert.get("orcid")
    }
    targets = {str(o) for o in mappings.objects() if isinstance(o, URIRef)}
    return {
        "ORCID": {NAMESPACES["ORCID"] + o for o in orcids},
        "ROR": {NAMESPACES["ROR"] + str(o) for o in sample.objects(None, URIRef(KG + "ror"))},
        "DOI": {NAMESPACES["DOI"] + str(o) for o in sample.objects(None, URIRef(KG + "doi"))},
        "ISCED 2011": {t for t in targets if t.startswith(NAMESPACES["ISCED 2011"])},
        "UNESCO Thesaurus": {
            t for t in targets if t.startswith(NAMESPACES["UNESCO Thesaurus"] + "concept")
        },
    }


def test_outside_iris_cover_orcid_ror_doi_and_the_mapped_vocabularies(api: TestClient) -> None:
    found = outside_iris(api)
    per_namespace = Counter(
        name for iri in found for name, ns in NAMESPACES.items() if iri.startswith(ns)
    )
    print("distinct outside IRIs:", len(found), dict(sorted(per_namespace.items())))
    for name, wanted in expected_links().items():
        assert wanted, name
        assert wanted <= found, (name, sorted(wanted - found))
    assert set(per_namespace) == set(NAMESPACES)


def test_an_identifier_is_linked_as_schema_same_as(api: TestClient) -> None:
    organisation = BASE + "id/organisation/ror/04pp8hn57"
    ask = f"ASK {{ <{organisation}> <{SAME_AS}> <https://ror.org/04pp8hn57> }}"
    response = api.get("/sparql", params={"query": ask})
    assert response.status_code == 200 and response.json()["boolean"] is True
    turtle = api.get("/id/organisation/ror/04pp8hn57", headers={"Accept": "text/turtle"})
    described = Graph().parse(data=turtle.text, format="turtle")
    assert (URIRef(organisation), URIRef(SAME_AS), URIRef("https://ror.org/04pp8hn57")) in (
        described
    )


def reconciled(api: TestClient, text: str, type_id: str) -> list[dict[str, object]]:
    queries = {"q0": {"query": text, "type": type_id}}
    response = api.get("/reconcile", params={"queries": json.dumps(queries)})
    assert response.status_code == 200, response.text
    result: list[dict[str, object]] = response.json()["q0"]["result"]
    return result


@pytest.mark.parametrize(
    ("spellings", "type_id", "iri"),
    [
        (
            ("04pp8hn57", "https://ror.org/04pp8hn57", "ror.org/04PP8HN57"),
            "organisation",
            BASE + "id/organisation/ror/04pp8hn57",
        ),
        (
            ("10.5555/kg-sample.s01", "doi:10.5555/KG-SAMPLE.S01",
             "https://doi.org/10.5555/kg-sample.s01"),
            "study",
            BASE + "id/study/doi/10.5555/kg-sample.s01",
        ),
    ],
)  # fmt: skip
def test_reconciliation_finds_a_resource_by_its_identifier_in_any_spelling(
    api: TestClient, spellings: tuple[str, ...], type_id: str, iri: str
) -> None:
    for text in spellings:
        result = reconciled(api, text, type_id)
        assert result and result[0]["id"] == iri and result[0]["match"] is True, (text, result)


def test_reconciliation_finds_a_person_by_orcid_with_or_without_url(api: TestClient) -> None:
    [orcid] = sorted(expected_links()["ORCID"])[:1]
    bare = orcid.rsplit("/", 1)[-1]
    for text in (bare, orcid, "orcid.org/" + bare):
        result = reconciled(api, text, "person")
        assert result and result[0]["match"] is True, (text, result)
        assert str(result[0]["id"]).startswith(BASE + "id/person/"), result
