"""The embedded-write benchmark hands the JVM the project's own schema (or the stated variant of
its full-text indexes) and every property value in a form it can restore exactly."""

from __future__ import annotations

import datetime as dt
import importlib
import json
from pathlib import Path
from types import ModuleType

import pytest

from kennisgraaf.graph.batch_rows import prepare
from kennisgraaf.graph.mapping import MappedBatch, NodeStatements

REPOSITORY = Path(__file__).parents[2]
FULL_TEXT = ("kennisgraaf_reconcile_v2", "kennisgraaf_search_nl", "kennisgraaf_search_folded")


@pytest.fixture
def bench(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """The benchmarks are scripts of the repository, not part of the installed package."""
    monkeypatch.syspath_prepend(str(REPOSITORY))
    return importlib.import_module("benchmarks.bench_embedded_write")


def statements(path: Path) -> list[str]:
    return [s for s in path.read_text(encoding="utf-8").split(";\n") if s.strip()]


def test_schema_variants(bench: ModuleType, tmp_path: Path) -> None:
    files = {}
    for variant in ("sync", "eventual", "none"):
        files[variant] = tmp_path / f"{variant}.cypher"
        bench.schema_file(files[variant], variant)
    sync, eventual, none = (statements(files[v]) for v in ("sync", "eventual", "none"))
    created = [s for s in sync if "CREATE FULLTEXT INDEX" in s]
    assert sorted(name for name in FULL_TEXT if any(name in s for s in created)) == sorted(
        FULL_TEXT
    )
    assert not any("eventually_consistent" in s for s in sync)
    made_eventual = [s for s in eventual if "CREATE FULLTEXT INDEX" in s]
    assert len(made_eventual) == len(created)
    assert all("`fulltext.eventually_consistent`: true" in s for s in made_eventual)
    assert not any("FULLTEXT" in s or "awaitIndex(" in s for s in none)
    # Everything but the full-text indexes is the same in all three.
    assert [s for s in sync if "FULLTEXT" not in s and "awaitIndex(" not in s] == none
    assert any("resource_iri" in s for s in none)


def test_batches_keep_dates_and_types(bench: ModuleType, tmp_path: Path) -> None:
    batch = MappedBatch(
        nodes={
            ("https://example.org/a", "k1"): NodeStatements(
                labels={"Study"},
                literals={
                    ("dcterms_issued^^xsd:date", "2019-05-01"),
                    ("kg_count^^xsd:integer", "3"),
                },
            )
        },
        relationships={("https://example.org/a", "cites", "https://example.org/b", "k1")},
        references={"https://example.org/b"},
        graphs={"k1": None},
        statements=4,
    )
    prepared = prepare(batch, "imp-1", {})
    out = tmp_path / "batches.jsonl"
    bench.dump_batches([prepared], out)
    (line,) = out.read_text(encoding="utf-8").splitlines()
    data = json.loads(line)
    (node,) = data["nodes"]
    props = prepared.fresh["https://example.org/a"]["props"]
    assert node["labels"] == prepared.fresh["https://example.org/a"]["labels"]
    assert set(node["props"]) == set(props)
    for key, value in props.items():
        if isinstance(value, dt.date):
            assert node["props"][key] == {"$date": value.isoformat()}
        else:
            assert node["props"][key] == value
    assert any(isinstance(v, dt.date) for v in props.values())
    assert data["refs"] == ["https://example.org/b"]
    (link,) = data["links"]
    assert (link["s"], link["type"], link["o"]) == (
        "https://example.org/a",
        "cites",
        "https://example.org/b",
    )
    assert link["props"] == {"sources": ["k1"], "_imp:k1": "imp-1"}
