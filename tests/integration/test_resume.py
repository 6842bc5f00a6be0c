"""An interrupted load keeps what it committed; run again, it resumes after the last batch."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from neo4j import Driver
from rdflib import Graph
from rdflib.compare import isomorphic

from kennisgraaf.errors import LoadInterruptedError
from kennisgraaf.graph.schema import ensure_schema
from kennisgraaf.loaders.pipeline import load_file
from kennisgraaf.ontology.files import dataset_path
from kennisgraaf.settings import Settings
from tests.analytics_graph import vocabularies_path
from tests.conftest import wipe_database
from tests.pipeline_helpers import exported, load, options

ROOT = Path(__file__).resolve().parents[2]
DATE = "<http://purl.org/dc/terms/date>"
XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"

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


def _import(driver: Driver, database: str) -> dict[str, Any]:
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


LOADER = """
import sys, time
from pathlib import Path
from kennisgraaf.graph.connection import open_driver
from kennisgraaf.loaders.pipeline import LoadOptions, load_file
from kennisgraaf.settings import Settings
uri, database, path, quarantine = sys.argv[1:5]
options = LoadOptions(base_iri="https://w3id.org/kennisgraaf/", batch_size=200,
                      quarantine_dir=Path(quarantine), lease_s=2.0)
with open_driver(Settings(neo4j_uri=uri), start_local=False) as driver:
    load_file(Path(path), driver, database, options, progress=lambda n: time.sleep(0.5))
