"""A first load of a new or empty database through Neo4j's own offline importer.

Each file goes through the same batch loop and SHACL gate as a normal load (batch_loop.py),
gated against what the earlier batches and earlier files kept (an on-disk store, as a
validation without a database does); what passes is mapped by the writer's rules and staged on
disk (bulk_staging.py), what fails goes to quarantine as in a normal load. Then the staged
graph is written as the importer's CSV files (graph/bulk_csv.py), the local engine is stopped,
the importer writes its store (graph/bulk_import.py), the engine is started again, the schema
built and each file recorded as a completed import — so the graph, its provenance and its
import records are those a normal load of the same files in the same order leaves, and normal
loads (new versions of a source included) continue on it.

Refused, with nothing changed: a database that holds anything, an external Neo4j (NEO4J_URI:
`prepare_csv` writes the files and the `neo4j-admin` command for it instead), input other than
RDF files, two files of one source.
"""

from __future__ import annotations

import json
import logging
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from neo4j import Driver, GraphDatabase

from kennisgraaf.errors import InputError
from kennisgraaf.graph.bulk_csv import CsvTables, field_text, quoted
from kennisgraaf.graph.bulk_import import ImportRun, ImportTool, admin_command, own_peak_rss_mb
from kennisgraaf.graph.local_engine import LocalEngine
from kennisgraaf.graph.mapping import Resolved, Triple, map_statements
from kennisgraaf.graph.schema import ensure_schema
from kennisgraaf.loaders.batch_loop import BatchLoop, RunContext, Verdict, gate_batch
from kennisgraaf.loaders.bulk_staging import Staging
from kennisgraaf.loaders.gate import GateOutcome
from kennisgraaf.loaders.import_identity import import_id_of, source_name
from kennisgraaf.loaders.local_context import EarlierBatches
from kennisgraaf.loaders.options import LoadOptions
from kennisgraaf.loaders.reports import FileReport, write_quarantine
from kennisgraaf.loaders.sources import open_source
from kennisgraaf.ontology.literal_check import ill_typed_literals_unlogged
from kennisgraaf.queries.registry import get_query

log = logging.getLogger(__name__)
Progress = Callable[[int], None]


class BulkLoadRefusedError(InputError):
    """A bulk load cannot run here; nothing was changed."""


@dataclass
class _FileRun:
    report: FileReport
    checksum: str
    format: str
    started: str
    batches: int = 0
    keys: dict[str, str | None] = field(default_factory=dict)  # source key → graph name
    quarantined: list[Triple] = field(default_factory=list)


@dataclass
class BulkReport:
    files: list[FileReport]
    nodes: int = 0
    relationships: int = 0
    seconds: dict[str, float] = field(default_factory=dict)  # stage → seconds
    python_peak_rss_mb: float = 0.0
    importer: ImportRun | None = None
    command: str = ""  # the neo4j-admin command (prepare_csv)


class _Sink:
    """The batch loop's sink: gated against what was kept before, kept batches staged."""

    def __init__(self, ctx: RunContext, run: _FileRun, earlier: EarlierBatches, staging: Staging):
        self.ctx, self.run, self.earlier, self.staging = ctx, run, earlier, staging
        self.progress: Progress | None = None

    def admit(self, index: int, resolved: list[Resolved]) -> bool:
        self.ctx.report.statements_read += len(resolved)
        return True

    def gate(self, index: int, pending: list[Resolved], waiting: list[Resolved]) -> GateOutcome:
        return gate_batch(self.ctx, pending, self.earlier.context)

    def take(self, index: int, verdict: Verdict) -> None:
        report = self.ctx.report
        mapped = map_statements(verdict.kept, self.ctx.natural, report.source)
        self.run.keys.update(mapped.graphs)
        self.staging.add(mapped, report.import_id)
        self.earlier.add(verdict.kept)
        self.run.quarantined.extend(verdict.refused.triples)
        self.run.batches = max(self.run.batches, index + 1)

    def batch_done(self, resolved: list[Resolved]) -> None:
        if self.progress:
            self.progress(len(resolved))


