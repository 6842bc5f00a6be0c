"""The SPARQL query processes, without a database: real processes on a small pyoxigraph store.

A query past the memory limit, a query that crashes its process, a process killed from outside
in the middle of a query or while idle, a query past its time limit, a full wait queue: each is
answered with its own error, and the next query is served.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

from kennisgraaf.sparql.pool import (
    PoolBusyError,
    QueryCrashedError,
    QueryMemoryError,
    QueryTimeoutError,
    WorkerFailedError,
    WorkerPool,
)

LIMIT_MB = 512
# A GROUP_CONCAT over a cartesian product: every row of ?a ?b ?c × ?d ?e ?f adds the whole
# store's text (~60 KB) to the string.
CARTESIAN_CONCAT = (
    "SELECT (GROUP_CONCAT(?big) AS ?x) WHERE { { SELECT (GROUP_CONCAT(STR(?o)) AS ?big) "
    "WHERE { ?s ?p ?o } } ?a ?b ?c . ?d ?e ?f }"
)
# Four unconnected patterns over 600 triples: 1.3·10^11 rows to count, far past any limit.
ENDLESS = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
COUNT = "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"
COUNTED = b'"value":"600"'


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("sparql-pool") / "store"
    writer = ox.Store(str(path))
    p = ox.NamedNode("http://example.org/p")
    writer.extend(
        ox.Quad(ox.NamedNode(f"http://example.org/s{i}"), p, ox.Literal(f"value {i:04d} " * 10))
        for i in range(600)
    )
    writer.flush()
    del writer
    return str(path)


@pytest.fixture
def pool() -> Iterator[WorkerPool]:
    workers = WorkerPool(2, {}, memory_limit_bytes=LIMIT_MB * 1024 * 1024, queue_size=1)
    yield workers
    workers.close()


def request(store: str, query: str) -> dict[str, Any]:
    return {"store": store, "query": query, "default_graphs": [], "named_graphs": [],
            "results_format": "json", "graph_format": None, "max_results": 10}  # fmt: skip


def until_in_flight(pool: WorkerPool, n: int) -> None:
    deadline = time.monotonic() + 30.0
    while pool.in_flight < n:
        assert time.monotonic() < deadline, f"{pool.in_flight} requests in flight, not {n}"
        time.sleep(0.01)


def served(pool: WorkerPool, store: str) -> bool:
    meta, body = pool.run(request(store, COUNT), 10.0)
    return meta["kind"] == "select" and COUNTED in body


class PeakMemory:
    """The highest resident memory (VmHWM) any of the pool's processes reaches while it runs."""

    def __init__(self, pool: WorkerPool) -> None:
        self.pool = pool
        self.peak_kib = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.wait(0.01):
            for pid in self.pool.pids():
                try:
                    status = Path(f"/proc/{pid}/status").read_text()
                except OSError:
                    continue
                for line in status.splitlines():
                    if line.startswith("VmHWM:"):
                        self.peak_kib = max(self.peak_kib, int(line.split()[1]))

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()


def test_a_query_past_the_memory_limit_is_stopped_there(pool: WorkerPool, store: str) -> None:
    assert served(pool, store)
    started = time.monotonic()
    with PeakMemory(pool) as memory, pytest.raises(QueryMemoryError):
        pool.run(request(store, CARTESIAN_CONCAT), 30.0)
    assert time.monotonic() - started < 30.0  # stopped by memory, not by time
    assert 0 < memory.peak_kib <= LIMIT_MB * 1024
    assert pool.replaced == 1
    assert served(pool, store)


def test_ordinary_queries_run_within_the_limit(pool: WorkerPool, store: str) -> None:
    with PeakMemory(pool) as memory:
        for _ in range(5):
            assert served(pool, store)
        meta, _ = pool.run(request(store, "CONSTRUCT WHERE { ?s ?p ?o }") | {
            "results_format": None, "graph_format": "application/n-triples"}, 10.0)  # fmt: skip
    assert meta["count"] == 10 and meta["truncated"] is True
    assert pool.replaced == 0
    assert memory.peak_kib < LIMIT_MB * 1024 // 4


def test_a_query_that_crashes_its_process_is_named_and_replaced(
    pool: WorkerPool, store: str
) -> None:
    # Past the API's guard (which refuses it): 5,000 nested groups overflow pyoxigraph's stack.
    with pytest.raises(QueryCrashedError) as crash:
        pool.run(request(store, "SELECT * WHERE " + "{" * 5000 + "}" * 5000), 10.0)
    assert crash.value.signal_name == "SIGSEGV"
    assert pool.replaced == 1
    assert served(pool, store)


def test_a_process_killed_mid_query_fails_that_query_only(store: str) -> None:
    pool = WorkerPool(1, {}, memory_limit_bytes=LIMIT_MB * 1024 * 1024)
    try:
        assert served(pool, store)
        (pid,) = pool.pids()
        killer = threading.Timer(1.0, os.kill, (pid, signal.SIGKILL))
        killer.start()
        with pytest.raises(WorkerFailedError, match=r"exit -9"):
            pool.run(request(store, ENDLESS), 10.0)
        killer.join()
        assert pool.pids() != [pid]
        assert served(pool, store)
    finally:
        pool.close()


def test_a_process_killed_while_idle_is_replaced_before_it_gets_a_query(
    pool: WorkerPool, store: str
) -> None:
    assert served(pool, store)
    for pid in pool.pids():
        os.kill(pid, signal.SIGKILL)
    time.sleep(0.2)
    assert served(pool, store) and served(pool, store)
    assert pool.replaced == 2


def test_the_time_limit_kills_the_process(pool: WorkerPool, store: str) -> None:
    assert served(pool, store)
    before = set(pool.pids())
    started = time.monotonic()
    with pytest.raises(QueryTimeoutError):
        pool.run(request(store, ENDLESS), 1.0)
    assert time.monotonic() - started < 5.0
    gone = before - set(pool.pids())
    assert len(gone) == 1
    (pid,) = gone
    assert not Path(f"/proc/{pid}").exists()  # killed and reaped
    assert served(pool, store)


def test_a_full_queue_is_refused_at_once(pool: WorkerPool, store: str) -> None:
    outcomes: list[str] = []

    def slow() -> None:
        try:
            pool.run(request(store, ENDLESS), 3.0)
        except (QueryTimeoutError, PoolBusyError) as e:
            outcomes.append(type(e).__name__)

    # Two processes run, one request waits (queue_size=1): the next is refused at once.
    threads = [threading.Thread(target=slow) for _ in range(3)]
    for t in threads:
        t.start()
    until_in_flight(pool, 3)
    started = time.monotonic()
    with pytest.raises(PoolBusyError) as busy:
        pool.run(request(store, COUNT), 3.0)
    assert busy.value.queue_full
    assert time.monotonic() - started < 0.5
    for t in threads:
        t.join()
    # The waiting one got no process within its limit either.
    assert sorted(outcomes) == ["PoolBusyError", "QueryTimeoutError", "QueryTimeoutError"]
    assert served(pool, store)


def test_a_memory_limit_too_small_to_open_a_store_is_a_configuration_error(
    tmp_path: Path,
) -> None:
    from kennisgraaf.errors import ConfigurationError
    from kennisgraaf.settings import Settings
    from kennisgraaf.sparql.service import SparqlService

    settings = Settings(data_dir=tmp_path, sparql_memory_limit_mb=256)
    with pytest.raises(ConfigurationError, match="sparql_memory_limit_mb is 256"):
        SparqlService(settings, driver=None)  # type: ignore[arg-type]  # refused before use
    assert not (tmp_path / "sparql").exists()
