"""Validate-then-load: read a file in batches, pass each through the SHACL gate, write what
passes to Neo4j with provenance, quarantine what does not.

A whole file is parsed once before anything is written, so a malformed file changes nothing.
An import is identified by source name and checksum: loading the same version again is a no-op;
a new version of a source withdraws the statements the old version made and the new one does
not. One load writes to a database at a time (graph/lease.py). Resources that fail the gate
for want of something a later statement may bring (a missing value, a link to something not
yet described) are retried with the next batch; only what still fails at the end (or when more
than a batch's worth of statements is waiting) is quarantined. Resources no later statement can
mend (an ill-typed literal, a value outside its list) are quarantined at once (Refusals).
Each batch commits with what it held back and what it quarantined, so a run that stopped
half-way — killed, or asked to stop — resumes after its last committed batch: nothing
committed is validated or written again. Each batch is written in the background while the next
one is validated (background_writes.py); batches still commit one at a time, in order.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pyoxigraph as ox
from neo4j import Driver
from neo4j.exceptions import DriverError, Neo4jError
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from kennisgraaf.errors import InputError, LoadInterruptedError, Neo4jUnavailableError
from kennisgraaf.graph.lease import Waiting, WriterLease
from kennisgraaf.graph.mapping import (
    GENID,
    ObjectTerm,
    Resolved,
    Skolemizer,
    Triple,
    map_statements,
    resolve,
    source_key,
)
from kennisgraaf.graph.model import natural_datatypes
from kennisgraaf.graph.schema import ensure_schema
from kennisgraaf.graph.writer import GraphWriter, WriteCounts
from kennisgraaf.loaders.background_writes import BackgroundWrites
from kennisgraaf.loaders.gate import GateOutcome, context_graph, gate
from kennisgraaf.loaders.held_back import wake
from kennisgraaf.loaders.local_context import EarlierBatches
from kennisgraaf.loaders.sources import Source, open_source
from kennisgraaf.ontology.terms import to_rdflib
from kennisgraaf.ontology.validation import ValidationResult
from kennisgraaf.queries.registry import get_query
from kennisgraaf.settings import get_settings

log = logging.getLogger(__name__)
Progress = Callable[[int], None]


@dataclass
class Rejection:
    focus: str
    path: str | None
    message: str
    component: str


@dataclass
class FileReport:
    path: Path
    source: str
    import_id: str
    status: str = "loaded"  # loaded | unchanged | resumed
    statements_read: int = 0
    statements_loaded: int = 0
    statements_rejected: int = 0
    rejections: list[Rejection] = field(default_factory=list)
    warnings: list[Rejection] = field(default_factory=list)
    counts: WriteCounts = field(default_factory=WriteCounts)
    seconds: float = 0.0
    quarantine: list[Path] = field(default_factory=list)
    batches_skipped: int = 0  # committed by an earlier run of the same import (resumed)
    written: list[int] = field(default_factory=list)  # index of each batch this run committed

    def add_warnings(self, results: Iterable[ValidationResult]) -> list[Rejection]:
        """Each warning once: a resource held back for the next batch is validated again.
        Returns those not seen before."""
        seen = {(w.focus, w.path, w.component, w.message) for w in self.warnings}
        added = []
        for result in results:
            warning = _rejection(result)
            key = (warning.focus, warning.path, warning.component, warning.message)
            if key not in seen:
                seen.add(key)
                added.append(warning)
        self.warnings += added
        return added

    @property
    def batches_written(self) -> int:
        return len(self.written)

    @property
    def rejected_resources(self) -> int:
        return len({r.focus for r in self.rejections})

    def summary(self) -> dict[str, object]:
        return {
            "source": self.source,
            "import": self.import_id,
            "status": self.status,
            "statements_read": self.statements_read,
            "statements_loaded": self.statements_loaded,
            "statements_rejected": self.statements_rejected,
            "resources_rejected": self.rejected_resources,
            "warnings": len(self.warnings),
            "nodes_created": self.counts.nodes_created,
            "nodes_updated": self.counts.nodes_updated,
            "nodes_deleted": self.counts.nodes_deleted,
            "relationships_created": self.counts.relationships_created,
            "relationships_deleted": self.counts.relationships_deleted,
            "batches_skipped": self.batches_skipped,
            "batches_written": self.batches_written,
            "seconds": round(self.seconds, 3),
        }


def _rejection(r: ValidationResult) -> Rejection:
    return Rejection(
        focus=str(r.focus_node),
        path=r.path_text,
        message=r.message,
        component=str(r.constraint_component).rsplit("#", 1)[-1],
    )


# Bump when the mapping rules change: every source then loads afresh instead of "unchanged".
MAPPING_VERSION = "1"


@lru_cache(maxsize=1)
def model_fingerprint() -> str:
    """The mapping version and the model files: new shapes or ranges mean a new import."""
    digest = hashlib.sha256(MAPPING_VERSION.encode())
    model = resources.files("kennisgraaf.ontology")
    for name in ("kennisgraaf.ttl", "vocabularies.ttl", "shapes.ttl"):
        digest.update((model / name).read_bytes())
    return digest.hexdigest()[:16]


def import_id_of(source: str, digest: str) -> str:
    """Same source, same content, same model: same import (so loading again is a no-op)."""
    key = f"{source}\0{digest}\0{model_fingerprint()}"
    return hashlib.sha256(key.encode()).hexdigest()[:20]


@dataclass
class LoadOptions:
    base_iri: str
    batch_size: int = 20_000
    lang: str = "en"
    quarantine_dir: Path = Path("quarantine")
    source: str | None = None
    format: str | None = None
    kind: str = "rdf"
    mapping: Path | None = None
    # The writer lease (graph/lease.py); None: the settings' load_lease_s / load_lease_wait_s.
    lease_s: float | None = None
    lease_wait_s: float | None = None
    on_lease_wait: Waiting | None = None  # told which load is running while this one waits


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


MAX_SOURCE_NAME = 200


def source_name(options: LoadOptions, path: Path) -> str:
    """The source's name (`--source`, else the file's name). It goes into log lines, reports,
    quarantine file names and the graph's provenance, so control characters (a line break
    would forge a log line) and overlong names are refused."""
    name = options.source or path.name
    if not name or len(name) > MAX_SOURCE_NAME:
        raise InputError(f"source name must be 1-{MAX_SOURCE_NAME} characters, not {len(name)}")
    bad = next((c for c in name if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp")), None)
    if bad is not None:
        raise InputError(f"source name {name!r} contains the control character {bad!r}")
    return name


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
    began = time.monotonic()
    source = source_name(options, path)
    reader = open_source(
        path,
        kind=options.kind,
        fmt=options.format,
        mapping=options.mapping,
        base_iri=options.base_iri,
        known_studies=DescribedElsewhere(driver, database, source_key(source, None)),
    )
    digest = reader.checksum()
    import_id = import_id_of(source, digest)
    report = FileReport(path=path, source=source, import_id=import_id)
    settings = get_settings()
    ensure_schema(driver, database)
    lease = WriterLease(
        driver,
        database,
        f"import {import_id} of source {source!r} ({path.name})",
        duration_s=options.lease_s or settings.load_lease_s,
        wait_s=settings.load_lease_wait_s if options.lease_wait_s is None else options.lease_wait_s,
        on_wait=options.on_lease_wait,
    )
    with lease:
        return _load(
            path, reader, digest, driver, database, options, report, lease, progress,
            on_total, should_stop, began,
        )  # fmt: skip


def _load(
    path: Path,
    reader: Source,
    digest: str,
    driver: Driver,
    database: str,
    options: LoadOptions,
    report: FileReport,
    lease: WriterLease,
    progress: Progress | None,
    on_total: Progress | None,
    should_stop: Callable[[], bool] | None,
    began: float,
) -> FileReport:
    """The load proper, under the writer lease."""
    source, import_id = report.source, report.import_id
    natural = natural_datatypes()
    current, _, _ = driver.execute_query(
        get_query("load.import_current").text, source=source, database_=database
    )
    previous_keys: list[str] = list(current[0]["keys"]) if current else []
    if current and current[0]["id"] == import_id:
        report.status = "unchanged"
        report.statements_loaded = int(current[0]["loaded"] or 0)
        report.seconds = time.monotonic() - began
        return report

    # The whole file must parse before anything is written.
    report.statements_read = reader.count()
    if not report.statements_read:
        # A new version of a source that says nothing would withdraw all the source said.
        raise InputError(f"{path}: no statements; nothing to load (an empty file is refused)")
    if on_total:
        on_total(report.statements_read)
    now = datetime.now(UTC).isoformat()
    begun, _, _ = driver.execute_query(
        get_query("load.import_begin").text,
        id=import_id,
        source=source,
        checksum=digest,
        format=reader.format_name,
        batch_size=options.batch_size,
        at=now,
        database_=database,
    )
    committed = int(begun[0]["batches"])
    # Batches are counted in the size the import began with, so a resume skips exactly them.
    batch_size = int(begun[0]["batchSize"] or options.batch_size)
    writer = GraphWriter(driver, database, natural)
    skolem = Skolemizer(options.base_iri, scope=import_id)
    genid = options.base_iri + GENID
    sorting = Refusals(genid)
    quarantined: list[Triple] = []
    keys: set[str] = set()
    held: list[Resolved] = []
    if committed:
        report.status = "resumed"
        report.batches_skipped = committed
        held = _resume(driver, database, import_id, report, sorting, quarantined, keys)
    index = -1
    read_in: dict[int, int] = {}  # statements read per batch index, reported once it commits

    def on_commit(batch: int, counts: WriteCounts) -> None:
        report.counts.add(counts)
        report.written.append(batch)
        if progress and batch in read_in:
            progress(read_in.pop(batch))

    def failed(batch: int, e: Exception) -> Exception:
        if not isinstance(e, DriverError | Neo4jError):
            return e
        return Neo4jUnavailableError(
            f"{path}: Neo4j failed during batch {batch} ({' '.join(str(e).split())}); "
            f"the {batch} batch(es) before it are committed and recorded — run the load "
            "again to complete it"
        )

    def run(
        pending: list[Resolved],
        final: bool,
        writes: BackgroundWrites,
        waiting: list[Resolved] | None = None,
    ) -> list[Resolved]:
        number = index
        pending, refused = sorting.screen(pending)
        replacing = frozenset(previous_keys) | {
            source_key(source, g) for *_, g in [*pending, *(waiting or [])]
        }
        try:
            outcome = _gate_batch(
                pending, driver, database, options, natural, genid, replacing, import_id,
                in_flight=writes.context,
            )  # fmt: skip
        except (DriverError, Neo4jError) as e:
            writes.wait()  # if the batch in flight failed too, that is the one to report
            raise failed(number, e) from e
        kept, held_back, out = sorting.sort(pending, outcome, refused, final, waiting)
        mapped = map_statements(kept, natural, source)
        keys.update(mapped.graphs.keys())
        warnings = report.add_warnings(outcome.warnings)
        # What this batch adds to the report is committed with it: a resume picks it up.
        state = _BatchState(held_back, out, warnings)
        writes.submit(
            number,
            lambda: writer.write_batch(
                mapped, import_id, number, len(out.triples), state.held(), state.report()
            ),
            outcome.kept,
        )
        report.statements_loaded += len(kept)
        report.statements_rejected += len(out.triples)
        report.rejections += out.rejections
        quarantined.extend(out.triples)
        return held_back

    with BackgroundWrites(on_commit, failed) as writes:
        if len(held) > batch_size:
            # Stopped between a batch and the quarantine of what it held back beyond the bound.
            index = committed - 1
            held = run(held, True, writes)
        for batch in reader.batches(batch_size):
            index = batch.index
            if index < committed:  # committed before: only its blank nodes are numbered again
                resolve(batch.statements, skolem)
                if progress:
                    progress(len(batch.statements))
                continue
            if lease.lost or (should_stop is not None and should_stop()):
                writes.wait()  # the batch in flight commits; nothing after it starts
                _interrupted(driver, database, import_id, path, batch.index, lease.lost)
            resolved = resolve(batch.statements, skolem)
            read_in[index] = len(resolved)
            woken, waiting = wake(held, resolved)
            held = run(woken + resolved, False, writes, waiting)
            if len(held) > batch_size:
                held = run(held, True, writes)  # bounded: never carry more than a batch
        if held:
            index = max(index + 1, committed)
            run(held, True, writes)
        writes.wait()

    for key in sorted(set(previous_keys) | keys):
        report.counts.add(writer.withdraw_stale(key, import_id))
    if quarantined or report.rejections:
        report.quarantine = _write_quarantine(options.quarantine_dir, report, quarantined)
    report.seconds = time.monotonic() - began
    driver.execute_query(
        get_query("load.import_finish").text,
        id=import_id,
        source=source,
        at=datetime.now(UTC).isoformat(),
        summary=json.dumps(report.summary()),
        database_=database,
    )
    return report


@dataclass
class Refused:
    """What one run of the gate sends to quarantine: statements and the Violations why."""

    triples: list[Triple] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)
    condemned: list[str] = field(default_factory=list)  # resources refused for good, new here


class Refusals:
    """Where the gate's refusals go. A resource whose Violation no later statement can mend
    (gate.is_final) is quarantined at once and stays refused: its later statements, and links
    to it, go straight to quarantine too — as they would have when it was retried with every
    later batch and failed each time. Others are held back for the next batch, whose statements
    may complete them, and quarantined if they still fail at the end."""

    def __init__(self, genid: str) -> None:
        self.genid = genid
        self.condemned: set[str] = set()

    def screen(self, pending: list[Resolved]) -> tuple[list[Resolved], list[Resolved]]:
        """The statements that may pass, and those about or into a condemned resource."""
        if not self.condemned:
            return pending, []
        frontier = self.condemned & {s for s, _, _, _ in pending}
        while frontier:  # blank nodes only a condemned resource described go with it
            owned = {
                o
                for s, _, o, _ in pending
                if s in frontier
                and isinstance(o, str)
                and o.startswith(self.genid)
                and o not in self.condemned
            }
            self.condemned |= owned
            frontier = owned
        passing, refused = [], []
        for t in pending:
            o = t[2]
            if t[0] in self.condemned or (isinstance(o, str) and o in self.condemned):
                refused.append(t)
            else:
                passing.append(t)
        return passing, refused

    def sort(
        self,
        pending: list[Resolved],
        outcome: GateOutcome,
        refused: list[Resolved],
        final: bool,
        waiting: list[Resolved] | None = None,
    ) -> tuple[list[Resolved], list[Resolved], Refused]:
        """The statements to write, those held back, and what goes to quarantine now.
        `waiting`: held statements this batch did not concern (held_back.wake): not gated,
        held again unless the batch condemned what they are about."""
        kept, failed = _split_by_outcome(pending, outcome)
        failed += waiting or []
        before = set(self.condemned)
        held: list[Resolved]
        if final:
            held, out = [], refused + failed
            self.condemned |= outcome.final_subjects
        else:
            self.condemned |= outcome.final_subjects
            held, now = self.screen(failed)
            out = refused + now
        new = self.condemned - before
        violations = outcome.violations if final else [
            r for r in outcome.violations if str(r.focus_node) in new
        ]  # fmt: skip
        triples = list(dict.fromkeys((s, p, o) for s, p, o, _ in out))
        return kept, held, Refused(triples, [_rejection(r) for r in violations], sorted(new))


@dataclass
class _BatchState:
    """What a committed batch leaves for the next: the statements held back, and what it sent
    to quarantine (with the warnings it found), stored in its own transaction."""

    held_back: list[Resolved]
    refused: Refused
    warnings: list[Rejection]

    def held(self) -> str:
        return json.dumps([_resolved_json(t) for t in self.held_back], ensure_ascii=False)

    def report(self) -> str | None:
        r = self.refused
        if not (r.triples or r.rejections or r.condemned or self.warnings):
            return None
        return json.dumps(
            {
                "quarantined": [_resolved_json((s, p, o, None))[:3] for s, p, o in r.triples],
                "violations": [vars(v) for v in r.rejections],
                "warnings": [vars(w) for w in self.warnings],
                "condemned": r.condemned,
            },
            ensure_ascii=False,
        )


def _resolved_json(t: Resolved) -> list[object]:
    s, p, o, g = t
    if isinstance(o, str):
        return [s, p, o, g]
    return [s, p, [o.value, o.datatype.value, o.language], g]


def _resolved_of(row: list[object]) -> Resolved:
    s, p, o, g = [*row, None][:4]
    if isinstance(o, list):
        value, datatype, language = o
        literal = (
            ox.Literal(str(value), language=str(language))
            if language
            else ox.Literal(str(value), datatype=ox.NamedNode(str(datatype)))
        )
        return str(s), str(p), literal, None if g is None else str(g)
    return str(s), str(p), str(o), None if g is None else str(g)


def _resume(
    driver: Driver,
    database: str,
    import_id: str,
    report: FileReport,
    sorting: Refusals,
    quarantined: list[Triple],
    keys: set[str],
) -> list[Resolved]:
    """Pick up where the import stopped: its counters, the quarantine and warnings of its
    committed batches, the resources refused for good, and what the last of them held back."""
    records, _, _ = driver.execute_query(
        get_query("load.import_resume_state").text, id=import_id, database_=database
    )
    state = records[0]
    report.statements_loaded = int(state["loaded"] or 0)
    report.statements_rejected = int(state["rejected"] or 0)
    keys.update(state["keys"])
    for text in state["reports"]:
        part = json.loads(text)
        quarantined.extend(_resolved_of(row)[:3] for row in part["quarantined"])
        report.rejections += [Rejection(**v) for v in part["violations"]]
        report.warnings += [Rejection(**w) for w in part["warnings"]]
        sorting.condemned.update(part["condemned"])
    return [_resolved_of(row) for row in json.loads(state["held"] or "[]")]


def _interrupted(
    driver: Driver, database: str, import_id: str, path: Path, batch: int, lease_lost: bool
) -> None:
    driver.execute_query(
        get_query("load.import_interrupted").text,
        id=import_id,
        at=datetime.now(UTC).isoformat(),
        database_=database,
    )
    why = " (its writer lease could not be renewed in time)" if lease_lost else ""
    raise LoadInterruptedError(
        f"{path}: load stopped before batch {batch}{why}; the {batch} batch(es) before it are "
        "committed and recorded — run the same load again to resume it"
    )


def _split_by_outcome(
    pending: list[Resolved], outcome: GateOutcome
) -> tuple[list[Resolved], list[Resolved]]:
    """The statements (with their named graphs) the gate kept, and those it held back."""
    if not outcome.quarantined:
        return pending, []  # the usual case: everything passed
    graphs_of: dict[tuple[str, str, object], list[str | None]] = {}
    for s, p, o, g in pending:
        graphs_of.setdefault((s, p, _okey(o)), []).append(g)
    # The same statement may sit in several named graphs: each keeps its own provenance.
    kept = [(s, p, o, g) for s, p, o in outcome.kept for g in graphs_of.pop((s, p, _okey(o)), [])]
    failed = [
        (s, p, o, g) for s, p, o in outcome.quarantined for g in graphs_of.pop((s, p, _okey(o)), [])
    ]
    return kept, failed


def _okey(o: ObjectTerm) -> object:
    return o if isinstance(o, str) else (type(o).__name__, str(o))


def _gate_batch(
    resolved: list[Resolved],
    driver: Driver | None,
    database: str,
    options: LoadOptions,
    natural: dict[str, str],
    genid: str,
    replacing: frozenset[str] = frozenset(),
    import_id: str = "",
    in_flight: Callable[[list[str]], Graph] | None = None,
) -> GateOutcome:
    triples = list(dict.fromkeys((s, p, o) for s, p, o, _ in resolved))
    iris = sorted({s for s, _, _ in triples} | {o for _, _, o in triples if isinstance(o, str)})
    context = context_graph(driver, database, iris, options.base_iri, natural, replacing, import_id)
    if in_flight is not None:
        context += in_flight(iris)  # the batch being written is not visible in Neo4j yet
    return gate(triples, context, genid=genid, lang=options.lang)


def validate_file(
    path: Path,
    options: LoadOptions,
    driver: Driver | None = None,
    database: str = "neo4j",
    progress: Progress | None = None,
) -> FileReport:
    """The gate only: nothing is written. With a driver, the graph's context is used too."""
    began = time.monotonic()
    source = source_name(options, path)
    reader = open_source(
        path, kind=options.kind, fmt=options.format, mapping=options.mapping,
        base_iri=options.base_iri,
    )  # fmt: skip
    report = FileReport(path=path, source=source, import_id="-", status="validated")
    natural = natural_datatypes()
    skolem = Skolemizer(options.base_iri, scope=source)
    genid = options.base_iri + GENID
    held: list[Resolved] = []
    sorting = Refusals(genid)
    with EarlierBatches() as earlier:

        def run(
            pending: list[Resolved], final: bool, waiting: list[Resolved] | None = None
        ) -> list[Resolved]:
            pending, refused = sorting.screen(pending)
            if driver is None:
                # Without a graph, the earlier batches of this file are the context.
                iris = sorted({s for s, _, _, _ in pending})
                iris += sorted({o for _, _, o, _ in pending if isinstance(o, str)})
                outcome = gate(
                    list(dict.fromkeys((s, p, o) for s, p, o, _ in pending)),
                    earlier.context(iris),
                    genid=genid,
                    lang=options.lang,
                )
            else:
                outcome = _gate_batch(pending, driver, database, options, natural, genid)
            kept, held_back, out = sorting.sort(pending, outcome, refused, final, waiting)
            report.statements_loaded += len(kept)
            report.add_warnings(outcome.warnings)
            report.statements_rejected += len(out.triples)
            report.rejections += out.rejections
            return held_back

        for batch in reader.batches(options.batch_size):
            resolved = resolve(batch.statements, skolem)
            report.statements_read += len(resolved)
            woken, waiting = wake(held, resolved)
            held = run(woken + resolved, final=False, waiting=waiting)
            earlier.add(resolved)
            if len(held) > options.batch_size:
                held = run(held, final=True)  # bounded: never carry more than a batch
            if progress:
                progress(len(resolved))
        if held:
            run(held, final=True)
    report.seconds = time.monotonic() - began
    return report


