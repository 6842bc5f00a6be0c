"""The gate validates a batch against what the graph already holds around it."""

from __future__ import annotations

from pathlib import Path

from neo4j import Driver

from kennisgraaf.ontology.files import dataset_path
from tests.pipeline_helpers import load

HEAD = """@prefix kg: <https://w3id.org/kennisgraaf/def#> .
@prefix fn: <https://w3id.org/kennisgraaf/def/function/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix product: <https://w3id.org/kennisgraaf/id/product/> .
@prefix person: <https://w3id.org/kennisgraaf/id/person/> .
@prefix use: <https://w3id.org/kennisgraaf/id/use/> .
"""
USE = """use:later a kg:KnowledgeUse ; kg:function fn:use ; dcterms:date "{date}"^^xsd:date ;
    prov:used product:p01 ; prov:wasAssociatedWith person:ruben-hendriks .
"""
USE_IRI = "https://w3id.org/kennisgraaf/id/use/later"


def _use_file(tmp_path: Path, date: str) -> Path:
    path = tmp_path / f"use-{date}.ttl"
    path.write_text(HEAD + USE.format(date=date), encoding="utf-8")
    return path


def test_a_use_of_a_product_in_the_graph_passes(
    driver: Driver, database: str, tmp_path: Path
) -> None:
    load(driver, database, dataset_path("sample"), tmp_path)
    report = load(driver, database, _use_file(tmp_path, "2023-03-01"), tmp_path)
    assert report.rejections == [] and report.statements_loaded == 5


def test_a_use_before_the_product_in_the_graph_is_rejected(
    driver: Driver, database: str, tmp_path: Path
) -> None:
    # product:p01 was organised on 2021-11-15 (sample.ttl); the graph supplies that date.
    load(driver, database, dataset_path("sample"), tmp_path)
    report = load(driver, database, _use_file(tmp_path, "2020-01-01"), tmp_path)
    assert {r.focus for r in report.rejections} == {USE_IRI}
    assert report.statements_loaded == 0 and report.statements_rejected == 5


def test_without_the_graph_the_product_is_unknown(
    driver: Driver, database: str, tmp_path: Path
) -> None:
    report = load(driver, database, _use_file(tmp_path, "2023-03-01"), tmp_path)
    assert {r.focus for r in report.rejections} == {USE_IRI}


PERSON = """@prefix kg: <https://w3id.org/kennisgraaf/def#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
<https://w3id.org/kennisgraaf/id/person/renamed> a kg:Person ; foaf:name "{name}" ;
    kg:consentToBeNamed true .
"""


def test_a_new_version_may_change_a_single_valued_property(
    driver: Driver, database: str, tmp_path: Path
) -> None:
    # A person has exactly one name: the old version's name must not count as context.
    first, second = tmp_path / "v1.ttl", tmp_path / "v2.ttl"
    first.write_text(PERSON.format(name="Jan Jansen"), encoding="utf-8")
    second.write_text(PERSON.format(name="Jan Janssen"), encoding="utf-8")
    assert load(driver, database, first, tmp_path, source="people").rejections == []
    report = load(driver, database, second, tmp_path, source="people")
    assert report.rejections == [] and report.statements_loaded == 3  # type, name, consent
    records, _, _ = driver.execute_query(
        "MATCH (p:Resource {iri: $iri}) RETURN p.foaf_name AS name",
        iri="https://w3id.org/kennisgraaf/id/person/renamed",
        database_=database,
    )
    assert [r["name"] for r in records] == ["Jan Janssen"]


def test_another_source_giving_a_second_name_is_still_refused(
    driver: Driver, database: str, tmp_path: Path
) -> None:
    first, other = tmp_path / "a.ttl", tmp_path / "b.ttl"
    first.write_text(PERSON.format(name="Jan Jansen"), encoding="utf-8")
    other.write_text(PERSON.format(name="Johannes Jansen"), encoding="utf-8")
    load(driver, database, first, tmp_path, source="a")
    report = load(driver, database, other, tmp_path, source="b")
    assert {r.focus for r in report.rejections} == {
        "https://w3id.org/kennisgraaf/id/person/renamed"
    }


def test_later_batches_of_one_file_see_its_earlier_batches(
    driver: Driver, database: str, tmp_path: Path
) -> None:
    # Small batches: questions, studies and products reference resources of earlier batches
    # of the same import, which are context even though the source is (re)loading.
    report = load(driver, database, dataset_path("sample"), tmp_path, batch_size=150)
    assert report.rejections == [] and report.statements_rejected == 0
    assert report.statements_loaded == report.statements_read


def test_many_failing_resources_are_not_carried_beyond_a_batch(
    driver: Driver, database: str, tmp_path: Path
) -> None:
    # 60 questions without text, in batches of 40 statements: what waits for a later batch is
    # bounded, and everything that still fails ends in quarantine, nothing lost.
    lines = [
        f"<https://w3id.org/kennisgraaf/id/question/bad{i}> "
        "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
        "<https://w3id.org/kennisgraaf/def#KnowledgeQuestion> ."
        for i in range(60)
    ]
    path = tmp_path / "bad.nt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = load(driver, database, path, tmp_path, batch_size=40)
    assert report.statements_rejected == 60 and report.statements_loaded == 0
    assert len({r.focus for r in report.rejections}) == 60
