"""The main job of `make demo`: prove the path end to end against the configured Neo4j."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from rich.console import Console

from kennisgraaf.graph.connection import open_driver, server_info
from kennisgraaf.graph.schema import ensure_schema
from kennisgraaf.queries.registry import get_query
from kennisgraaf.settings import get_settings


def run_demo(console: Console) -> None:
    settings = get_settings()
    where = "external Neo4j" if settings.neo4j_uri else "local Neo4j"
    console.print(f"[bold]kennisgraaf demo[/] — {where} at {settings.bolt_uri}")
    with open_driver(settings) as driver:
        info = server_info(driver, settings.neo4j_database)
        console.print(f"connected: {info['name']} {info['version']} ({info['edition']})")
        count = ensure_schema(driver, settings.neo4j_database)
        console.print(f"schema: {count} idempotent statements applied")
        probe = get_query("probe_write_read")
        params = probe.bind({"id": str(uuid.uuid4()), "at": datetime.now(UTC).isoformat()})
        records, _, _ = driver.execute_query(probe.text, params, database_=settings.neo4j_database)
        if not records or records[0]["id"] != params["id"]:
            raise RuntimeError("the probe node did not read back")
        console.print(f"write/read-back: probe {records[0]['id']} round-tripped")
