"""CLI commands that move data: load, validate, export."""

from __future__ import annotations

import json
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from kennisgraaf.errors import InputError, ValidationError
from kennisgraaf.graph.connection import open_driver
from kennisgraaf.graph.model import natural_datatypes
from kennisgraaf.settings import get_settings

if TYPE_CHECKING:
    from kennisgraaf.loaders.pipeline import FileReport, LoadOptions

# The pipeline and the exporter are imported by the commands that run them: see cli/commands.py.
console = Console()
QUARANTINE = Path("quarantine")
KIND_HELP = (
    "rdf | csv | kennisrotonde | projects | use-events | cbs-regions | ror | duo"
    " (the kinds of loaders/sources.py)"
)
REPORT_FORMATS = {"turtle": "turtle", "json-ld": "json-ld", "jsonld": "json-ld"}
SUMMARY_COLUMNS = (
    *("file", "status", "read", "loaded", "rejected"),
    *("nodes +/~/-", "rels +/-", "s", "stmt/s"),
)
RELEASE_HELP = (
    "A register file's release: its date (YYYY-MM-DD) or version; default: the snapshot's"
    " release.json"
)
FORMAT_HELP = "turtle|ntriples|nquads|trig|jsonld|rdfxml (default: from the extension)"
LINK_HELP = "After register files (duo, ror, cbs-regions): link organisations to the registers"
BULK_HELP = "A first load of an empty local database through Neo4j's offline importer"
BULK_CSV_HELP = "Write the offline importer's CSV files and command to this folder (external Neo4j)"


def _options(
    source: str | None,
    fmt: str | None,
    batch_size: int,
    lang: str,
    quarantine: Path,
    kind: str = "rdf",
    mapping: Path | None = None,
    release: str | None = None,
) -> LoadOptions:
    from kennisgraaf.loaders.pipeline import LoadOptions

    if lang not in ("en", "nl"):
        raise InputError(f"--lang must be 'en' or 'nl', not {lang!r}")
    return LoadOptions(
        base_iri=get_settings().base_iri,
        batch_size=batch_size,
        lang=lang,
        quarantine_dir=quarantine,
        source=source,
        format=fmt,
        kind=kind,
        mapping=mapping,
        release=release,
    )


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("statements"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )


def _rejections_table(title: str, items: list) -> Table:  # type: ignore[type-arg]
    table = Table(title=title, show_lines=False)
    for col in ("resource", "path", "constraint", "message"):
        table.add_column(col, overflow="fold")
    for r in items[:50]:
        table.add_row(r.focus, r.path or "", r.component, r.message)
    if len(items) > 50:
        table.caption = f"… and {len(items) - 50} more (see the quarantine report)"
    return table