"""


def _dirty_sample(path: Path) -> Path:
    """The sample dataset, one subject after another in IRI order (so many resources point
    forward and wait for a later batch), with every fifth date ill-typed."""
    lines = sorted(Graph().parse(dataset_path("sample")).serialize(format="nt").splitlines())
    dates = 0
    with path.open("w", encoding="utf-8") as out:
        for line in filter(None, lines):
            if f" {DATE} " in line:
                dates += 1
                if dates % 5 == 0:
                    subject = line.split(" ", 1)[0]
                    line = f'{subject} {DATE} "abc"^^<{XSD_DATE}> .'
            out.write(line + "\n")
    return path


def test_a_killed_loader_resumes_after_its_last_committed_batch(
    driver: Driver, database: str, neo4j_settings: Settings, tmp_path: Path
) -> None:
    """SIGKILL of the loading process mid-load (real data with rejections held back and
    quarantined at once); the rerun skips the committed batches, writes only the rest, and
    ends exactly as a load that was never interrupted."""
    path = _dirty_sample(tmp_path / "dirty.nt")
    load(driver, database, vocabularies_path(), tmp_path)
    child = subprocess.Popen(
        [sys.executable, "-c", LOADER, str(neo4j_settings.neo4j_uri), database, str(path),
         str(tmp_path / "q-killed")],
        cwd=ROOT,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 240
        while _batches_of(driver, database, "dirty.nt") < 2 and time.monotonic() < deadline:
            assert child.poll() is None, "the loader ended before it could be killed"
            time.sleep(0.2)
        os.kill(child.pid, signal.SIGKILL)
        child.wait(30)
    finally:
        if child.poll() is None:
            child.kill()
    killed_at = _batches_of(driver, database, "dirty.nt")
    assert killed_at >= 2

    resumed = load_file(path, driver, database, options(tmp_path / "r", batch_size=200))
    assert resumed.status == "resumed"
    assert resumed.batches_skipped == killed_at
    after_resume = exported(driver, database)
    state = _import_of(driver, database, "dirty.nt")

    wipe_database(driver, database)
    ensure_schema(driver, database)
    load(driver, database, vocabularies_path(), tmp_path)
    clean = load_file(path, driver, database, options(tmp_path / "c", batch_size=200))
    assert clean.statements_rejected > 0  # the file has bad resources, some cascading
    # Nothing committed was written again: the rerun's writes are the tail of the clean run's
    # (a batch may be written twice, the second time to quarantine what it held back beyond
    # the bound; the kill may fall between the two).
    assert 0 < len(resumed.written) < len(clean.written)
    assert resumed.written == clean.written[-len(resumed.written) :]
    assert resumed.written[0] >= killed_at - 1
    assert len(clean.written) - len(resumed.written) >= killed_at
    assert isomorphic(after_resume, exported(driver, database))
    assert state == _import_of(driver, database, "dirty.nt")  # counters counted once
    assert state["loaded"] == clean.statements_loaded == resumed.statements_loaded
    assert resumed.statements_rejected == clean.statements_rejected
    assert resumed.statements_loaded + resumed.statements_rejected == clean.statements_read
    assert {r.focus for r in resumed.rejections} == {r.focus for r in clean.rejections}
    assert _lines(resumed.quarantine[0]) == _lines(clean.quarantine[0])


def _import_of(driver: Driver, database: str, source: str) -> dict[str, object]:
    records, _, _ = driver.execute_query(
        "MATCH (i:Import {source: $source, current: true}) RETURN i.status AS status, "
        "i.batchesCommitted AS batches, i.statementsLoaded AS loaded, i.rejected AS rejected",
        source=source,
        database_=database,
    )
    return dict(records[0])


def _lines(quarantine: Path) -> set[str]:
    return set(Graph().parse(quarantine).serialize(format="nt").splitlines()) - {""}


def test_a_version_loaded_again_after_another_is_written_afresh(
    driver: Driver, database: str, tmp_path: Path
) -> None:
    first, second = tmp_path / "v1" / "s.nt", tmp_path / "v2" / "s.nt"
    for path, text in ((first, "one"), (second, "two")):
        path.parent.mkdir()
        path.write_text(
            "".join(f'<http://example.org/{text}{i}> <http://example.org/p> "{i}" .\n'
                    for i in range(250))
        )  # fmt: skip
    for path in (first, second, first):
        report = load_file(path, driver, database, options(tmp_path, batch_size=100))
        assert report.status == "loaded" and report.batches_skipped == 0
    assert isomorphic(exported(driver, database), Graph().parse(first))
    assert _import_of(driver, database, "s.nt")["loaded"] == 250


def test_sigterm_to_the_cli_load_ends_after_a_batch_and_the_rerun_resumes(
    driver: Driver, database: str, neo4j_settings: Settings, tmp_path: Path
) -> None:
    path = tmp_path / "long.nt"
    path.write_text(
        "".join(
            f'<http://example.org/long/s{i:05d}> <http://example.org/p> "v{i}" .\n'
            for i in range(20_000)
        )
    )
    env = {
        **os.environ,
        "NEO4J_URI": str(neo4j_settings.neo4j_uri),
        "KENNISGRAAF_LOAD_LEASE_S": "2",
    }
    cli = Path(sys.executable).parent / "kennisgraaf"
    argv = [str(cli), "load", str(path), "--batch-size", "100", "--quarantine", str(tmp_path)]
    child = subprocess.Popen(argv, env=env, cwd=tmp_path, stdout=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while not _batches_of(driver, database, "long.nt") and time.monotonic() < deadline:
            time.sleep(0.1)
        child.send_signal(signal.SIGTERM)
        out, _ = child.communicate(timeout=120)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == LoadInterruptedError.exit_code, out
    stopped_at = _batches_of(driver, database, "long.nt")
    assert 0 < stopped_at < 200
    records, _, _ = driver.execute_query(
        "MATCH (i:Import) RETURN i.status AS status", database_=database
    )
    assert [r["status"] for r in records] == ["interrupted"]
    assert not driver.execute_query("MATCH (l:WriterLease) RETURN l", database_=database)[0]

    report = load_file(path, driver, database, options(tmp_path, batch_size=100))
    assert (report.status, report.batches_skipped) == ("resumed", stopped_at)
    assert report.written == list(range(stopped_at, 200))
    assert _import_of(driver, database, "long.nt")["loaded"] == 20_000
    assert isomorphic(exported(driver, database), Graph().parse(path))


def _batches_of(driver: Driver, database: str, source: str) -> int:
    records, _, _ = driver.execute_query(
        "MATCH (i:Import {source: $source}) RETURN i.batchesCommitted AS n",
        source=source,
        database_=database,
    )
    return int(records[0]["n"]) if records else 0


def test_an_interrupted_version_superseded_by_another_is_loaded_afresh(
    driver: Driver, database: str, tmp_path: Path
) -> None:
    """v1 stops half-way, v2 completes (withdrawing what v1 wrote), v1 again: all of v1."""
    first, second = tmp_path / "v1" / "s.nt", tmp_path / "v2" / "s.nt"
    for path, text in ((first, "one"), (second, "two")):
        path.parent.mkdir()
        path.write_text(
            "".join(f'<http://example.org/{text}{i}> <http://example.org/p> "{i}" .\n'
                    for i in range(500))
        )  # fmt: skip
    commits = 0

    def count(_: int) -> None:
        nonlocal commits
        commits += 1

    with pytest.raises(LoadInterruptedError):
        load_file(first, driver, database, options(tmp_path, batch_size=100), count,
                  should_stop=lambda: commits >= 2)  # fmt: skip
    load_file(second, driver, database, options(tmp_path, batch_size=100))
    statuses, _, _ = driver.execute_query(
        "MATCH (i:Import) RETURN i.status AS status ORDER BY status", database_=database
    )
    assert [r["status"] for r in statuses] == ["complete", "superseded"]
    again = load_file(first, driver, database, options(tmp_path, batch_size=100))
    assert (again.status, again.batches_skipped, again.written) == ("loaded", 0, [0, 1, 2, 3, 4])
    assert isomorphic(exported(driver, database), Graph().parse(first))
    assert _import_of(driver, database, "s.nt")["loaded"] == 500
