"""A generated Kennisrotonde archive of 1,000 records with 5 % defects, loaded into Neo4j: every
good record in the graph, every bad one in quarantine with its reason, loaded + quarantined =
the records read, unknown tags kept as keywords with a Warning. What is expected comes from the
generator's declared defect plan (tests/kennisrotonde_archive.py), never from the load."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest
from neo4j import Driver

from kennisgraaf import identifiers
from kennisgraaf.loaders.record_conversion import RecordRefusal
from tests.kennisrotonde_archive import Archive, generate
from tests.pipeline_helpers import BASE, load

VOCABULARIES = Path(str(resources.files("kennisgraaf.ontology") / "vocabularies.ttl"))
PREF_LABEL = "http://www.w3.org/2004/02/skos/core#prefLabel"
QUESTIONS = """
MATCH (q:KnowledgeQuestion) WHERE q.dcterms_identifier STARTS WITH 'KR2'
RETURN q.dcterms_identifier AS number
"""
KEYWORDS = """
MATCH (q:KnowledgeQuestion {dcterms_identifier: $number})-[:keyword]->(k)
RETURN k.iri AS iri
"""
# The field and the start of the reason each kind of defect must be refused with.
REASONS = {
    "missing-authors": (".authors", "this source is not in the graph yet, so authors is needed"),
    "bad-doi": (".doi", "invalid DOI '10.55/kapot."),
    "unknown-referral": ("referred_to", "KR9"),
    "bad-date": ("date", "'2021-02-30' is not a date"),
}


@pytest.fixture(scope="module")
def archive() -> Archive:
    return generate(1000, seed=12, share=0.05)


def _keyword(tag: str) -> str:
    return str(identifiers.mint_iri("keyword", identifiers.slugify(tag), BASE))


def _check_refusal(archive: Archive, refusal: RecordRefusal) -> None:
    field, reason = REASONS[archive.defects[refusal.record]]
    [(given_field, given_reason)] = refusal.problems
    assert given_field.endswith(field) and given_reason.startswith(reason), refusal


def test_a_generated_archive_loads_its_good_records_and_quarantines_the_bad(
    driver: Driver, database: str, tmp_path: Path, archive: Archive
) -> None:
    assert len(archive.records) == 1000 and len(archive.defects) == 50
    bad = archive.quarantined
    assert len(bad) == 40  # the other 10 defects are unknown tags, which load
    path = archive.write(tmp_path / "archive.jsonl")
    load(driver, database, VOCABULARIES, tmp_path)
    report = load(driver, database, path, tmp_path, kind="kennisrotonde")

    # Every bad record in quarantine, at its declared position and line, with its reason.
    assert [(r.record, r.line) for r in report.refused_records] == [(p, p) for p in bad]
    for refusal in report.refused_records:
        _check_refusal(archive, refusal)
    assert report.rejections == []  # no good record fails the gate
    assert (report.records_read, report.summary()["records_quarantined"]) == (1000, 40)

    # Every good record in the graph, and only those: loaded + quarantined = input.
    found, _, _ = driver.execute_query(QUESTIONS, database_=database)
    numbers = {r["number"] for r in found}
    good = [p for p in range(1, 1001) if p not in set(bad)]
    assert numbers == set(archive.numbers(good))
    assert len(numbers) + len(report.refused_records) == 1000

    # The quarantine file holds each refused record once.
    [records_file] = [p for p in report.quarantine if p.name.endswith(".records.jsonl")]
    kept = [json.loads(line) for line in records_file.read_text(encoding="utf-8").splitlines()]
    assert [k["record"] for k in kept] == bad

    # Unknown tags: kept as the question's keyword, each reported as a Warning.
    unknown = archive.unknown_tags()
    for position, tag in unknown.items():
        [number] = archive.numbers([position])
        linked, _, _ = driver.execute_query(KEYWORDS, number=number, database_=database)
        assert _keyword(tag) in {r["iri"] for r in linked}
    warned = {w.focus for w in report.warnings if w.path == PREF_LABEL}
    assert warned == {_keyword(tag) for tag in unknown.values()}