def report_graph(report: FileReport) -> Graph:
    """The rejections and warnings as a SHACL validation report (Turtle or JSON-LD for stewards)."""
    g = Graph()
    g.bind("sh", SH)
    root = URIRef(f"urn:kennisgraaf:report:{report.import_id}")
    g.add((root, RDF.type, SH.ValidationReport))
    g.add((root, SH.conforms, Literal(not report.rejections)))
    for n, (item, severity) in enumerate(
        [(r, SH.Violation) for r in report.rejections] + [(w, SH.Warning) for w in report.warnings]
    ):
        node = URIRef(f"{root}:result:{n}")
        g.add((root, SH.result, node))
        g.add((node, RDF.type, SH.ValidationResult))
        g.add((node, SH.focusNode, URIRef(item.focus)))
        if item.path:
            g.add((node, SH.resultPath, _path_node(g, item.path)))
        g.add((node, SH.resultSeverity, severity))
        g.add((node, SH.sourceConstraintComponent, SH[item.component]))
        g.add((node, SH.resultMessage, Literal(item.message)))
    return g


def _path_node(g: Graph, text: str) -> Node:
    """sh:resultPath from a rejection's path text; the shapes use predicate and inverse paths."""
    if text.startswith("^"):
        inverse = BNode()
        g.add((inverse, SH.inversePath, URIRef(text[1:])))
        return inverse
    return URIRef(text)


def _write_quarantine(folder: Path, report: FileReport, triples: list[Triple]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    data = Graph()
    for s, p, o in triples:
        data.add((URIRef(s), URIRef(p), URIRef(o) if isinstance(o, str) else to_rdflib(o)))
    stem = f"{Path(report.source).stem}-{report.import_id}"
    data_path = folder / f"{stem}.rejected.ttl"
    report_path = folder / f"{stem}.report.ttl"
    data.serialize(data_path, format="turtle")
    report_graph(report).serialize(report_path, format="turtle")
    log.warning("%d statements quarantined in %s", len(triples), data_path)
    return [data_path, report_path]
