"""Search as a Dutch user searches: over question and answer texts, titles, initiatives, names
and every identifier in any common spelling, with Dutch stemming and folded accents — on the
sample, the seed (initiatives), the Kennisrotonde example file and a DUO register excerpt.
Every expectation is read from those files."""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver
from rdflib import Graph, Literal, URIRef

from kennisgraaf.loaders.kennisrotonde import example_path
from kennisgraaf.ontology.files import dataset_path
from kennisgraaf.settings import Settings
from tests.database import Declare
from tests.integration.test_pages import hits
from tests.ld_helpers import app_client
from tests.pipeline_helpers import load
from tests.register_graph import REGISTERS, VOCABULARIES

ID = "https://w3id.org/kennisgraaf/id/"
SEARCHED = ("question", "study", "product", "network", "initiative", "organisation", "person")
DUO = REGISTERS / "duo" / "alle-vestigingen-vo-drenthe.csv"
KR = example_path("kennisrotonde-example.json")


def load_searchable(driver: Driver, database: str, folder: Path) -> Driver:
    load(driver, database, VOCABULARIES, folder)
    load(driver, database, REGISTERS / "cbs" / "municipalities.csv", folder, kind="cbs-regions")
    load(driver, database, DUO, folder, kind="duo")
    load(driver, database, dataset_path("seed"), folder)
    load(driver, database, dataset_path("sample"), folder)
    report = load(driver, database, KR, folder, kind="kennisrotonde")
    assert report.summary()["records_quarantined"] == 0
    return driver


@pytest.fixture(scope="module")
def pages(
    module_graph: Declare, neo4j_settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TestClient]:
    with app_client(
        module_graph(load_searchable), neo4j_settings, tmp_path_factory.mktemp("app")
    ) as client:
        yield client


@pytest.fixture(scope="module")
def sample() -> Graph:
    return Graph().parse(dataset_path("sample"), format="turtle")


def records() -> list[dict[str, Any]]:
    loaded: list[dict[str, Any]] = json.loads(KR.read_text(encoding="utf-8"))
    return loaded


def local(iri: str) -> str:
    return "/" + iri.removeprefix("https://w3id.org/kennisgraaf/")


def with_word(graph: Graph, pattern: str) -> set[str]:
    """Pages of the searched kinds whose Dutch or untagged texts hold the word."""
    word = re.compile(rf"\b{pattern}\b", re.IGNORECASE)
    return {
        local(str(s))
        for s, _, o in graph
        if isinstance(s, URIRef)
        and isinstance(o, Literal)
        and o.language in (None, "nl")
        and str(s).removeprefix(ID).split("/")[0] in SEARCHED
        and word.search(str(o))
    }


def test_the_dutch_analyzer_is_offered(pages: TestClient) -> None:
    driver: Driver = pages.app.state.driver  # type: ignore[attr-defined]
    records_, _, _ = driver.execute_query("CALL db.index.fulltext.listAvailableAnalyzers()")
    assert {"dutch", "standard-folding"} <= {r["analyzer"] for r in records_}


def test_kennisrotonde_finds_what_names_it(pages: TestClient, sample: Graph) -> None:
    expected = with_word(sample, "Kennisrotonde")
    assert expected
    assert expected <= set(hits(pages, "Kennisrotonde"))


def test_dutch_stemming_finds_other_forms(pages: TestClient, sample: Graph) -> None:
    # The sample says "groep 6"; "groepen" is no prefix of it: only the stem joins them.
    expected = with_word(sample, "groep")
    assert expected and not with_word(sample, "groepen")
    assert expected <= set(hits(pages, "groepen"))


def test_accents_are_folded(pages: TestClient, sample: Graph) -> None:
    expected = with_word(sample, "leesstrategieën")
    assert expected
    assert expected <= set(hits(pages, "leesstrategieen"))
    assert expected <= set(hits(pages, "LEESSTRATEGIEËN"))


@pytest.mark.parametrize("record", records(), ids=lambda r: str(r["number"]))
def test_a_kennisrotonde_number_in_any_spelling(pages: TestClient, record: dict[str, Any]) -> None:
    digits = re.sub(r"\D", "", str(record["number"]))
    question = f"/id/question/kennisrotonde/KR{digits}"
    for spelling in (f"KR{digits}", f"KR.{digits}", f"kr {digits}"):
        found = hits(pages, spelling)
        # the question, its answer and the answer's earlier versions: the record's, no other
        assert question in found, (spelling, found)
        assert {h.rsplit("/", 1)[-1].split("-")[0] for h in found} == {f"KR{digits}"}, found


def test_answer_texts_are_searched(pages: TestClient) -> None:
    answered = next(r for r in records() if r.get("short_answer"))
    words = re.findall(r"\w{6,}", answered["short_answer"])[:3]
    digits = re.sub(r"\D", "", str(answered["number"]))
    assert f"/id/product/kennisrotonde/KR{digits}" in hits(pages, " ".join(words))


def expert_with_orcid() -> tuple[str, str]:
    for record in records():
        for expert in record.get("experts", []):
            if expert.get("orcid"):
                return expert["name"], str(expert["orcid"]).rsplit("/", 1)[-1]
    raise AssertionError("the example file names no expert with an ORCID iD")


def hit_names(client: TestClient, q: str) -> list[str]:
    html = client.get("/search", params={"q": q}, headers={"Accept": "text/html"}).text
    ol = html[html.index('<ol class="hits">') :] if '<ol class="hits">' in html else ""
    return re.findall(r'<a href="[^"]*">([^<]*)</a>', ol)


def test_an_orcid_in_any_spelling(pages: TestClient) -> None:
    name, orcid = expert_with_orcid()
    for spelling in (orcid, f"https://orcid.org/{orcid}", f"orcid.org/{orcid}"):
        assert hit_names(pages, spelling)[:1] == [name], spelling


def test_a_ror_id_in_any_spelling(pages: TestClient, sample: Graph) -> None:
    ror = URIRef("https://w3id.org/kennisgraaf/def#ror")
    organisation, value = next(iter(sorted(sample.subject_objects(ror))))
    for spelling in (str(value), f"https://ror.org/{value}", f"ror.org/{str(value).upper()}"):
        assert hits(pages, spelling)[:1] == [local(str(organisation))], spelling


def test_a_doi_in_any_spelling(pages: TestClient, sample: Graph) -> None:
    doi = URIRef("https://w3id.org/kennisgraaf/def#doi")
    study, value = sorted(sample.subject_objects(doi))[0]
    for spelling in (
        str(value),
        f"doi:{value}",
        f"https://doi.org/{value}",
        f"https://doi.org/{value}".upper(),
    ):
        assert local(str(study)) in hits(pages, spelling)[:1], spelling


def test_a_brin_code(pages: TestClient) -> None:
    with DUO.open(encoding="utf-8", newline="") as handle:
        row = next(csv.DictReader(handle, delimiter=";"))
    code = row["VESTIGINGSCODE"]
    assert hits(pages, code)[:1] == [f"/id/organisation/brin/{code}"]
    assert hits(pages, code.lower())[:1] == [f"/id/organisation/brin/{code}"]


def test_initiatives_are_searched(pages: TestClient) -> None:
    seed = Graph().parse(dataset_path("seed"), format="turtle")
    title = URIRef("http://purl.org/dc/terms/title")
    initiatives = sorted(
        (str(s), str(o)) for s, o in seed.subject_objects(title)
        if str(s).startswith(ID + "initiative/")
    )  # fmt: skip
    assert initiatives
    iri, text = initiatives[0]
    assert local(iri) in hits(pages, text)
