"""Every source kind through the load: --batch-size cuts CSV and Kennisrotonde input into batches
as it cuts RDF (the graph is the same whatever the size), and a load converts each file once."""

from __future__ import annotations

import json
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from neo4j import Driver
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS

from kennisgraaf.graph.schema import ensure_schema
from kennisgraaf.loaders.csv_mapping import RowConverter
from kennisgraaf.loaders.kennisrotonde import RecordConverter, example_path
from kennisgraaf.loaders.pipeline import FileReport
from tests.database import wipe_database
from tests.pipeline_helpers import exported, load

VOCABULARIES = Path(str(resources.files("kennisgraaf.ontology") / "vocabularies.ttl"))


# Initiatives with a place (the shape of the seed's table), through a mapping of the test's own.
MAPPING = """
name: initiatives
class: kg:Initiative
subject: {kind: initiative, slug: name}
columns:
  - {column: name, property: dcterms:title, language: nl, required: true}
  - {column: place, property: kg:region, when: {column: place_confidence, not_equals: unknown}}
"""


def _mapping(tmp_path: Path) -> Path:
    path = tmp_path / "initiatives.yaml"
    path.write_text(MAPPING, encoding="utf-8")
    return path


def _initiatives(tmp_path: Path) -> Path:
    path = tmp_path / "initiatives.csv"
    rows = "".join(f"Initiatief {n},Plaats {n},high\n" for n in range(12))
    path.write_text("name,place,place_confidence\n" + rows, encoding="utf-8")
    return path


# kind, the file (made in tmp_path), its records, load options, batches at 25 statements
CASES: dict[str, tuple[Callable[[Path], Path], int, dict[str, Any], int]] = {
    "csv": (_initiatives, 12, {}, 2),  # 7 + 5 rows
    "kennisrotonde": (
        lambda _: example_path("kennisrotonde-example.csv"),
        8,
        {"kind": "kennisrotonde"},
        6,  # records of 73, 76, 70, 15, 86, 16, 19 and 18 statements: 15 + 86 and 16 + 19 share
    ),
}


def _count_calls(monkeypatch: pytest.MonkeyPatch, calls: list[int], cls: type, method: str) -> None:
    """Counts the calls of a converter's per-record method (one call converts one record)."""
    original = getattr(cls, method)

    def counted(self: Any, *args: Any) -> Any:
        calls.append(1)
        return original(self, *args)

    monkeypatch.setattr(cls, method, counted)


def _load_afresh(
    driver: Driver, database: str, tmp_path: Path, path: Path, **kw: Any
) -> tuple[FileReport, Graph]:
    wipe_database(driver, database)
    ensure_schema(driver, database)
    load(driver, database, VOCABULARIES, tmp_path)  # the concepts the records point to
    report = load(driver, database, path, tmp_path, **kw)
    return report, exported(driver, database)


@pytest.mark.parametrize("kind", CASES)
def test_batch_size_cuts_converted_input_and_each_file_is_converted_once(
    driver: Driver, database: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    make, records, options, batches = CASES[kind]
    path = make(tmp_path)
    if kind == "csv":
        options = {"mapping": _mapping(tmp_path)}
    calls: list[int] = []
    _count_calls(monkeypatch, calls, RowConverter, "convert")
    _count_calls(monkeypatch, calls, RecordConverter, "triples")
    whole, whole_graph = _load_afresh(
        driver, database, tmp_path, path, batch_size=20_000, **options
    )
    assert len(calls) == records  # checked, counted and read from one conversion
    cut, cut_graph = _load_afresh(driver, database, tmp_path, path, batch_size=25, **options)
    assert len(calls) == 2 * records
    assert (whole.batches_written, cut.batches_written) == (1, batches)
    assert whole.rejections == cut.rejections == []
    assert whole.statements_read == cut.statements_read == cut.statements_loaded
    assert isomorphic(cut_graph, whole_graph)


def test_a_bad_csv_row_is_quarantined_and_the_other_rows_load(
    driver: Driver, database: str, tmp_path: Path
) -> None:
    """Rows 3 and 5 of the file (lines 4 and 6) are bad: their own problems go to the
    quarantine, the 10 good rows load in batches around them."""
    path = _initiatives(tmp_path)
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[3] = ",Nergens,high"  # no name: the subject IRI is minted from it
    lines[5] = "Initiatief 4,Plaats 4,high,extra"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    options = {"mapping": _mapping(tmp_path)}
    report, graph = _load_afresh(driver, database, tmp_path, path, batch_size=25, **options)
    assert (report.records_read, len(report.refused_records)) == (12, 2)
    assert [r.messages() for r in report.refused_records] == [
        ["line 4, column 'name': empty, but the subject IRI is minted from it"],
        ["line 6: 4 cells but the header has 3 columns"],
    ]
    assert report.summary()["records_quarantined"] == 2
    titles = {str(o) for o in graph.objects(None, URIRef(f"{DCTERMS}title"))}
    assert titles == {f"Initiatief {n}" for n in range(12) if n not in (2, 4)}
    records = [p for p in report.quarantine if p.name.endswith(".records.jsonl")]
    rows = [json.loads(line) for line in records[0].read_text(encoding="utf-8").splitlines()]
    assert [(r["file"], r["record"], r["line"], r["problems"][0]["field"]) for r in rows] == [
        ("initiatives.csv", 3, 4, "name"),
        ("initiatives.csv", 5, 6, ""),
    ]
