"""`kennisgraaf registers …`: what is done with the national registers once they are loaded."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table

from kennisgraaf.graph.connection import open_driver
from kennisgraaf.settings import get_settings

if TYPE_CHECKING:
    from neo4j import Driver

    from kennisgraaf.loaders.options import LoadOptions
    from kennisgraaf.loaders.register_links import LinkReport

console = Console()


def print_links(out: Console, report: LinkReport, show: int = 50) -> None:
    """The counts of a linking run, its ambiguous and unmatched organisations (the first
    `show` of each) and how its links loaded."""
    summary = Table(title="register links")
    for column in ("linked by identifier", "linked by name", "ambiguous", "unmatched"):
        summary.add_column(column, justify="right")
    summary.add_row(*(str(n) for n in report.summary().values()))
    out.print(summary)
    for org, entries in report.ambiguous[:show]:
        out.print(f"ambiguous: {org} → {', '.join(entries)}")
    for org in report.unmatched[:show]:
        out.print(f"unmatched: {org}")
    if report.load is not None:
        out.print(f"{report.load.status}: {report.load.statements_loaded} link statements")


def link(
    quarantine: Annotated[Path, typer.Option(help="Folder for rejected data.")] = Path(
        "quarantine"
    ),
    show: Annotated[int, typer.Option(help="Ambiguous and unmatched organisations listed.")] = 50,
) -> None:
    """Link every organisation to its register entry (schema:sameAs), by identifier, else by
    name and municipality; ambiguous names are listed, never guessed. `kennisgraaf load` runs
    it after a register file; run it after loading other organisations."""
    from kennisgraaf.loaders.options import LoadOptions
    from kennisgraaf.loaders.register_links import link_registers

    settings = get_settings()
    options = LoadOptions(base_iri=settings.base_iri, quarantine_dir=quarantine)
    with open_driver(settings) as driver:
        report = link_registers(driver, settings.neo4j_database, options)
    print_links(console, report, show)


def link_after_load(driver: Driver, database: str, options: LoadOptions, out: Console) -> None:
    """After a register file's load (`options.kind` a register kind): link every organisation
    to the registers again, so what the new release holds is linked and what it dropped is not."""
    from kennisgraaf.loaders.register_links import REGISTER_KINDS, link_registers

    if options.kind in REGISTER_KINDS:
        print_links(out, link_registers(driver, database, options), show=10)