def _gate_files(
    paths: list[Path], options: LoadOptions, staging: Staging, progress: Progress | None
) -> list[_FileRun]:
    runs: list[_FileRun] = []
    with EarlierBatches() as earlier:
        for path in paths:
            reader = open_source(path, kind="rdf", fmt=options.format, base_iri=options.base_iri)
            digest = reader.checksum()
            source = source_name(options.source, path)
            report = FileReport(path=path, source=source, import_id=import_id_of(source, digest))
            began = time.monotonic()
            run = _FileRun(report, digest, reader.format_name, datetime.now(UTC).isoformat())
            ctx = RunContext.start(options, report, scope=report.import_id)
            sink = _Sink(ctx, run, earlier, staging)
            sink.progress = progress
            BatchLoop(ctx, sink).run(reader.batches(options.batch_size), options.batch_size)
            if not report.statements_read:
                raise BulkLoadRefusedError(f"{path}: no statements; nothing to load")
            report.seconds = time.monotonic() - began
            runs.append(run)
    return runs


def _check_inputs(paths: list[Path], options: LoadOptions) -> None:
    if options.kind != "rdf":
        raise BulkLoadRefusedError(
            f"a bulk load takes RDF files; load {options.kind!r} sources with a normal load"
        )
    if options.source and len(paths) > 1:
        raise InputError("--source names one file's source; give one file with it")
    names = [source_name(options.source, p) for p in paths]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise BulkLoadRefusedError(
            f"two files of the source(s) {', '.join(twice)}: a bulk load takes one version "
            "of each source (load a newer version normally afterwards)"
        )


def _write_csv(staging: Staging, folder: Path, natural: dict[str, str]) -> tuple[list[str], ...]:
    nodes = CsvTables(folder, "nodes", ["iri:ID", ":LABEL"])
    for iri, props, labels in staging.nodes(natural):
        # The importer cannot write an empty list: `_types` of an untyped resource is set after.
        fields = {k: v for k, v in props.items() if k != "iri" and v != []}
        nodes.add([quoted(iri), field_text(["Resource", *labels], iri)], fields, iri)
    rels = CsvTables(folder, "relationships", [":START_ID", ":END_ID", ":TYPE"])
    for s, t, o, props in staging.relationships():
        rels.add([quoted(s), quoted(o), quoted(t)], props, f"{s} {t} {o}")
    return nodes.close(), rels.close(), [str(nodes.rows), str(rels.rows)]


def _stage(
    paths: list[Path],
    options: LoadOptions,
    folder: Path,
    result: BulkReport,
    progress: Progress | None,
) -> tuple[list[_FileRun], list[str], list[str]]:
    """Gate, map and stage every file, then write the CSV files into `folder`."""
    staging = Staging(folder)
    try:
        began = time.monotonic()
        with ill_typed_literals_unlogged():
            runs = _gate_files(paths, options, staging, progress)
        result.seconds["validate+map"] = time.monotonic() - began
        began = time.monotonic()
        natural = RunContext.start(options, runs[0].report, "-").natural
        node_files, rel_files, counts = _write_csv(staging, folder, natural)
        result.nodes, result.relationships = int(counts[0]), int(counts[1])
        result.seconds["csv"] = time.monotonic() - began
    finally:
        staging.close()
    return runs, node_files, rel_files


def prepare_csv(
    paths: list[Path], options: LoadOptions, folder: Path, database: str = "neo4j"
) -> BulkReport:
    """The bulk load's files for a Neo4j this machine does not run: CSV files in `folder` and
    the `neo4j-admin` command that imports them (import records and schema are left out: a
    normal load on top of such a graph would treat every source as new)."""
    _check_inputs(paths, options)
    folder.mkdir(parents=True, exist_ok=True)
    result = BulkReport(files=[])
    runs, node_files, rel_files = _stage(paths, options, folder, result, None)
    result.files = [run.report for run in runs]
    result.command = admin_command(node_files, rel_files, database)
    result.python_peak_rss_mb = own_peak_rss_mb()
    return result


