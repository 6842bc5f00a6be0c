"""`kennisgraaf load --bulk`: a first load of an empty database through Neo4j's offline importer
(loaders/bulk_load.py); `--bulk-csv DIR` only writes the importer's files and command, for a
Neo4j server this machine does not run."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from kennisgraaf.errors import ValidationError
from kennisgraaf.loaders.bulk_load import BulkLoadRefusedError, BulkReport, bulk_load, prepare_csv
from kennisgraaf.loaders.options import LoadOptions
from kennisgraaf.settings import get_settings


def load_bulk(
    files: list[Path], options: LoadOptions, csv_folder: Path | None, console: Console
) -> None:
    from kennisgraaf.graph.local_engine import engine_from_settings

    settings = get_settings()
    if csv_folder is not None:
        result = prepare_csv(files, options, csv_folder, settings.neo4j_database)
        _summary(result, console)
        console.print(
            f"CSV files in {csv_folder}. With the target database stopped and empty, run:\n"
            f"{result.command}\n(no import records nor schema are written: the next normal "
            "load creates the schema and loads every source afresh)"
        )
    elif not settings.uses_local_neo4j:
        raise BulkLoadRefusedError(
            f"NEO4J_URI is set ({settings.neo4j_uri}): a bulk load writes the local engine's "
            "store while it is stopped, which an external Neo4j does not allow; use "
            "--bulk-csv DIR to write the importer's files and its neo4j-admin command instead"
        )
    else:
        console.print("bulk load: validating and staging …")
        result = bulk_load(files, engine_from_settings(), settings.neo4j_database, options)
        _summary(result, console)
    rejected = sum(r.rejected_resources for r in result.files)
    if rejected:
        console.print(f"[bold red]{rejected} resource(s) rejected[/]")
        raise typer.Exit(ValidationError.exit_code)


def _summary(result: BulkReport, console: Console) -> None:
    table = Table(title="bulk load summary")
    for col in ("file", "read", "loaded", "rejected", "quarantine"):
        table.add_column(col)
    for r in result.files:
        where = ", ".join(str(p) for p in r.quarantine)
        table.add_row(
            r.path.name,
            str(r.statements_read),
            str(r.statements_loaded),
            str(r.statements_rejected),
            where,
        )
    console.print(table)
    stages = ", ".join(f"{k} {v:.1f} s" for k, v in result.seconds.items())
    console.print(f"{result.nodes} nodes, {result.relationships} relationships; {stages}")
