"""A throw-away local Neo4j for a benchmark run, and resetting it between the systems measured."""

from __future__ import annotations

import os
import socket
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from neo4j import Driver

DATABASE = "neo4j"
# Benchmark-only administration; the project's own Cypher lives in queries/.
SHOW_CONSTRAINTS = "SHOW CONSTRAINTS YIELD name RETURN name"
DROP_CONSTRAINT = "DROP CONSTRAINT `{name}` IF EXISTS"
N10S_CONSTRAINT = (
    "CREATE CONSTRAINT n10s_unique_uri IF NOT EXISTS FOR (r:Resource) REQUIRE r.uri IS UNIQUE"
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def local_neo4j(heap: str = "1g", page_cache_mb: int = 256) -> Iterator[str]:
    """Start a fresh local engine (own home under /tmp, free port); yield its Bolt URI; stop it."""
    from kennisgraaf.graph.local_engine import LocalEngine
    from kennisgraaf.settings import Settings

    with tempfile.TemporaryDirectory(prefix="kg-bench-neo4j-") as home:
        engine = LocalEngine(
            Path(home),
            free_port(),
            build_root=Settings().data_dir / "build",
            heap=heap,
            page_cache_mb=page_cache_mb,
        )
        status = engine.start(exit_with_pid=os.getpid())
        try:
            yield status.uri
        finally:
            engine.stop()


def open_bench_driver(uri: str) -> Driver:
    from kennisgraaf.graph.connection import open_driver
    from kennisgraaf.settings import Settings

    return open_driver(Settings(neo4j_uri=uri, neo4j_password=None), start_local=False)


def reset(driver: Driver, system: str) -> None:
    """Empty the database and leave only the constraints `system` ('kennisgraaf' or
    'rdflib-neo4j') needs."""
    from kennisgraaf.graph.schema import ensure_schema
    from kennisgraaf.queries.registry import get_query

    with driver.session(database=DATABASE) as session:
        session.run(get_query("admin.wipe_relationships").text).consume()
        session.run(get_query("admin.wipe_all").text).consume()
        for record in list(session.run(SHOW_CONSTRAINTS)):
            session.run(DROP_CONSTRAINT.format(name=record["name"])).consume()
        if system == "rdflib-neo4j":
            session.run(N10S_CONSTRAINT).consume()
    if system == "kennisgraaf":
        ensure_schema(driver, DATABASE)


def graph_size(driver: Driver) -> dict[str, int]:
    from kennisgraaf.queries.registry import get_query

    records, _, _ = driver.execute_query(get_query("admin.count_all").text, database_=DATABASE)
    return {"nodes": int(records[0]["nodes"]), "relationships": int(records[0]["relationships"])}


def server(driver: Driver) -> dict[str, Any]:
    from kennisgraaf.graph.connection import server_info

    return server_info(driver, DATABASE)
