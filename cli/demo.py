"""The main job of `make demo`: prove the path end to end, then load the shipped data."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

from neo4j import Driver
from rich.console import Console
from rich.table import Table
from rich.tree import Tree

from kennisgraaf.cli.commands_queries import render_timeline
from kennisgraaf.graph.connection import open_driver, server_info
from kennisgraaf.graph.schema import ensure_schema
from kennisgraaf.loaders.pipeline import LoadOptions, load_file
from kennisgraaf.ontology.stages import stage_names
from kennisgraaf.queries.analytics import cycle
from kennisgraaf.queries.analytics.trace import trace_question
from kennisgraaf.queries.registry import get_query
from kennisgraaf.settings import Settings, get_settings


def _probe(driver: Driver, database: str, console: Console) -> None:
    probe = get_query("probe_write_read")
    params = probe.bind({"id": str(uuid.uuid4()), "at": datetime.now(UTC).isoformat()})
    records, _, _ = driver.execute_query(probe.text, params, database_=database)
    if not records or records[0]["id"] != params["id"]:
        raise RuntimeError("the probe node did not read back")
    console.print(f"write/read-back: probe {records[0]['id']} round-tripped")


def demo_inputs() -> list[tuple[Path, str]]:
    """The shipped vocabularies and datasets, and the Kennisrotonde example, in load order."""
    ontology = resources.files("kennisgraaf.ontology")
    loaders = resources.files("kennisgraaf.loaders")
    return [
        (Path(str(ontology / "vocabularies.ttl")), "rdf"),
        (Path(str(ontology / "datasets" / "seed.ttl")), "rdf"),
        (Path(str(ontology / "datasets" / "sample.ttl")), "rdf"),
        (Path(str(loaders / "examples" / "kennisrotonde-example.json")), "kennisrotonde"),
    ]


def load_demo_data(driver: Driver, settings: Settings, console: Console) -> None:
    table = Table(title="demo data")
    for col in ("source", "status", "statements", "rejected", "warnings", "seconds"):
        table.add_column(col, justify="left" if col in ("source", "status") else "right")
    for path, kind in demo_inputs():
        options = LoadOptions(
            base_iri=settings.base_iri,
            kind=kind,
            quarantine_dir=settings.data_dir / "quarantine",
        )
        with console.status(f"validating and loading {path.name}…"):
            report = load_file(path, driver, settings.neo4j_database, options)
        table.add_row(
            path.name,
            report.status,
            str(report.statements_loaded or report.statements_read),
            str(report.statements_rejected),
            str(len(report.warnings)),
            f"{report.seconds:.2f}",
        )
    console.print(table)


def show_trace_and_funnel(driver: Driver, settings: Settings, console: Console) -> None:
    trace = trace_question(driver, settings.neo4j_database, f"{settings.base_iri}id/question/q01")
    tree = Tree(f"[bold]trace of question q01[/] {trace.text.get('nl', '')}")
    render_timeline(trace, tree)
    console.print(tree)
    funnel = cycle.funnel(cycle.question_stages(driver, settings.neo4j_database))["all"]
    table = Table(title="funnel: questions reaching each stage")
    for stage in stage_names():
        table.add_column(stage, justify="right")
    table.add_row(*(str(funnel[s]) for s in stage_names()))
    console.print(table)


def run_demo(console: Console) -> None:
    settings = get_settings()
    where = "external Neo4j" if settings.neo4j_uri else "local Neo4j"
    console.print(f"[bold]kennisgraaf demo[/] — {where} at {settings.bolt_uri}")
    with open_driver(settings) as driver:
        info = server_info(driver, settings.neo4j_database)
        console.print(f"connected: {info['name']} {info['version']} ({info['edition']})")
        count = ensure_schema(driver, settings.neo4j_database)
        console.print(f"schema: {count} idempotent statements applied")
        _probe(driver, settings.neo4j_database, console)
        load_demo_data(driver, settings, console)
        show_trace_and_funnel(driver, settings, console)
