"""Validate-then-load: read a file in batches, pass each through the SHACL gate, write what
passes to Neo4j with provenance, quarantine what does not.

A whole file is parsed once before anything is written, so a malformed file changes nothing.
An import is identified by source name and checksum (import_identity.py): loading the same
version again is a no-op; a new version of a source withdraws the statements the old version
made and the new one does not. A register file (registers.py) is named by its register's
stable key, so a newer release replaces the previous one whatever the file is called; its
release is described and recorded on the import, and what changed since the previous release
is reported (register_release.py). One load writes to a database at a time (graph/lease.py).
Resources that fail the gate for want of something a later statement may bring (a missing
value, a link to something not yet described) are held back for a later batch that concerns
them; only what still fails at the end (or when more than a batch's worth of statements is
waiting) is quarantined. Resources no later statement can mend (an ill-typed literal, a value
outside its list) are quarantined at once (refusals.py). The batches go through one loop
(batch_loop.py) whether they are loaded or only checked (batch_sinks.py). Each batch commits
with what it held back and what it quarantined (resume_state.py), so a run that stopped
half-way — killed, or asked to stop — resumes after its last committed batch: nothing
committed is validated or written again. Each batch is written in the background while the
next one is validated (background_writes.py); batches still commit one at a time, in order.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path

from neo4j import Driver

from kennisgraaf.errors import InputError
from kennisgraaf.graph.change_journal import JournalledWriter
from kennisgraaf.graph.erasure_map import erased_people
from kennisgraaf.graph.lease import WriterLease
from kennisgraaf.graph.mapping import source_key
from kennisgraaf.graph.schema import ensure_schema
from kennisgraaf.loaders.batch_loop import BatchLoop, RunContext
from kennisgraaf.loaders.batch_sinks import CheckOnly, ImportJob, Progress, WriteBatches
from kennisgraaf.loaders.gate import VALIDATOR_OF_RECORD, engine_chosen, prepare_gate
from kennisgraaf.loaders.import_identity import import_id_of, source_name
from kennisgraaf.loaders.local_context import EarlierBatches
from kennisgraaf.loaders.options import LoadOptions
from kennisgraaf.loaders.register_release import (
    change_report,
    file_facts,
    previous_facts,
    successors,
)
from kennisgraaf.loaders.registers import Release, ReleasedSource, release_of
from kennisgraaf.loaders.reports import FileReport, Rejection, report_graph, write_quarantine
from kennisgraaf.loaders.resume_state import resume
from kennisgraaf.loaders.sources import Source, open_source
from kennisgraaf.ontology.literal_check import ill_typed_literals_unlogged
from kennisgraaf.queries.registry import get_query
from kennisgraaf.settings import get_settings

# What other modules import from here (the CLI, the API, tests, benchmarks).
__all__ = [
    "DescribedElsewhere",
    "FileReport",
    "LoadOptions",
    "Progress",
    "Rejection",
    "import_id_of",
    "load_file",
    "report_graph",
    "validate_file",
]


class DescribedElsewhere:
    """`iri in this`: the resource is described in the graph by another source. Lets the
    Kennisrotonde loader link to studies already there instead of describing them again."""

    def __init__(self, driver: Driver, database: str, key: str) -> None:
        self.driver, self.database, self.key = driver, database, key
        self._query = get_query("load.described_by_others").text
        self._seen: dict[str, bool] = {}

    def __contains__(self, iri: object) -> bool:
        name = str(iri)
        if name not in self._seen:
            records, _, _ = self.driver.execute_query(
                self._query, iri=name, key=self.key, database_=self.database
            )
            self._seen[name] = bool(records and records[0]["described"])
        return self._seen[name]

    def warm(self, iris: Iterable[object]) -> None:
        """Asks about many resources in one query (a converter that knows them all first)."""
        todo = sorted({str(i) for i in iris} - self._seen.keys())
        if todo:
            records, _, _ = self.driver.execute_query(
                get_query("load.described_by_others_many").text,
                iris=todo, key=self.key, database_=self.database,
            )  # fmt: skip
            found = {record["iri"] for record in records}
            self._seen.update((iri, iri in found) for iri in todo)


def load_file(
    path: Path,
    driver: Driver,
    database: str,
    options: LoadOptions,
    progress: Progress | None = None,
    on_total: Progress | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> FileReport:
    """Load one file as one import of its source. `should_stop` is asked between batches: when
    it answers True the batch in flight still commits, the import is recorded as interrupted
    and `LoadInterruptedError` is raised; the same load run again resumes after it."""
    prepare_gate()  # a JVM gate starts while the file is opened and the first batch read
    with ill_typed_literals_unlogged():
        return _load_file(path, driver, database, options, progress, on_total, should_stop)


def _load_file(
    path: Path,
    driver: Driver,
    database: str,
    options: LoadOptions,
    progress: Progress | None,
    on_total: Progress | None,
    should_stop: Callable[[], bool] | None,
) -> FileReport:
    began = time.monotonic()
    release = release_of(options.kind, path, options.source, options.release)
    source = source_name(release.source if release else options.source, path)
    reader: Source = open_source(
        path,
        kind=options.kind,
        fmt=options.format,
        mapping=options.mapping,
        base_iri=options.base_iri,
        known_studies=DescribedElsewhere(driver, database, source_key(source, None)),
    )
    if release:
        reader = ReleasedSource(reader, release, options.base_iri)
    digest = reader.checksum()
    report = FileReport(path=path, source=source, import_id=import_id_of(source, digest))
    ctx = RunContext.start(options, report, scope=report.import_id)
    ensure_schema(driver, database)
    with _writer_lease(driver, database, options, report) as lease:
        writer = JournalledWriter(driver, database, ctx.natural)
        job = ImportJob(driver, database, lease, writer, progress=progress, should_stop=should_stop)
        ctx.erased = erased_people(driver, database)
        loaded = _load(reader, digest, ctx, job, on_total, release)
        report.seconds = time.monotonic() - began
        if loaded:
            _finish(job, report)
    return report


def _writer_lease(
    driver: Driver, database: str, options: LoadOptions, report: FileReport
) -> WriterLease:
    settings = get_settings()
    return WriterLease(
        driver,
        database,
        f"import {report.import_id} of source {report.source!r} ({report.path.name})",
        duration_s=options.lease_s or settings.load_lease_s,
        wait_s=settings.load_lease_wait_s if options.lease_wait_s is None else options.lease_wait_s,
        on_wait=options.on_lease_wait,
    )


def _load(
    reader: Source,
    digest: str,
    ctx: RunContext,
    job: ImportJob,
    on_total: Progress | None,
    release: Release | None = None,
) -> bool:
    """The load proper, under the writer lease: nothing if this version is loaded already
    (False); else the batches after those an earlier run committed, then what the old version
    said and this one does not is withdrawn."""
    report, options = ctx.report, ctx.options
    current, _, _ = job.driver.execute_query(
        get_query("load.import_current").text, source=report.source, database_=job.database
    )
    job.previous_keys = list(current[0]["keys"]) if current else []
    if current and current[0]["id"] == report.import_id and not current[0]["amended"]:
        report.status = "unchanged"
        report.statements_loaded = int(current[0]["loaded"] or 0)
        return False
    # The whole file must parse before anything is written.
    report.statements_read = reader.count()
    if not report.statements_read:
        # A new version of a source that says nothing would withdraw all the source said.
        raise InputError(
            f"{report.path}: no statements; nothing to load (an empty file is refused)"
        )
    if on_total:
        on_total(report.statements_read)
    batch_size = _begin(reader, digest, ctx, job)
    if release:
        _record_release(reader, release, ctx, job, batch_size)
    held = []
    if job.committed:
        report.status = "resumed"
        report.batches_skipped = job.committed
        held = resume(job.driver, job.database, report, ctx.refusals, job.quarantined, job.keys)
    sink = WriteBatches(ctx, job)
    with sink.writes:
        BatchLoop(ctx, sink, held, first=job.committed).run(reader.batches(batch_size), batch_size)
        sink.writes.wait()
    report.erased_people_skipped = len(ctx.erased.met) if ctx.erased else 0
    for key in sorted(set(job.previous_keys) | job.keys):
        report.counts.add(job.writer.withdraw_stale(key, report.import_id))
    if job.quarantined or report.rejections or report.refused_records:
        report.quarantine = write_quarantine(options.quarantine_dir, report, job.quarantined)
    return True


def _begin(reader: Source, digest: str, ctx: RunContext, job: ImportJob) -> int:
    """Record the import as begun (or find it begun by an earlier run); the batch size."""
    report = ctx.report
    begun, _, _ = job.driver.execute_query(
        get_query("load.import_begin").text,
        id=report.import_id,
        source=report.source,
        checksum=digest,
        format=reader.format_name,
        batch_size=ctx.options.batch_size,
        at=datetime.now(UTC).isoformat(),
        database_=job.database,
    )
    job.committed = int(begun[0]["batches"])
    # Batches are counted in the size the import began with, so a resume skips exactly them.
    return int(begun[0]["batchSize"] or ctx.options.batch_size)


def _record_release(
    reader: Source, release: Release, ctx: RunContext, job: ImportJob, batch_size: int
) -> None:
    """The release on the import, and, before anything of it is written, what changed since
    the release the graph holds (a resumed import compared before it began: its first run's
    report has the changes)."""
    report, base = ctx.report, ctx.options.base_iri
    job.driver.execute_query(
        get_query("registers.import_release").text,
        id=report.import_id,
        release=str(release.iri(base)),
        label=release.label,
        database_=job.database,
    )
    report.register = {**release.as_json(base), "changes": None}
    if job.committed:
        return
    key = source_key(report.source, None)
    previous = previous_facts(job.driver, job.database, key, ctx.natural)
    if previous:
        changes = change_report(
            release.family.kind,
            previous,
            file_facts(reader, batch_size),
            successors(release.family.kind, report.path),
        )
        report.register["changes"] = changes.as_json()


def _finish(job: ImportJob, report: FileReport) -> None:
    job.driver.execute_query(
        get_query("load.import_finish").text,
        id=report.import_id,
        source=report.source,
        at=datetime.now(UTC).isoformat(),
        summary=json.dumps(report.summary()),
        database_=job.database,
    )


def validate_file(
    path: Path,
    options: LoadOptions,
    driver: Driver | None = None,
    database: str = "neo4j",
    progress: Progress | None = None,
) -> FileReport:
    """The gate only: nothing is written. With a driver, the graph's context is used too.
    The validator of record (pyshacl) validates, whatever the load gate's engine."""
    with ill_typed_literals_unlogged(), engine_chosen(VALIDATOR_OF_RECORD):
        return _validate_file(path, options, driver, database, progress)


def _validate_file(
    path: Path,
    options: LoadOptions,
    driver: Driver | None,
    database: str,
    progress: Progress | None,
) -> FileReport:
    began = time.monotonic()
    source = source_name(options.source, path)
    reader = open_source(
        path, kind=options.kind, fmt=options.format, mapping=options.mapping,
        base_iri=options.base_iri,
    )  # fmt: skip
    report = FileReport(path=path, source=source, import_id="-", status="validated")
    ctx = RunContext.start(options, report, scope=source)
    with EarlierBatches() as earlier:
        sink = CheckOnly(ctx, earlier, driver, database, progress)
        BatchLoop(ctx, sink).run(reader.batches(options.batch_size), options.batch_size)
    report.seconds = time.monotonic() - began
    return report
