"""`kennisgraaf person …`: erasure of a person ("recht op vergetelheid") and its records."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from kennisgraaf.graph.connection import open_driver
from kennisgraaf.settings import get_settings

console = Console()


def erase(
    key: Annotated[
        str, typer.Argument(help="The person: an IRI, or its path below id/person/ (anon/…).")
    ],
    quarantine: Annotated[
        list[Path] | None,
        typer.Option(
            help="Quarantine folders to erase them from (default: ./quarantine and the data "
            "directory's)."
        ),
    ] = None,
) -> None:
    """Erase a person: out of the graph, the SPARQL store, dumps, search, import records and
    quarantine; their questions and studies stay, shown with their role. Recorded and audited;
    later loads keep them out."""
    from kennisgraaf.api.audit import audit, cli_actor
    from kennisgraaf.graph.erasure import erase_person
    from kennisgraaf.graph.model import natural_datatypes

    settings = get_settings()
    folders = quarantine or [Path("quarantine"), settings.data_dir / "quarantine"]
    actor = cli_actor()
    with open_driver(settings) as driver:
        result = erase_person(
            driver,
            settings.neo4j_database,
            settings.base_iri,
            key,
            actor["who"],
            natural_datatypes(),
            folders,
        )
    audit(
        settings,
        actor,
        "kennisgraaf person erase",
        [result.stand_in] if result.stand_in else [],
        erasure=result.id,
    )
    if not result.found:
        console.print(
            "[yellow]the graph holds no such person: the erasure is recorded, "
            "so no load brings them in[/]"
        )
    console.print(
        json.dumps(
            {
                "erasure": result.id,
                "stand_in": result.stand_in,
                "renamed": result.renamed,
                "imports_amended": result.imports,
                "records_rewritten": result.records,
                "quarantine_files_rewritten": result.files,
            },
            indent=2,
        )
    )


def erasures() -> None:
    """The erasure records: when, by whom, the stand-in (the keys are kept only as keyed hashes)."""
    from kennisgraaf.queries.runner import read

    settings = get_settings()
    with open_driver(settings) as driver:
        rows = read(driver, settings.neo4j_database, "erasure.list")
    table = Table(title=f"{len(rows)} erasure(s)")
    for col in ("id", "at", "by", "stand-in", "key (keyed hash)"):
        table.add_column(col, overflow="fold")
    for r in rows:
        table.add_row(r["id"], r["at"], r["by"], r["standIn"], r["keyHash"][:16])
    console.print(table)
