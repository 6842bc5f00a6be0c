"""The main job of `make demo`: prove the path end to end, then load the shipped data."""

from __future__ import annotations

import csv
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

from neo4j import Driver
from rich.console import Console
from rich.table import Table
from rich.tree import Tree

from kennisgraaf.cli.commands_queries import render_timeline
from kennisgraaf.cli.commands_registers import print_links
from kennisgraaf.errors import KennisgraafError
from kennisgraaf.graph.connection import open_driver, server_info
from kennisgraaf.graph.schema import ensure_schema
from kennisgraaf.loaders.pipeline import FileReport, LoadOptions, load_file
from kennisgraaf.loaders.register_links import SOURCE, LinkReport, link_registers
from kennisgraaf.ontology.stages import stage_names
from kennisgraaf.queries.analytics import cycle, geography
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
        (Path(str(ontology / "mappings.ttl")), "rdf"),
        (Path(str(ontology / "datasets" / "seed.ttl")), "rdf"),
        (Path(str(ontology / "datasets" / "sample.ttl")), "rdf"),
        (Path(str(loaders / "examples" / "kennisrotonde-example.json")), "kennisrotonde"),
    ]


RELEASE_FILE = "release.json"


def registers_dir() -> Path | None:
    """data/registers of the checkout the demo runs from (the working directory, as `make demo`
    has it, or the source tree this module is linked from); None when neither holds one — the
    registers are reference data beside the package, not in it."""
    source_root = Path(__file__).resolve().parents[1]
    for root in (Path.cwd(), source_root):
        folder = root / "data" / "registers"
        if folder.is_dir():
            return folder
    return None


def _duo_locations(path: Path) -> frozenset[str]:
    """The location codes a DUO file gives (BRIN + location number, as the duo kind reads them)."""
    with path.open(encoding="utf-8", errors="replace", newline="") as handle:
        codes = set()
        for row in csv.DictReader(handle, delimiter=";"):
            brin = (row.get("INSTELLINGSCODE") or row.get("BRIN NUMMER") or "").strip()
            code = (row.get("VESTIGINGSCODE") or row.get("VESTIGINGSNUMMER") or "").strip()
            codes.add(brin + code if len(code) == 2 else code)
    return frozenset(codes)


def _without_excerpts(files: list[Path]) -> list[Path]:
    """The DUO files less those whose locations another of them holds as well (an excerpt kept
    for tests): loaded together, an institution could be named after two different locations."""
    codes = {path: _duo_locations(path) for path in files}

    def held_elsewhere(path: Path) -> bool:  # of two files with the same rows, the first stays
        mine = codes[path]
        return any(
            other != path and mine <= codes[other] and (mine < codes[other] or other < path)
            for other in files
        )

    return [path for path in files if not held_elsewhere(path)]


def register_inputs(folder: Path | None = None) -> list[tuple[Path, str]]:
    """Every register file shipped, whatever the folders hold: CBS municipalities first (the
    schools link to them), then DUO school locations (an excerpt of another DUO file left out),
    then ROR organisations."""
    folder = folder or registers_dir()
    if folder is None:
        return []
    cbs = sorted((folder / "cbs").glob("municipalities*.csv"))
    duo = _without_excerpts(sorted((folder / "duo").glob("*.csv")))
    ror = sorted(
        p for p in (folder / "ror").glob("*.json*") if p.name != RELEASE_FILE
    )  # release.json describes the snapshot; it is no register file
    return [
        *((p, "cbs-regions") for p in cbs),
        *((p, "duo") for p in duo),
        *((p, "ror") for p in ror),
    ]


def _row(table: Table, name: str, report: FileReport) -> None:
    table.add_row(
        name,
        report.status,
        str(report.statements_loaded or report.statements_read),
        str(report.statements_rejected),
        str(len(report.warnings)),
        f"{report.seconds:.2f}",
    )


@dataclass
class DemoLoad:
    """What the demo loaded: each file's report, in load order, and the linking run's."""

    reports: list[tuple[Path, FileReport]] = field(default_factory=list)
    links: LinkReport | None = None


def load_demo_data(driver: Driver, settings: Settings, console: Console) -> DemoLoad:
    """The shipped data in load order, then (with registers loaded) every organisation linked
    to its register entry, as `kennisgraaf load` links after a register file."""
    done = DemoLoad()
    table = Table(title="demo data")
    for col in ("source", "status", "statements", "rejected", "warnings", "seconds"):
        table.add_column(col, justify="left" if col in ("source", "status") else "right")
    registers = register_inputs()
    if not registers:
        console.print("registers: no data/registers folder here; loading without them")
    for path, kind in demo_inputs() + registers:
        options = LoadOptions(
            base_iri=settings.base_iri,
            kind=kind,
            quarantine_dir=settings.data_dir / "quarantine",
        )
        try:
            with console.status(f"validating and loading {path.name}…"):
                report = load_file(path, driver, settings.neo4j_database, options)
        except KennisgraafError as e:
            if (path, kind) not in registers:
                raise
            # a register file the kind cannot read stops only itself, not the demo
            table.add_row(path.name, "refused", "", "", "", "")
            console.print(f"[yellow]{path.name}[/]: {e}")
            continue
        _row(table, path.name, report)
        done.reports.append((path, report))
    if registers:
        with console.status("linking organisations to the registers…"):
            quarantine = settings.data_dir / "quarantine"
            options = LoadOptions(settings.base_iri, quarantine_dir=quarantine)
            done.links = link_registers(driver, settings.neo4j_database, options)
        if done.links.load is not None:
            _row(table, SOURCE, done.links.load)
    console.print(table)
    if done.links is not None:
        print_links(console, done.links, show=10)
    return done


def show_provinces(driver: Driver, settings: Settings, console: Console) -> None:
    """The register's schools per province and how many are in a network."""
    table = Table(title="schools (register locations) per province")
    for col in ("province", "schools", "in a network", "in one that shares research"):
        table.add_column(col, justify="left" if col == "province" else "right")
    for p in geography.provinces(driver, settings.neo4j_database):
        table.add_row(p.name.get("nl", p.code), str(p.schools), str(p.in_network), str(p.sharing))
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
        show_provinces(driver, settings, console)
        from kennisgraaf.cli.demo_personal_data import show_restricted_trace

        show_restricted_trace(driver, settings, console)  # a restricted actor, by role
