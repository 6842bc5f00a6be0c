"""An interrupted load keeps what it committed; run again, it resumes after the last batch."""

from __future__ import annotations

from pathlib import Path

import pytest
from neo4j import Driver
from rdflib import Graph
from rdflib.compare import isomorphic

from kennisgraaf.errors import LoadInterruptedError
from kennisgraaf.loaders.pipeline import load_file
from tests.pipeline_helpers import exported, options

STATEMENTS = 1000
BATCH = 100


def _many(tmp_path: Path) -> Path:
    path = tmp_path / "many.nt"
    path.write_text(
        "".join(
            f'<http://example.org/s{i:04d}> <http://example.org/p> "v{i}" .\n'
            for i in range(STATEMENTS)
        )
    )
    return path


def _import(driver: Driver, database: str) -> dict[str, object]:
    records, _, _ = driver.execute_query(
        "MATCH (i:Import) RETURN i.status AS status, i.batchesCommitted AS batches, "
        "i.statementsLoaded AS loaded",
        database_=database,
    )
    assert len(records) == 1
    return dict(records[0])


def test_should_stop_lets_the_batch_in_flight_commit_and_marks_the_import_interrupted(
    driver: Driver, database: str, tmp_path: Path
) -> None:
    path = _many(tmp_path)
    committed = 0

    def count(_: int) -> None:
        nonlocal committed
        committed += 1

    with pytest.raises(LoadInterruptedError, match="run the same load again"):
        load_file(
            path, driver, database, options(tmp_path, batch_size=BATCH),
            progress=count, should_stop=lambda: committed >= 2,
        )  # fmt: skip
    state = _import(driver, database)
    assert state["status"] == "interrupted"
    assert state["batches"] >= 2
    assert state["loaded"] == state["batches"] * BATCH

    report = load_file(path, driver, database, options(tmp_path, batch_size=BATCH))
    assert report.status == "resumed"
    assert _import(driver, database) == {
        "status": "complete", "batches": STATEMENTS // BATCH, "loaded": STATEMENTS,
    }  # fmt: skip
    assert isomorphic(exported(driver, database), Graph().parse(path))
