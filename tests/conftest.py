"""Shared fixtures: one real Neo4j per test session, an empty database for every test.

Without NEO4J_URI the session starts its own local engine (own data directory, free port) and
stops it at the end, even when tests fail. A Neo4j that cannot be reached is an error, never a skip.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from neo4j import Driver

from kennisgraaf.graph.connection import open_driver
from kennisgraaf.graph.local_engine import LocalEngine
from kennisgraaf.graph.schema import ensure_schema
from kennisgraaf.queries.registry import get_query
from kennisgraaf.settings import Settings

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


def wipe_database(driver: Driver, database: str) -> None:
    # CALL … IN TRANSACTIONS needs an auto-commit transaction, hence session.run.
    with driver.session(database=database) as session:
        session.run(get_query("admin.wipe_all").text).consume()


def count_all(driver: Driver, database: str) -> tuple[int, int]:
    records, _, _ = driver.execute_query(get_query("admin.count_all").text, database_=database)
    return int(records[0]["nodes"]), int(records[0]["relationships"])


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
