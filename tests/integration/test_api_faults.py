"""Faults the API must survive with a clear answer: an upload process killed mid-request or past
its time limit, an import process that dies, and a database that goes away under every route
family (JSON API, pages, linked data, SPARQL, Cypher, reconciliation, imports, health)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from kennisgraaf.api.app import create_app
from kennisgraaf.api.auth import create_token, tokens_path
from kennisgraaf.graph.connection import open_driver
from kennisgraaf.graph.local_engine import LocalEngine
from kennisgraaf.graph.schema import ensure_schema
from kennisgraaf.ontology.files import dataset_path
from kennisgraaf.queries.registry import get_query
from kennisgraaf.settings import Settings
from tests.conftest import build_cache, count_all, free_port
from tests.integration.test_api_imports import finished

TURTLE = {"content-type": "text/turtle"}


def _token(settings: Settings, *scopes: str) -> dict[str, str]:
    token = create_token(tokens_path(settings.data_dir), "-".join(scopes), list(scopes))
    return {"authorization": f"Bearer {token}"}


def _wait_for(found: Any, timeout_s: float = 120.0) -> Any:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        value = found()
        if value:
            return value
        time.sleep(0.001)
    raise AssertionError("the condition did not come true in time")


def test_a_killed_validation_process_is_answered_and_replaced(client: TestClient) -> None:
    pool = client.app.state.upload_pool  # type: ignore[attr-defined]
    body = dataset_path("seed").read_bytes()
    answers: list[httpx.Response] = []
    request = threading.Thread(
        target=lambda: answers.append(client.post("/validate", content=body, headers=TURTLE))
    )
    request.start()
    pid = _wait_for(pool.busy_pids)[0]
    os.kill(pid, signal.SIGKILL)
    request.join(120)
    died = answers[0]
    assert died.status_code == 422, died.text
    assert died.json()["error"] == "parser-died"
    assert died.json()["message"] == (
        "the upload could not be parsed: the parser process died (signal 9 (SIGKILL))"
    )
    served = client.post("/validate", content=body, headers=TURTLE)
    assert served.status_code == 200 and served.json()["statements_read"] == 698
    assert pool.replaced == 1 and pid not in pool.busy_pids()


def test_validation_processes_run_under_the_memory_limit(
    driver: Driver, api_settings: Settings
) -> None:
    settings = api_settings.model_copy(update={"upload_memory_limit_mb": 1536})
    with TestClient(create_app(settings, driver=driver)) as client:
        answer = client.post("/validate", content=dataset_path("seed").read_bytes(), headers=TURTLE)
        assert answer.status_code == 200 and answer.json()["conforms"] is True
        (pid,) = client.app.state.upload_pool.pids()  # type: ignore[attr-defined]
        limits = Path(f"/proc/{pid}/limits").read_text().splitlines()
        address_space = next(line for line in limits if line.startswith("Max address space"))
        assert address_space.split()[3:5] == [str(1536 * 2**20)] * 2, address_space


def _statements(n: int) -> bytes:
    return "".join(
        f'<http://example.org/s{i}> <http://example.org/p> "value {i}" .\n' for i in range(n)
    ).encode()


def test_a_validation_past_its_time_limit_is_refused_and_the_next_served(
    driver: Driver, api_settings: Settings
) -> None:
    settings = api_settings.model_copy(update={"validate_timeout_s": 2.0})
    nt = {"content-type": "application/n-triples"}
    with TestClient(create_app(settings, driver=driver)) as client:
        client.post("/validate", content=b"", headers=TURTLE)  # the process starts: not timed
        slow = client.post("/validate", content=_statements(50_000), headers=nt)
        assert slow.status_code == 413, slow.text
        assert slow.json()["error"] == "too-slow" and "2 s" in slow.json()["message"]
        small = client.post("/validate", content=_statements(1), headers=nt)
        assert small.status_code == 200 and small.json()["statements_read"] == 1
        assert client.app.state.upload_pool.replaced == 1  # type: ignore[attr-defined]


def test_an_import_process_that_dies_fails_its_job_and_the_next_import_runs(
    client: TestClient, api_settings: Settings, driver: Driver, database: str
) -> None:
    writer = _token(api_settings, "write")
    jobs = client.app.state.import_jobs  # type: ignore[attr-defined]
    first = client.post(
        "/imports?source=big",
        content=_statements(20_000),
        headers={"content-type": "application/n-triples", **writer},
    )
    assert first.status_code == 202
    os.kill(_wait_for(jobs.running_pid), signal.SIGKILL)
    shown = finished(client, first.headers["location"])
    assert shown["state"] == "failed" and shown["error"]["error"] == "import-process-died"
    assert "signal 9" in shown["error"]["message"]
    second = client.post(
        "/imports?source=seed",
        content=dataset_path("seed").read_bytes(),
        headers={**TURTLE, **writer},
    )
    done = finished(client, second.headers["location"])
    assert done["state"] == "done" and done["report"]["statements_loaded"] == 698
    assert count_all(driver, database)[0] > 0


# --- the database goes away ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def own_engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalEngine]:
    """A Neo4j of this module's own, so stopping it leaves the session's engine alone."""
    engine = LocalEngine(
        tmp_path_factory.mktemp("fault-neo4j"),
        free_port(),
        build_root=build_cache(),
        heap="512m",
        page_cache_mb=64,
    )
    engine.start(exit_with_pid=os.getpid())
    try:
        yield engine
    finally:
        engine.stop()


def _routes(
    writer: dict[str, str], reader: dict[str, str]
) -> list[tuple[str, str, dict[str, Any]]]:
    """One route of every family: (method, path, request arguments)."""
    queries = json.dumps({"q0": {"query": "rekenen"}})
    return [
        ("GET", "/health", {}),
        ("GET", "/questions", {}),
        ("GET", "/studies", {}),
        ("GET", "/analytics/funnel", {}),
        ("GET", "/", {"headers": {"accept": "text/html"}}),
        ("GET", "/search?q=rekenen", {"headers": {"accept": "text/html"}}),
        ("GET", "/id/question/x", {"headers": {"accept": "text/turtle"}}),
        ("GET", "/sparql?query=ASK%7B%7D", {}),
        (
            "POST",
            "/cypher",
            {"json": {"query": "MATCH (n) RETURN count(n) AS n"}, "headers": reader},
        ),
        ("GET", f"/reconcile?queries={queries}", {}),
        (
            "POST",
            "/imports?source=seed",
            {"content": dataset_path("seed").read_bytes(), "headers": {**TURTLE, **writer}},
        ),
        ("GET", "/imports/0123456789abcdef0123", {}),
    ]


def test_every_route_family_answers_a_stopped_database_with_503(
    own_engine: LocalEngine, tmp_path: Path
) -> None:
    settings = Settings(
        neo4j_uri=own_engine.uri,
        neo4j_password=None,
        data_dir=tmp_path / "data",
        connect_timeout_s=2.0,
        transaction_retry_s=1.0,
    )
    writer, reader = _token(settings, "write"), _token(settings, "query")
    with open_driver(settings, start_local=False) as driver:
        ensure_schema(driver, settings.neo4j_database)
        with TestClient(create_app(settings, driver=driver), raise_server_exceptions=False) as c:
            up = c.get("/health")
            assert up.status_code == 200, up.text
            own_engine.stop()
            answers = {
                path: c.request(method, path, **kw) for method, path, kw in _routes(writer, reader)
            }
    wrong = {}
    for path, answer in answers.items():
        body = answer.text
        if answer.status_code not in (503, 504) or "Traceback" in body:
            wrong[path] = (answer.status_code, body[:300])
            continue
        if answer.headers["content-type"].startswith("application/json"):
            problem = answer.json()
            if problem["status"] != answer.status_code or not problem["message"]:
                wrong[path] = (answer.status_code, body[:300])
            if answer.status_code == 503 and "retry-after" not in answer.headers:
                wrong[path] = (answer.status_code, "no Retry-After")
    assert not wrong, wrong
    assert answers["/health"].json()["error"] == "database-unavailable"


def test_database_failures_map_to_503_and_timeouts_to_504() -> None:
    from neo4j.exceptions import ClientError, Neo4jError, ServiceUnavailable, SessionExpired

    from kennisgraaf.api.errors import database_problem

    def status(exc: Exception) -> int | None:
        answer = database_problem(exc)
        return None if answer is None else answer.status_code

    transient = Neo4jError._hydrate_neo4j(
        code="Neo.TransientError.General.DatabaseUnavailable", message="x"
    )
    client_timeout = ClientError._hydrate_neo4j(
        code="Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration", message="x"
    )
    syntax = ClientError._hydrate_neo4j(code="Neo.ClientError.Statement.SyntaxError", message="x")
    assert status(ServiceUnavailable("gone")) == 503
    assert status(SessionExpired("gone")) == 503
    assert status(ConnectionRefusedError()) == 503
    assert status(transient) == 503
    assert status(TimeoutError("timed out")) == 504
    assert status(client_timeout) == 504
    assert status(syntax) is None  # our own query's fault: not the database's


# --- graceful shutdown of a real server -----------------------------------------------------------


def _serve(settings: Settings, port: int) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "NEO4J_URI": settings.bolt_uri,
        "KENNISGRAAF_DATA_DIR": str(settings.data_dir),
        "KENNISGRAAF_IMPORT_STOP_TIMEOUT_S": "300",
        "KENNISGRAAF_IMPORT_BATCH_SIZE": "2000",
    }
    env.pop("NEO4J_PASSWORD", None)
    log = settings.data_dir / f"serve-{port}.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("ab") as out:  # a file, not a pipe nobody reads while it runs
        server = subprocess.Popen(
            [sys.executable, "-m", "kennisgraaf", "serve", "--port", str(port)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=out,
        )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert server.poll() is None, log.read_text()
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=5).status_code == 200:
                return server
        except httpx.TransportError:
            pass
        time.sleep(0.5)
    server.kill()
    raise AssertionError("kennisgraaf serve did not come up")


def _import_state(driver: Driver, database: str, import_id: str) -> dict[str, Any]:
    query = get_query("load.import_by_id")
    records, _, _ = driver.execute_query(query.text, query.bind({"id": import_id}),
                                         database_=database)  # fmt: skip
    return records[0].data() if records else {}


def test_sigterm_during_an_import_interrupts_it_cleanly_and_the_same_body_resumes(
    driver: Driver, database: str, api_settings: Settings
) -> None:
    body = _statements(10_000)  # five batches of 2,000
    port = free_port()
    writer = {"content-type": "application/n-triples", **_token(api_settings, "write")}
    url = f"http://127.0.0.1:{port}/imports?source=big"
    server = _serve(api_settings, port)
    try:
        accepted = httpx.post(url, content=body, headers=writer, timeout=60)
        assert accepted.status_code == 202, accepted.text
        job = accepted.headers["location"]

        def first_batch_committed() -> bool:
            shown = httpx.get(job, timeout=30).json()
            assert shown["state"] not in ("done", "failed", "interrupted"), shown
            return bool(shown.get("progress", {}).get("batches_done", 0) >= 1)

        _wait_for(first_batch_committed, timeout_s=600)
        server.send_signal(signal.SIGTERM)
        # uvicorn re-raises the signal once it has shut down: ended by SIGTERM, not killed.
        assert server.wait(timeout=300) in (0, -signal.SIGTERM)
        log = (api_settings.data_dir / f"serve-{port}.log").read_text()
        assert "Application shutdown complete" in log, log
        assert "import process" not in log and "Traceback" not in log, log
    finally:
        if server.poll() is None:
            server.kill()
    import_id = job.rsplit("/", 1)[-1]
    stopped = _import_state(driver, database, import_id)
    assert stopped["status"] == "interrupted", stopped
    assert 1 <= stopped["batches"] < 5, stopped
    loaded_before = count_all(driver, database)[0]
    assert loaded_before > 0

    server = _serve(api_settings, port)
    try:
        again = httpx.post(url, content=body, headers=writer, timeout=60)
        assert again.status_code == 202 and again.headers["location"] == job
        deadline = time.monotonic() + 900
        while (shown := httpx.get(job, timeout=30).json())["state"] not in ("done", "failed"):
            assert time.monotonic() < deadline, shown
            time.sleep(1)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=300)
    assert shown["state"] == "done", shown
    assert shown["report"]["status"] == "resumed", shown["report"]
    assert _import_state(driver, database, import_id)["status"] == "complete"
