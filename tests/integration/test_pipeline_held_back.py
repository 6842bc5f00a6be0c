"""A resource held back for a later batch, loaded into Neo4j: completed later, it is written
with the batch that completes it; never completed, it is quarantined at the end with its report,
however many batches that said nothing of it came between."""

from __future__ import annotations

from pathlib import Path

from neo4j import Driver
from rdflib import Graph, Literal, URIRef

from tests.pipeline_helpers import HELD, KG, NAME, TYPE, exported, load, people_file


def test_a_held_resource_completed_by_a_later_batch_is_loaded(
    driver: Driver, database: str, tmp_path: Path
) -> None:
    path = people_file(tmp_path / "people.nt", 12, named_in=8)
    report = load(driver, database, path, tmp_path, batch_size=2)
    assert (report.statements_loaded, report.statements_rejected, report.rejections) == (24, 0, [])
    assert report.quarantine == []
    graph = exported(driver, database)
    assert (URIRef(HELD), URIRef(NAME), Literal("one")) in graph
    assert (URIRef(HELD), URIRef(TYPE), URIRef(f"{KG}Person")) in graph


def test_a_held_resource_never_completed_is_quarantined_with_its_report(
    driver: Driver, database: str, tmp_path: Path
) -> None:
    path = people_file(tmp_path / "people.nt", 12, named_in=None)
    report = load(driver, database, path, tmp_path, batch_size=2)
    assert (report.statements_loaded, report.statements_rejected) == (23, 1)
    assert [(r.focus, r.path, r.component, r.message) for r in report.rejections] == [
        (
            HELD,
            NAME,
            "MinCountConstraintComponent",
            "A person has exactly one name (foaf:name, plain string).",
        )
    ]
    rejected = Graph().parse(report.quarantine[0], format="turtle")
    assert set(rejected) == {(URIRef(HELD), URIRef(TYPE), URIRef(f"{KG}Person"))}
    assert (URIRef(HELD), None, None) not in exported(driver, database)
    assert report.batches_written == 13  # twelve batches and the final pass that refused p1
