"""One writer per database: loads take a lease in Neo4j; others wait, or are refused in time;
a dead holder's lease expires."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from neo4j import Driver
from rdflib import Graph
from rdflib.compare import isomorphic

from kennisgraaf.errors import LoadBusyError
from kennisgraaf.graph.lease import WriterLease
from kennisgraaf.loaders.pipeline import load_file
from kennisgraaf.settings import Settings
from tests.conftest import count_all
from tests.pipeline_helpers import exported, options

ROOT = Path(__file__).resolve().parents[2]


def _file(tmp_path: Path, name: str, n: int) -> Path:
    path = tmp_path / f"{name}.nt"
    path.write_text(
        "".join(
            f'<http://example.org/{name}/s{i:04d}> <http://example.org/p> "{name} {i}" .\n'
            for i in range(n)
        )
    )
    return path


def test_two_concurrent_loads_take_turns_and_both_complete(
    driver: Driver, database: str, tmp_path: Path
) -> None:
    a, b = _file(tmp_path, "a", 600), _file(tmp_path, "b", 600)
    a_started, a_done_at, b_first_commit_at = threading.Event(), [0.0], [0.0]
    waits: list[str] = []
    errors: list[BaseException] = []

    def slow_commit(_: int) -> None:
        a_started.set()
        time.sleep(0.2)  # a's load holds the lease for a while

    def load_a() -> None:
        try:
            load_file(a, driver, database, options(tmp_path, batch_size=100), slow_commit)
            a_done_at[0] = time.monotonic()
        except BaseException as e:  # reported by the main thread
            errors.append(e)

    def b_commit(_: int) -> None:
        if not b_first_commit_at[0]:
            b_first_commit_at[0] = time.monotonic()

    thread = threading.Thread(target=load_a)
    thread.start()
    assert a_started.wait(60)
    report_b = load_file(
        b, driver, database,
        options(tmp_path, batch_size=100, lease_wait_s=120, on_lease_wait=waits.append),
        b_commit,
    )  # fmt: skip
    thread.join(120)
    assert not errors
    assert report_b.status == "loaded" and report_b.statements_loaded == 600
    # b waited, was told which load ran, and wrote nothing before a had finished.
    assert waits and "source 'a.nt'" in waits[0]
    assert b_first_commit_at[0] > a_done_at[0] > 0
    union = Graph().parse(a)
    union += Graph().parse(b)
    assert isomorphic(exported(driver, database), union)
    records, _, _ = driver.execute_query(
        "MATCH (i:Import) RETURN i.source AS source, i.status AS status ORDER BY source",
        database_=database,
    )
    assert [(r["source"], r["status"]) for r in records] == [
        ("a.nt", "complete"), ("b.nt", "complete"),
    ]  # fmt: skip
    records, _, _ = driver.execute_query("MATCH (l:WriterLease) RETURN l", database_=database)
    assert not records  # released


def test_a_load_is_refused_naming_the_holder_when_the_wait_ends(
    driver: Driver, database: str, tmp_path: Path
) -> None:
    path = _file(tmp_path, "c", 10)
    with WriterLease(driver, database, "import x of source 'elsewhere'", duration_s=30):
        began = time.monotonic()
        with pytest.raises(LoadBusyError, match=r"import x of source 'elsewhere'.*waited 1 s"):
            load_file(path, driver, database, options(tmp_path, lease_wait_s=1.0))
        assert time.monotonic() - began < 15
    assert count_all(driver, database) == (0, 0)  # nothing written, lease released


HOLD = """
import sys, time
from kennisgraaf.graph.connection import open_driver
from kennisgraaf.graph.lease import WriterLease
from kennisgraaf.settings import Settings
with open_driver(Settings(neo4j_uri=sys.argv[1]), start_local=False) as driver:
    lease = WriterLease(driver, sys.argv[2], "import y of source 'doomed'", duration_s=2.0)
    lease.acquire()
    print(lease.owner, flush=True)
    time.sleep(300)
"""


def test_the_lease_of_a_killed_holder_expires_and_the_next_load_runs(
    driver: Driver, database: str, neo4j_settings: Settings, tmp_path: Path
) -> None:
    path = _file(tmp_path, "d", 50)
    child = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(neo4j_settings.neo4j_uri), database],
        stdout=subprocess.PIPE, text=True, cwd=ROOT,
    )  # fmt: skip
    try:
        assert child.stdout is not None
        owner = child.stdout.readline().strip()
        assert owner.endswith(tuple("0123456789abcdef")) and f":{child.pid}:" in owner
        os.kill(child.pid, signal.SIGKILL)
        child.wait(30)
        waits: list[str] = []
        began = time.monotonic()
        report = load_file(
            path, driver, database,
            options(tmp_path, lease_s=2.0, lease_wait_s=60, on_lease_wait=waits.append),
        )  # fmt: skip
        assert report.status == "loaded" and report.statements_loaded == 50
        assert waits and owner in waits[0] and "source 'doomed'" in waits[0]
        assert time.monotonic() - began < 30
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
