"""What the batch loop does with a batch: write it to Neo4j (a load) or only check it.

A load's batch is gated against the graph as the other sources describe it, plus the batch
still being written (background_writes.py), and written with what it held back and
quarantined, so a rerun resumes after it. A check gates against the graph when there is one,
else against the earlier batches of the same file, and writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from neo4j import Driver
from neo4j.exceptions import DriverError, Neo4jError
from rdflib import Graph

from kennisgraaf.errors import LoadInterruptedError, Neo4jUnavailableError
from kennisgraaf.graph.lease import WriterLease
from kennisgraaf.graph.mapping import Resolved, Triple, map_statements, source_key
from kennisgraaf.graph.writer import GraphWriter, WriteCounts
from kennisgraaf.loaders.background_writes import BackgroundWrites
from kennisgraaf.loaders.batch_loop import RunContext, Verdict, gate_batch
from kennisgraaf.loaders.gate import GateOutcome, context_graph
from kennisgraaf.loaders.local_context import EarlierBatches
from kennisgraaf.loaders.resume_state import BatchState
from kennisgraaf.queries.registry import get_query

Progress = Callable[[int], None]


@dataclass
class ImportJob:
    """One import under way: where it writes, what it is told and asked, what it gathered."""

    driver: Driver
    database: str
    lease: WriterLease
    writer: GraphWriter
    committed: int = 0  # batches an earlier run of the same import committed
    previous_keys: list[str] = field(default_factory=list)  # the source's current graphs
    keys: set[str] = field(default_factory=set)  # graphs this import writes
    quarantined: list[Triple] = field(default_factory=list)
    progress: Progress | None = None
    should_stop: Callable[[], bool] | None = None


class WriteBatches:
    """The load's sink: each batch written in the background while the next is gated
    (`with sink.writes:` around the loop)."""

    def __init__(self, ctx: RunContext, job: ImportJob) -> None:
        self.ctx, self.job = ctx, job
        self.read_in: dict[int, int] = {}  # statements read per batch, reported once committed
        self.writes = BackgroundWrites(self._committed, self._failed)

    def admit(self, index: int, resolved: list[Resolved]) -> bool:
        job = self.job
        if index < job.committed:  # committed before: only its blank nodes are numbered again
            if job.progress:
                job.progress(len(resolved))
            return False
        if job.lease.lost or (job.should_stop is not None and job.should_stop()):
            self.writes.wait()  # the batch in flight commits; nothing after it starts
            interrupted(job, self.ctx.report.import_id, self.ctx.report.path, index)
        self.read_in[index] = len(resolved)
        return True

    def gate(self, index: int, pending: list[Resolved], waiting: list[Resolved]) -> GateOutcome:
        job, ctx = self.job, self.ctx
        source, import_id = ctx.report.source, ctx.report.import_id
        graphs = {g for *_, g in pending} | {g for *_, g in waiting}
        replacing = frozenset(job.previous_keys) | {source_key(source, g) for g in graphs}

        def context_of(iris: list[str]) -> Graph:
            context = context_graph(
                job.driver, job.database, iris, ctx.options.base_iri, ctx.natural, replacing,
                import_id,
            )  # fmt: skip
            context += self.writes.context(iris)  # the batch being written: not in Neo4j yet
            return context

        try:
            return gate_batch(ctx, pending, context_of)
        except (DriverError, Neo4jError) as e:
            self.writes.wait()  # if the batch in flight failed too, that is the one to report
            raise self._failed(index, e) from e

    def take(self, index: int, verdict: Verdict) -> None:
        job, report = self.job, self.ctx.report
        # The rows that need no graph state are built here, while the batch before is written.
        mapped = job.writer.prepare(
            map_statements(verdict.kept, self.ctx.natural, report.source), report.import_id
        )
        job.keys.update(mapped.graphs.keys())
        out = verdict.refused
        # What this batch adds to the report is committed with it: a resume picks it up.
        state = BatchState(verdict.held_back, out, verdict.warnings)
        self.writes.submit(
            index,
            lambda: job.writer.write_batch(
                mapped, report.import_id, index, len(out.triples), state.held(), state.report()
            ),
            verdict.outcome.kept,
            verdict.outcome.kept_ntriples,
        )
        job.quarantined.extend(out.triples)

    def batch_done(self, resolved: list[Resolved]) -> None:
        pass  # progress is told when the batch commits

    def _committed(self, batch: int, counts: WriteCounts) -> None:
        report = self.ctx.report
        report.counts.add(counts)
        report.written.append(batch)
        if self.job.progress and batch in self.read_in:
            self.job.progress(self.read_in.pop(batch))

    def _failed(self, batch: int, e: Exception) -> Exception:
        if not isinstance(e, DriverError | Neo4jError):
            return e
        return Neo4jUnavailableError(
            f"{self.ctx.report.path}: Neo4j failed during batch {batch} "
            f"({' '.join(str(e).split())}); the {batch} batch(es) before it are committed and "
            "recorded — run the load again to complete it"
        )


def interrupted(job: ImportJob, import_id: str, path: Path, batch: int) -> None:
    job.driver.execute_query(
        get_query("load.import_interrupted").text,
        id=import_id,
        at=datetime.now(UTC).isoformat(),
        database_=job.database,
    )
    why = " (its writer lease could not be renewed in time)" if job.lease.lost else ""
    raise LoadInterruptedError(
        f"{path}: load stopped before batch {batch}{why}; the {batch} batch(es) before it are "
        "committed and recorded — run the same load again to resume it"
    )


class CheckOnly:
    """The validation's sink: nothing is written. With a driver the graph's context is used,
    without one the earlier batches of the file are the context."""

    def __init__(
        self,
        ctx: RunContext,
        earlier: EarlierBatches,
        driver: Driver | None,
        database: str,
        progress: Progress | None,
    ) -> None:
        self.ctx, self.earlier, self.progress = ctx, earlier, progress
        self.driver, self.database = driver, database

    def admit(self, index: int, resolved: list[Resolved]) -> bool:
        self.ctx.report.statements_read += len(resolved)
        return True

    def gate(self, index: int, pending: list[Resolved], waiting: list[Resolved]) -> GateOutcome:
        if self.driver is None:
            return gate_batch(self.ctx, pending, self.earlier.context)
        driver, ctx = self.driver, self.ctx
        return gate_batch(
            ctx,
            pending,
            lambda iris: context_graph(
                driver, self.database, iris, ctx.options.base_iri, ctx.natural
            ),
        )

    def take(self, index: int, verdict: Verdict) -> None:
        pass  # a check writes nothing; the loop counts what passed

    def batch_done(self, resolved: list[Resolved]) -> None:
        self.earlier.add(resolved)
        if self.progress:
            self.progress(len(resolved))
