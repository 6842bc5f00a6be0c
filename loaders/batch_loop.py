"""One batch loop for a load and for a validation ("check only").

Each batch is resolved (blank nodes named), joined by the statements held back before it that
it concerns (held_back.py), screened for resources refused for good, gated, and sorted into
what passes, what is held back for a later batch and what goes to quarantine now
(refusals.py). Never more than a batch's worth is held back: past that, and at the end, what is
held is gated one last time and what still fails is quarantined. A sink decides what a batch's
context is and what becomes of what passed: written to Neo4j (a load) or only counted (a
validation) — batch_sinks.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from rdflib import Graph

from kennisgraaf.graph.erasure_map import ErasedPeople
from kennisgraaf.graph.mapping import GENID, Resolved, Skolemizer, resolve
from kennisgraaf.graph.model import natural_datatypes
from kennisgraaf.loaders.gate import GateOutcome, gate
from kennisgraaf.loaders.held_back import wake
from kennisgraaf.loaders.options import LoadOptions
from kennisgraaf.loaders.read_ahead import ReadAhead
from kennisgraaf.loaders.refusals import Refusals, Refused
from kennisgraaf.loaders.reports import FileReport, Rejection


@dataclass
class RunContext:
    """What every step of one load or validation shares."""

    options: LoadOptions
    report: FileReport
    natural: dict[str, str]  # datatypes stored as native Neo4j values (graph/model.py)
    genid: str  # the prefix of skolemised blank nodes
    skolem: Skolemizer
    refusals: Refusals
    erased: ErasedPeople | None = field(default=None)  # people erased: kept out of a load

    @classmethod
    def start(cls, options: LoadOptions, report: FileReport, scope: str) -> RunContext:
        genid = options.base_iri + GENID
        skolem = Skolemizer(options.base_iri, scope=scope)
        return cls(options, report, natural_datatypes(), genid, skolem, Refusals(genid))


@dataclass
class Verdict:
    """One batch sorted: what to write, what waits for a later batch, what is refused now."""

    kept: list[Resolved]
    held_back: list[Resolved]
    refused: Refused
    warnings: list[Rejection]  # those not reported before
    outcome: GateOutcome


class Sink(Protocol):
    def admit(self, index: int, resolved: list[Resolved]) -> bool:
        """Whether the batch is gated (False: an earlier run committed it)."""

    def gate(self, index: int, pending: list[Resolved], waiting: list[Resolved]) -> GateOutcome:
        """The gate's outcome for `pending`; `waiting`: held statements it does not concern."""

    def take(self, index: int, verdict: Verdict) -> None:
        """What becomes of the batch: written, or only counted."""

    def batch_done(self, resolved: list[Resolved]) -> None: ...


class _Batch(Protocol):  # what every source kind yields
    @property
    def index(self) -> int: ...

    @property
    def statements(self) -> Sequence[object]: ...


def gate_batch(
    ctx: RunContext, resolved: list[Resolved], context_of: Callable[[list[str]], Graph]
) -> GateOutcome:
    """Gate the statements against `context_of` their resources (what the graph, the batch
    being written or the earlier batches say around them)."""
    triples = list(dict.fromkeys((s, p, o) for s, p, o, _ in resolved))
    iris = sorted({s for s, _, _ in triples} | {o for _, _, o in triples if isinstance(o, str)})
    return gate(triples, context_of(iris), genid=ctx.genid, lang=ctx.options.lang)


class BatchLoop:
    def __init__(
        self, ctx: RunContext, sink: Sink, held: list[Resolved] | None = None, first: int = 0
    ) -> None:
        """`held`, `first`: what a resumed load's last committed batch held back, and the
        index of the first batch it did not commit."""
        self.ctx, self.sink = ctx, sink
        self.held: list[Resolved] = held or []
        self.first = first

    def run(self, batches: Iterable[_Batch], batch_size: int) -> None:
        if len(self.held) > batch_size:
            # Stopped between a batch and the quarantine of what it held back beyond the bound.
            self.held = self._step(self.first - 1, self.held, final=True)
        last = -1
        with ReadAhead(self._resolved(batches), name="kennisgraaf-read") as ahead:
            for batch, resolved in ahead:
                last = batch.index
                self._batch(batch, resolved, batch_size)
        if self.held:
            self._step(max(last + 1, self.first), self.held, final=True)

    def _resolved(self, batches: Iterable[_Batch]) -> Iterator[tuple[_Batch, list[Resolved]]]:
        """Each batch with its blank nodes named (and erased people taken out): produced one
        batch ahead, while the loop waits on the gate and the writes (read_ahead.py)."""
        for batch in batches:
            resolved = resolve(batch.statements, self.ctx.skolem)
            if self.ctx.erased:
                resolved = self.ctx.erased.apply(resolved)
            yield batch, resolved

    def _batch(self, batch: _Batch, resolved: list[Resolved], batch_size: int) -> None:
        self._count_records(batch)
        if not self.sink.admit(batch.index, resolved):
            return
        woken, waiting = wake(self.held, resolved)
        self.held = self._step(batch.index, woken + resolved, final=False, waiting=waiting)
        self.sink.batch_done(resolved)
        if len(self.held) > batch_size:  # bounded: never carry more than a batch
            self.held = self._step(batch.index, self.held, final=True)

    def _count_records(self, batch: _Batch) -> None:
        """A converted source's batch tells its good records and the bad ones read among them
        (converted_source.RecordBatch), told again for a batch an earlier run committed."""
        refused = getattr(batch, "refused", ())
        self.ctx.report.records_read += getattr(batch, "records", 0) + len(refused)
        self.ctx.report.refused_records += refused

    def _step(
        self,
        index: int,
        pending: list[Resolved],
        final: bool,
        waiting: list[Resolved] | None = None,
    ) -> list[Resolved]:
        """Gate and sort one batch; returns what it holds back."""
        report, refusals = self.ctx.report, self.ctx.refusals
        pending, refused = refusals.screen(pending)
        outcome = self.sink.gate(index, pending, waiting or [])
        kept, held_back, out = refusals.sort(pending, outcome, refused, final, waiting)
        verdict = Verdict(kept, held_back, out, report.add_warnings(outcome.warnings), outcome)
        self.sink.take(index, verdict)
        report.statements_loaded += len(kept)
        report.statements_rejected += len(out.triples)
        report.rejections += out.rejections
        return held_back
