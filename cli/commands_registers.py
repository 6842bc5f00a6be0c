"""`kennisgraaf registers …`: what is done with the national registers once they are loaded."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from kennisgraaf.graph.connection import open_driver
from kennisgraaf.settings import get_settings

console = Console()


def link(
    quarantine: Annotated[Path, typer.Option(help="Folder for rejected data.")] = Path(
        "quarantine"
    ),
    show: Annotated[int, typer.Option(help="Ambiguous and unmatched organisations listed.")] = 50,
) -> None:
    """Link every organisation to its register entry (schema:sameAs), by identifier, else by
    name and municipality; ambiguous names are listed, never guessed. Run after the loads."""
    from kennisgraaf.loaders.options import LoadOptions
    from kennisgraaf.loaders.register_links import link_registers

    settings = get_settings()
    options = LoadOptions(base_iri=settings.base_iri, quarantine_dir=quarantine)
    with open_driver(settings) as driver:
        report = link_registers(driver, settings.neo4j_database, options)
    summary = Table(title="register links")
    for column in ("linked by identifier", "linked by name", "ambiguous", "unmatched"):
        summary.add_column(column, justify="right")
    summary.add_row(*(str(n) for n in report.summary().values()))
    console.print(summary)
    for org, entries in report.ambiguous[:show]:
        console.print(f"ambiguous: {org} → {', '.join(entries)}")
    for org in report.unmatched[:show]:
        console.print(f"unmatched: {org}")
    if report.load is not None:
        console.print(f"{report.load.status}: {report.load.statements_loaded} link statements")
