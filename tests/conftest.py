"""Shared fixtures: one real Neo4j per test session; each test starts from the state it declares.

Without NEO4J_URI the session starts its own local engine (own data directory, free port) and
stops it at the end, even when tests fail. A Neo4j that cannot be reached is an error, never a skip.

A test asks for `driver` (or `client`) to start from an empty database with the schema in place.
A module whose tests only read a loaded graph declares it once with a module fixture —
`sample_graph`, `analytics_graph`, `ld_graph`, or its own through `module_graph` — and the graph
is loaded again before any of its tests that finds it changed (see tests/database.py), so the
module's tests pass in any order. A loader's files are loaded once per session: later modules that
declare it, and rebuilds, get the graph it left written back (tests/database.py LOADED).
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from neo4j import Driver
from rdflib import Graph

from kennisgraaf.graph.connection import open_driver
from kennisgraaf.graph.local_engine import LocalEngine
from kennisgraaf.graph.schema import ensure_schema
from kennisgraaf.settings import Settings
from tests.analytics_graph import load_graph
from tests.database import Declare, Loader, ModuleGraph
from tests.database import count_all as count_all
from tests.database import wipe_database as wipe_database
from tests.ld_helpers import load_all
from tests.pipeline_helpers import load_sample

if TYPE_CHECKING:
    from fastapi.testclient import TestClient


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def build_cache() -> Path:
    """The launcher build is shared across sessions (Maven's cache keeps rebuilds fast anyway)."""
    return Settings().data_dir / "build"


TEST_LIMITS: dict[str, Any] = {"rate_limit_enabled": False, "reconcile_time_budget_s": 300.0}


@pytest.fixture(scope="session")
def neo4j_settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    # Rate limits are off: many tests call the same routes many times from one client (the
    # limiter's own test turns them on). Reconciliation's time budget is generous: a cold
    # Neo4j on a busy machine plans a first batch slowly (the budget's own test sets a tiny one).
    external = Settings(**TEST_LIMITS)
    if external.neo4j_uri:
        if int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1")) > 1:
            raise RuntimeError(
                "NEO4J_URI names one server for every test worker, and each worker wipes its "
                "database: run the tests in one process (make test TEST_WORKERS=0, or pytest -n 0)"
            )
        yield external
        return
    engine = LocalEngine(
        tmp_path_factory.mktemp("neo4j-home"),
        free_port(),
        build_root=build_cache(),
        heap="1g",
        page_cache_mb=256,
    )
    engine.start(exit_with_pid=os.getpid())
    try:
        yield Settings(neo4j_uri=engine.uri, neo4j_password=None, **TEST_LIMITS)
    finally:
        engine.stop()


@pytest.fixture(scope="session")
def session_driver(neo4j_settings: Settings) -> Iterator[Driver]:
    with open_driver(neo4j_settings, start_local=False) as driver:
        yield driver


@pytest.fixture
def database(neo4j_settings: Settings) -> str:
    return neo4j_settings.neo4j_database


@pytest.fixture
def driver(session_driver: Driver, database: str) -> Driver:
    """The session's driver on an empty database with the schema in place."""
    wipe_database(session_driver, database)
    ensure_schema(session_driver, database)
    return session_driver


@pytest.fixture(scope="session")
def module_graphs() -> list[ModuleGraph]:
    """The declared state of the module running now (pytest ends a module's module-scoped
    fixtures before the next module's begin)."""
    return []


@pytest.fixture(scope="module")
def module_graph(
    session_driver: Driver,
    neo4j_settings: Settings,
    tmp_path_factory: pytest.TempPathFactory,
    module_graphs: list[ModuleGraph],
) -> Iterator[Declare]:
    """Declares the graph this module's tests start from: `module_graph(load)` empties the
    database, runs `load(driver, database, folder)` and returns what it returned."""
    declared: list[ModuleGraph] = []

    def declare(load: Loader) -> Any:
        assert not declared, "a test module starts from one declared state"
        folder = tmp_path_factory.mktemp("module-graph")
        state = ModuleGraph(session_driver, neo4j_settings.neo4j_database, load, folder)
        declared.append(state)
        module_graphs.append(state)
        return state.ensure()

    yield declare
    for state in declared:
        module_graphs.remove(state)


@pytest.fixture(autouse=True)
def _declared_state(request: pytest.FixtureRequest, module_graphs: list[ModuleGraph]) -> None:
    """Before each test that uses its module's declared graph: that graph, loaded again if a
    test before it changed the database."""
    if "module_graph" in request.fixturenames:
        for state in module_graphs:
            state.ensure()


def _sample(driver: Driver, database: str, folder: Path) -> tuple[Driver, str]:
    for report in load_sample(driver, database, folder):
        assert report.rejections == [], report.rejections
    return driver, database


def _analytics(driver: Driver, database: str, folder: Path) -> tuple[Driver, str]:
    load_graph(driver, database, folder)
    return driver, database


@pytest.fixture(scope="module")
def sample_graph(module_graph: Declare) -> tuple[Driver, str]:
    """The module's tests start from the vocabularies and the sample dataset."""
    loaded: tuple[Driver, str] = module_graph(_sample)
    return loaded


@pytest.fixture(scope="module")
def analytics_graph(module_graph: Declare) -> tuple[Driver, str]:
    """The module's tests start from the vocabularies, the seed and the sample dataset."""
    loaded: tuple[Driver, str] = module_graph(_analytics)
    return loaded


@pytest.fixture(scope="module")
def ld_graph(module_graph: Declare) -> Graph:
    """The module's tests start from the vocabularies, the sample dataset and another
    publisher's file (tests/ld_helpers.py); returns what was loaded, parsed by rdflib."""
    loaded: Graph = module_graph(load_all)
    return loaded


@pytest.fixture
def api_settings(neo4j_settings: Settings, tmp_path: Path) -> Settings:
    """Settings for an API under test: the session's Neo4j, a private data directory."""
    return neo4j_settings.model_copy(update={"data_dir": tmp_path / "data"})


@pytest.fixture
def client(driver: Driver, api_settings: Settings) -> Iterator[TestClient]:
    """A client of the real app over the session's Neo4j (emptied for each test)."""
    from fastapi.testclient import TestClient

    from kennisgraaf.api.app import create_app

    with TestClient(create_app(api_settings, driver=driver)) as test_client:
        yield test_client
