"""A load interrupted by Neo4j dying keeps what it committed; running it again completes it."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from kennisgraaf.errors import Neo4jUnavailableError
from kennisgraaf.graph.connection import open_driver
from kennisgraaf.graph.local_engine import LocalEngine
from kennisgraaf.loaders.pipeline import load_file
from kennisgraaf.settings import Settings
from tests.conftest import build_cache, count_all, free_port
from tests.pipeline_helpers import exported, options

STATEMENTS = 1000
BATCH = 100


def _import_state(driver: object, database: str) -> tuple[str, int]:
    records, _, _ = driver.execute_query(  # type: ignore[attr-defined]
        "MATCH (i:Import) RETURN i.status AS status, i.batchesCommitted AS batches",
        database_=database,
    )
    assert len(records) == 1
    return records[0]["status"], records[0]["batches"]


def _resources(driver: object, database: str) -> int:
    records, _, _ = driver.execute_query(  # type: ignore[attr-defined]
        "MATCH (r:Resource) RETURN count(r) AS n", database_=database
    )
    return int(records[0]["n"])


def _change_records(driver: object, database: str) -> int:
    records, _, _ = driver.execute_query(  # type: ignore[attr-defined]
        "MATCH (c:ProjectionChange) RETURN count(c) AS n", database_=database
    )
    return int(records[0]["n"])


def test_killed_neo4j_mid_load_then_rerun(tmp_path: Path) -> None:
    path = tmp_path / "many.nt"
    path.write_text(
        "".join(
            f'<http://example.org/s{i:04d}> <http://example.org/p> "v{i}" .\n'
            for i in range(STATEMENTS)
        )
    )
    engine = LocalEngine(tmp_path / "neo4j", free_port(), build_root=build_cache())
    status = engine.start(exit_with_pid=os.getpid())
    settings = Settings(neo4j_uri=engine.uri, transaction_retry_s=2.0)
    database = settings.neo4j_database
    try:
        batches_seen = 0

        def kill_after_three(_: int) -> None:
            nonlocal batches_seen
            batches_seen += 1
            if batches_seen == 3:
                os.kill(status.pid or 0, signal.SIGKILL)

        expected = pytest.raises(Neo4jUnavailableError, match=r"batch 3 .*run the load again")
        quick = options(tmp_path, batch_size=BATCH, lease_s=2.0)  # its lease outlives Neo4j
        with open_driver(settings, start_local=False) as driver, expected:
            load_file(path, driver, database, quick, kill_after_three)

        engine.start(exit_with_pid=os.getpid())  # recovers from the killed process
        with open_driver(settings, start_local=False) as driver:
            # Exactly the three committed batches are there, and recorded as such.
            assert _import_state(driver, database) == ("running", 3)
            assert _resources(driver, database) == 3 * BATCH

            report = load_file(path, driver, database, quick)
            assert report.status == "resumed"
            assert report.batches_skipped == 3
            assert report.written == list(range(3, STATEMENTS // BATCH))
            assert _import_state(driver, database) == ("complete", STATEMENTS // BATCH)
            # The resources, the import, one projection change record and one extent record
            # per batch (the resumed run does not record the three committed batches again),
            # and the mark that the source's extent is complete.
            assert _change_records(driver, database) == STATEMENTS // BATCH
            batches = STATEMENTS // BATCH
            assert count_all(driver, database) == (STATEMENTS + 1 + 2 * batches + 1, 0)
            assert isomorphic(exported(driver, database), Graph().parse(path))
    finally:
        engine.stop()