def bulk_load(
    paths: list[Path],
    engine: LocalEngine,
    database: str,
    options: LoadOptions,
    progress: Progress | None = None,
    work_dir: Path | None = None,
) -> BulkReport:
    """Load `paths` (in order, each one import of its source) into the empty `database` of the
    local `engine`; the engine runs again afterwards."""
    _check_inputs(paths, options)
    _refuse_unless_empty(engine, database)
    result = BulkReport(files=[])
    with tempfile.TemporaryDirectory(prefix="kennisgraaf-bulk-", dir=work_dir) as tmp:
        runs, node_files, rel_files = _stage(paths, options, Path(tmp), result, progress)
        _refuse_unless_empty(engine, database)  # nothing came in meanwhile
        began = time.monotonic()
        engine.stop()
        result.seconds["engine stop"] = time.monotonic() - began
        began = time.monotonic()
        result.importer = ImportTool(engine.build_root).run(
            engine.home, node_files, rel_files, database
        )
        result.seconds["import tool"] = time.monotonic() - began
    began = time.monotonic()
    engine.start()
    with GraphDatabase.driver(engine.uri, auth=engine.auth) as driver:
        result.seconds["engine start"] = time.monotonic() - began
        began = time.monotonic()
        ensure_schema(driver, database)
        with driver.session(database=database) as session:  # IN TRANSACTIONS: auto-commit
            session.run(get_query("load.bulk_untyped").text).consume()
        driver.execute_query(get_query("schema.await_indexes").text, database_=database)
        result.seconds["schema"] = time.monotonic() - began
        with ill_typed_literals_unlogged():
            for run in runs:
                _record_import(driver, database, run, options)
    result.files = [run.report for run in runs]
    result.python_peak_rss_mb = own_peak_rss_mb()
    return result


def _refuse_unless_empty(engine: LocalEngine, database: str) -> None:
    engine.start()
    with GraphDatabase.driver(engine.uri, auth=engine.auth) as driver:
        records, _, _ = driver.execute_query(
            get_query("load.bulk_database_empty").text, database_=database
        )
    if not records[0]["empty"]:
        raise BulkLoadRefusedError(
            f"database {database!r} of the local Neo4j in {engine.home} is not empty: a bulk "
            "load only fills a new or empty database (load into this one normally)"
        )


def _record_import(driver: Driver, database: str, run: _FileRun, options: LoadOptions) -> None:
    """The import records a normal load of the file leaves: begun, its batches, finished."""
    report = run.report
    driver.execute_query(
        get_query("load.import_begin").text,
        id=report.import_id, source=report.source, checksum=run.checksum, format=run.format,
        batch_size=options.batch_size, at=run.started, database_=database,
    )  # fmt: skip
    keys = run.keys
    driver.execute_query(
        get_query("load.import_batch_done").text,
        id=report.import_id,
        batch=max(run.batches, 1) - 1,
        statements=report.statements_loaded,
        rejected=report.statements_rejected,
        keys=sorted(keys),
        graphs=sorted(f"{k} {g or ''}" for k, g in keys.items()),
        held="[]",
        report=None,
        database_=database,
    )
    report.written = list(range(run.batches))
    if run.quarantined or report.rejections or report.refused_records:
        report.quarantine = write_quarantine(options.quarantine_dir, report, run.quarantined)
    driver.execute_query(
        get_query("load.import_finish").text,
        id=report.import_id,
        source=report.source,
        at=datetime.now(UTC).isoformat(),
        summary=json.dumps(report.summary()),
        database_=database,
    )
