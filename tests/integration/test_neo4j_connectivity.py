"""Connectivity and schema against the real Neo4j of the test session."""

from __future__ import annotations

import socket
import subprocess
import sys
import time

import pytest
from neo4j import Driver
from neo4j.exceptions import ConstraintError

from kennisgraaf.errors import Neo4jUnavailableError
from kennisgraaf.graph.connection import open_driver, server_info
from kennisgraaf.graph.schema import ensure_schema
from kennisgraaf.queries.registry import get_query
from kennisgraaf.settings import Settings
from tests.conftest import count_all


def test_server_is_neo4j_5_26(driver: Driver, database: str) -> None:
    info = server_info(driver, database)
    assert info["name"] == "Neo4j Kernel"
    assert info["version"].startswith("5.26.")


def test_fixture_gives_an_empty_database(driver: Driver, database: str) -> None:
    driver.execute_query("CREATE (:Resource {iri: 'urn:x:leftover'})", database_=database)
    assert count_all(driver, database) == (1, 0)


def test_each_test_starts_empty(driver: Driver, database: str) -> None:
    assert count_all(driver, database) == (0, 0)


def test_schema_is_idempotent_and_enforced(driver: Driver, database: str) -> None:
    before, _, _ = driver.execute_query("SHOW CONSTRAINTS YIELD name", database_=database)
    ensure_schema(driver, database)
    ensure_schema(driver, database)
    after, _, _ = driver.execute_query("SHOW CONSTRAINTS YIELD name", database_=database)
    names = sorted(r["name"] for r in after)
    assert names == sorted(r["name"] for r in before)
    assert {"resource_iri", "import_id"} <= set(names)
    driver.execute_query("CREATE (:Resource {iri: 'urn:x:1'})", database_=database)
    with pytest.raises(ConstraintError):
        driver.execute_query("CREATE (:Resource {iri: 'urn:x:1'})", database_=database)


def test_probe_writes_and_reads_back(driver: Driver, database: str) -> None:
    probe = get_query("probe_write_read")
    records, _, _ = driver.execute_query(
        probe.text, probe.bind({"id": "p-1", "at": "2026-01-01T00:00:00Z"}), database_=database
    )
    assert [(r["id"], r["at"]) for r in records] == [("p-1", "2026-01-01T00:00:00Z")]
    assert count_all(driver, database) == (0, 0)


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])  # closed again once the socket is released


def test_unreachable_uri_is_a_clear_error_within_seconds() -> None:
    uri = f"bolt://127.0.0.1:{_closed_port()}"
    began = time.monotonic()
    with pytest.raises(Neo4jUnavailableError) as caught:
        open_driver(Settings(neo4j_uri=uri), start_local=False)
    assert time.monotonic() - began < 5
    assert uri in str(caught.value)


def test_unreachable_uri_from_the_cli_names_it_without_a_traceback(tmp_path: object) -> None:
    uri = f"neo4j://127.0.0.1:{_closed_port()}"
    began = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "kennisgraaf", "demo"],
        env={"NEO4J_URI": uri, "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert time.monotonic() - began < 15
    assert result.returncode == Neo4jUnavailableError.exit_code
    assert uri in result.stderr.replace("\n", "")
    assert "Traceback" not in result.stderr + result.stdout