@contextmanager
def _stop_between_batches() -> Iterator[threading.Event]:
    """SIGINT or SIGTERM during a load: the batch in flight commits, the import is recorded as
    interrupted (exit 75; the same load resumes it). A second signal stops at once."""
    stop = threading.Event()

    def ask(signum: int, _: object) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()
        console.print("[yellow]stopping after the batch in flight (again: stop at once)[/]")

    if threading.current_thread() is not threading.main_thread():
        yield stop
        return
    previous = {sig: signal.signal(sig, ask) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield stop
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


GATE_ENGINE_HELP = "SHACL engine of the load gate: jena|pyshacl (default: setting gate_engine)."


def load(
    files: Annotated[
        list[Path], typer.Argument(help="RDF files (.ttl .nt .nq .trig .jsonld .rdf)")
    ],
    source: Annotated[str | None, typer.Option(help="Source name (default: file name).")] = None,
    fmt: Annotated[str | None, typer.Option("--format", help=FORMAT_HELP)] = None,
    batch_size: Annotated[int, typer.Option(help="Statements per batch/transaction.")] = 20_000,
    lang: Annotated[str, typer.Option(help="Language of validation messages: en|nl.")] = "en",
    quarantine: Annotated[Path, typer.Option(help="Folder for rejected data.")] = QUARANTINE,
    kind: Annotated[str, typer.Option(help=KIND_HELP)] = "rdf",
    mapping: Annotated[Path | None, typer.Option(help="YAML mapping for CSV input.")] = None,
    release: Annotated[str | None, typer.Option(help=RELEASE_HELP)] = None,
    link: Annotated[bool, typer.Option(help=LINK_HELP)] = True,
    gate_engine: Annotated[str | None, typer.Option(help=GATE_ENGINE_HELP)] = None,
    bulk: Annotated[bool, typer.Option(help=BULK_HELP)] = False,
    bulk_csv: Annotated[Path | None, typer.Option(help=BULK_CSV_HELP)] = None,
) -> None:
    """Validate and load RDF files into Neo4j with provenance; violations go to quarantine."""
    from kennisgraaf.loaders.gate import engine_chosen
    from kennisgraaf.loaders.pipeline import load_file

    if (source or release) and len(files) > 1:
        raise InputError("--source and --release name one file's; give one file with them")
    options = _options(source, fmt, batch_size, lang, quarantine, kind, mapping, release)
    if bulk or bulk_csv:
        from kennisgraaf.cli.commands_bulk import load_bulk

        with engine_chosen(gate_engine):
            load_bulk(files, options, bulk_csv, console)
        return
    options.on_lease_wait = lambda message: console.print(f"[yellow]{message}[/]")
    settings = get_settings()
    rejected = refused = 0
    with (
        open_driver(settings) as driver,
        _stop_between_batches() as stopping,
        engine_chosen(gate_engine),
    ):
        summary = Table(title="load summary")
        for col in SUMMARY_COLUMNS:
            summary.add_column(col, justify="left" if col in ("file", "status") else "right")
        for path in files:
            with _progress() as bar:
                task = bar.add_task(path.name, total=None)
                report = load_file(
                    path,
                    driver,
                    settings.neo4j_database,
                    options,
                    progress=lambda n, t=task: bar.advance(t, n),  # type: ignore[misc]
                    on_total=lambda n, t=task: bar.update(t, total=n),  # type: ignore[misc]
                    should_stop=stopping.is_set,
                )
            c = report.counts
            rate = report.statements_read / report.seconds if report.seconds else 0.0
            summary.add_row(
                path.name,
                report.status,
                str(report.statements_read),
                str(report.statements_loaded),
                str(report.statements_rejected),
                f"{c.nodes_created}/{c.nodes_updated}/{c.nodes_deleted}",
                f"{c.relationships_created}/{c.relationships_deleted}",
                f"{report.seconds:.2f}",
                f"{rate:,.0f}",
            )
            if report.status == "resumed":
                console.print(
                    f"{path.name}: resumed after {report.batches_skipped} committed batch(es) "
                    f"of an interrupted load; {report.batches_written} written now"
                )
            if report.rejections:
                title = f"{path.name}: rejected (Violation)"
                console.print(_rejections_table(title, report.rejections))
                console.print("quarantine: " + ", ".join(str(p) for p in report.quarantine))
            if report.warnings:
                console.print(_rejections_table(f"{path.name}: warnings (loaded)", report.warnings))
            _print_refused_records(report)
            _print_register_changes(report)
            rejected += report.rejected_resources
            refused += len(report.refused_records)
        console.print(summary)
        if link:
            from kennisgraaf.cli.commands_registers import link_after_load

            link_after_load(driver, settings.neo4j_database, options, console)
    if refused:
        console.print(f"[bold red]{refused} record(s) quarantined[/]")
    if rejected or refused:
        if rejected:
            console.print(f"[bold red]{rejected} resource(s) rejected[/]")
        raise typer.Exit(ValidationError.exit_code)


def _print_refused_records(report: FileReport) -> None:
    """Records a converter refused one by one: how many of those read, each with its reason."""
    if report.refused_records:
        console.print(
            f"[yellow]{report.path.name}: {len(report.refused_records)} of "
            f"{report.records_read} record(s) quarantined[/] "
            f"({', '.join(map(str, report.quarantine))})"
        )
        for refusal in report.refused_records[:50]:  # the quarantine file holds them all
            for message in refusal.messages():
                console.print(f"  {message}")


def _print_register_changes(report: FileReport) -> None:
    """A register release: which one, and what changed since the previous one."""
    from kennisgraaf.loaders.register_changes import rows_of

    if report.register is None:
        return
    console.print(f"{report.path.name}: {report.source}, release {report.register['release']}")
    changes = report.register.get("changes")
    if not isinstance(changes, dict):
        return
    rows = list(rows_of(changes))
    table = Table(title=f"changes since the previous release: {changes['counts']}")
    for col in ("change", "identifier", "name", "detail"):
        table.add_column(col, overflow="fold")
    for row in rows[:50]:
        table.add_row(*row)
    if len(rows) > 50:
        table.caption = f"… and {len(rows) - 50} more (in the load report)"
    console.print(table)


def validate(
    files: Annotated[list[Path], typer.Argument(help="RDF files to check.")],
    fmt: Annotated[str | None, typer.Option("--format", help=FORMAT_HELP)] = None,
    lang: Annotated[str, typer.Option(help="Language of the messages: en|nl.")] = "en",
    report_format: Annotated[
        str | None, typer.Option(help="Also print the SHACL report: turtle|json-ld.")
    ] = None,
    batch_size: Annotated[int, typer.Option(help="Statements validated together.")] = 50_000,
    kind: Annotated[str, typer.Option(help=KIND_HELP)] = "rdf",
    mapping: Annotated[Path | None, typer.Option(help="YAML mapping for CSV input.")] = None,
) -> None:
    """Run the SHACL gate only; nothing is stored. Exit code 6 when a Violation is found."""
    from kennisgraaf.loaders.pipeline import report_graph, validate_file

    options = _options(None, fmt, batch_size, lang, Path("quarantine"), kind, mapping)
    failed = False
    for path in files:
        report = validate_file(path, options)
        verdict = "[green]conforms[/]" if not report.rejections else "[red]does not conform[/]"
        console.print(
            f"{path}: {verdict} — {report.statements_read} statements, "
            f"{report.rejected_resources} resource(s) with violations, "
            f"{len(report.warnings)} warning(s)"
        )
        if report.rejections:
            console.print(_rejections_table("violations", report.rejections))
            failed = True
        if report.warnings:
            console.print(_rejections_table("warnings", report.warnings))
        _print_refused_records(report)
        failed = failed or bool(report.refused_records)
        if report_format:
            fmt_name = REPORT_FORMATS.get(report_format)
            if fmt_name is None:
                raise InputError(
                    f"--report-format must be turtle or json-ld, not {report_format!r}"
                )
            sys.stdout.write(report_graph(report).serialize(format=fmt_name))
    if failed:
        raise typer.Exit(ValidationError.exit_code)


def export(
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File (default stdout).")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="turtle|ntriples|jsonld|rdfxml")] = "turtle",
    public: Annotated[
        bool,
        typer.Option("--public", help="Public statements only: no restricted personal data."),
    ] = False,
) -> None:
    """Stream the whole graph back to RDF (with --public: only what every public view shows)."""
    from kennisgraaf.graph.exporter import EXPORT_FORMATS
    from kennisgraaf.graph.exporter import export as export_graph

    if fmt not in EXPORT_FORMATS:
        raise InputError(f"--format must be one of {', '.join(EXPORT_FORMATS)}, not {fmt!r}")
    settings = get_settings()
    with open_driver(settings) as driver:
        if output is None:
            n = export_graph(
                driver,
                settings.neo4j_database,
                sys.stdout.buffer,
                fmt,
                settings.base_iri,
                natural_datatypes(),
                public=public,
            )
        else:
            with output.open("wb") as out:
                n = export_graph(
                    driver,
                    settings.neo4j_database,
                    out,
                    fmt,
                    settings.base_iri,
                    natural_datatypes(),
                    public=public,
                )
    if not public:  # the steward's export holds restricted data: audited (api/audit.py)
        from kennisgraaf.api.audit import audit, cli_actor

        audit(settings, cli_actor(), "kennisgraaf export", [], whole_graph=True, statements=n)
    Console(stderr=True).print(json.dumps({"statements": n}))
