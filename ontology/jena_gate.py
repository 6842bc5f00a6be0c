"""The load gate's SHACL engine: Apache Jena SHACL in a child JVM, spoken to over pipes.

pyshacl is the validator of record (`kennisgraaf validate`, POST /validate); the load gate may
validate its batches with Jena SHACL instead (setting `gate_engine`), which gives the same
results — tests/unit/test_jena_gate_equivalence.py compares the two on every violating case of
the tests, the seed, the sample and generated data — many times faster.

The Java program in `jena-gate/` is built by Maven on first use into the build folder, like the
OWL check. Each loading process starts one JVM when its gate first needs it and keeps it for
every later batch and round; the JVM reads frames from its standard input and answers on its
standard output (see JenaGate.java), so no port is opened and nothing is fetched: the shapes and
the model are sent as N-Triples from the packaged files, and nothing in them is imported. A
batch's frame is bounded (MAX_FRAME_BYTES); an answer that does not come within the timeout,
or a JVM that exits, ends in GateEngineError naming the batch, and the next batch starts a new
JVM.

The two shapes on literals are evaluated in Python (literal_check.py), as they are for pyshacl:
their SPARQL targets would make Jena test every literal with a regular expression in SPARQL.
Jena gives one message per result; the Dutch and English ones are taken from the shapes by the
result's source shape (or, for a SPARQL constraint, its source constraint), as validation.py
does with pyshacl's report. A path that is not a single predicate is the source shape's sh:path.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import os
import select
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterable
from functools import lru_cache
from typing import IO

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, Node, URIRef
from rdflib.namespace import SH

from kennisgraaf.errors import KennisgraafError, OntologyError
from kennisgraaf.ontology import java_build
from kennisgraaf.ontology.files import model_graph, shapes_graph
from kennisgraaf.ontology.literal_check import NATIVE_SHAPES, LiteralCheck
from kennisgraaf.ontology.results import Severity, ValidationResult, fill_message
from kennisgraaf.ontology.shape_plan import remove_description
from kennisgraaf.ontology.terms import to_rdflib
from kennisgraaf.ontology.validation import path_text
from kennisgraaf.ontology.validation_model import validation_model
from kennisgraaf.settings import get_settings

log = logging.getLogger(__name__)

MAIN_CLASS = "nl.kennisgraaf.jenagate.JenaGate"
SOURCES = ("pom.xml", "src/main/java/nl/kennisgraaf/jenagate/JenaGate.java")
MAX_FRAME_BYTES = 1 << 30  # far above a batch of the largest batch size as N-Triples
START_TIMEOUT_S = 120.0  # the JVM's start and the shapes' parse
COMPLEX_PATH = URIRef("urn:kennisgraaf:jena-gate:complexPath")
CONSTRAINT_TAG = "urn:kennisgraaf:jena-gate:constraint "
# The JVM: a heap for a batch with its context and the model; one collector thread and the
# quick (C1) compiler only — a load pays the JVM's warm-up, and on a machine whose cores the
# loader and Neo4j share, optimising compiler threads cost a load more than they gain it
# (measured: BENCHMARKS.md, "Load gate: Jena SHACL vs pyshacl").
JVM_OPTIONS = ("-Xmx2g", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto")


class GateEngineError(OntologyError):
    """The load gate's SHACL engine (the Jena child process) failed, stopped answering or could
    not be started."""


@lru_cache(maxsize=1)
def gate_shapes() -> Graph:
    """The shapes as the engine was given them: its blank nodes are these, by label."""
    return shapes_graph()


@lru_cache(maxsize=1)
def _shapes_ntriples() -> bytes:
    """The shapes without their messages: Jena takes one sh:message per SPARQL constraint, and
    the messages are read from gate_shapes() by the results' source shapes and constraints."""
    shapes = Graph()
    add = shapes.add
    for triple in gate_shapes():
        if triple[1] != SH.message:
            add(triple)
    for shape in NATIVE_SHAPES:
        remove_description(shapes, shape)
    for constraint in set(shapes.objects(None, SH.sparql)):
        shapes.add((constraint, SH.message, Literal(_constraint_tag(constraint))))
    return shapes.serialize(format="nt", encoding="utf-8")


def _constraint_tag(constraint: Node) -> str:
    """The one message a SPARQL constraint is given: its name, so a result names it (Jena's
    sh:sourceConstraint is the shape)."""
    kind = "_:" if isinstance(constraint, BNode) else "<"
    return f"{CONSTRAINT_TAG}{kind}{constraint}"


def _tagged_constraint(message: Node | None) -> Node | None:
    text = str(message) if message is not None else ""
    if not text.startswith(CONSTRAINT_TAG):
        return None
    name = text.removeprefix(CONSTRAINT_TAG)
    return BNode(name[2:]) if name.startswith("_:") else URIRef(name[1:])


@lru_cache(maxsize=1)
def _literal_check() -> LiteralCheck:
    return LiteralCheck.from_shapes(gate_shapes())


@lru_cache(maxsize=1)
def _model_ntriples() -> bytes:
    model = validation_model(model_graph(), gate_shapes())
    return model.serialize(format="nt", encoding="utf-8")


class JenaProcess:
    """One JVM running JenaGate, with its frames read and written under a deadline."""

    def __init__(self, classpath: str, timeout_s: float) -> None:
        self.timeout_s = timeout_s
        # What the JVM says on standard error, read for the message if it fails; closed with it.
        self.errors: IO[bytes] = tempfile.TemporaryFile(prefix="kg-jena-gate-")  # noqa: SIM115
        java = java_build.program("java", "the Jena SHACL load gate needs Java 17+")
        self.proc = subprocess.Popen(
            [java, *JVM_OPTIONS, "-cp", classpath, MAIN_CLASS, str(MAX_FRAME_BYTES)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.errors,
        )
        self.request(_shapes_ntriples(), "the shapes", START_TIMEOUT_S, answer=False)
        answer = self.request(_model_ntriples(), "the model", START_TIMEOUT_S)
        if answer != b"ready":
            self.close()
            raise GateEngineError(f"the Jena SHACL gate did not start: {self._said(answer)}")

    def request(self, frame: bytes, what: str, timeout_s: float, *, answer: bool = True) -> bytes:
        """Send one frame and, with `answer`, read the one that answers it."""
        if len(frame) > MAX_FRAME_BYTES:
            raise GateEngineError(
                f"{what} is {len(frame):,} bytes as N-Triples, above the Jena gate's bound of "
                f"{MAX_FRAME_BYTES:,}; use a smaller batch size"
            )
        deadline = time.monotonic() + timeout_s
        try:
            self._write(len(frame).to_bytes(4, "big") + frame, deadline)
            if not answer:
                return b""
            length = int.from_bytes(self._read(4, deadline), "big")
            return self._read(length, deadline)
        except TimeoutError as e:
            self.close()
            raise GateEngineError(
                f"the Jena SHACL gate did not answer within {timeout_s:.0f} s while validating "
                f"{what}; it was stopped"
            ) from e
        except (BrokenPipeError, EOFError) as e:
            said = self.error_tail()
            self.close()
            raise GateEngineError(
                f"the Jena SHACL gate exited while validating {what} "
                f"(exit {self.proc.returncode}):\n{said}"
            ) from e

    def _write(self, data: bytes, deadline: float) -> None:
        stdin = self.proc.stdin
        assert stdin is not None
        fd = stdin.fileno()
        view = memoryview(data)
        while view:
            _wait(fd, deadline, write=True)
            written = os.write(fd, view[: 1 << 16])
            view = view[written:]

    def _read(self, n: int, deadline: float) -> bytes:
        stdout = self.proc.stdout
        assert stdout is not None
        fd = stdout.fileno()
        parts: list[bytes] = []
        while n > 0:
            _wait(fd, deadline, write=False)
            chunk = os.read(fd, min(n, 1 << 20))
            if not chunk:
                raise EOFError
            parts.append(chunk)
            n -= len(chunk)
        return b"".join(parts)

    def _said(self, answer: bytes) -> str:
        return answer.decode("utf-8", "replace").removeprefix("error\n")[:2000]

    def error_tail(self, lines: int = 15) -> str:
        try:
            self.errors.seek(0)
            text = self.errors.read().decode("utf-8", "replace")
        except (OSError, ValueError):
            return "(no output)"
        return "\n".join(text.strip().splitlines()[-lines:]) or "(no output)"

    def alive(self) -> bool:
        return self.proc.poll() is None

    def close(self) -> None:
        """End the JVM: closing its input ends it; a JVM that does not end is killed."""
        proc = self.proc
        if proc.poll() is None:
            if proc.stdin is not None:
                with contextlib.suppress(OSError):
                    proc.stdin.close()
            try:
                proc.wait(timeout=2)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()
        self.errors.close()


def _wait(fd: int, deadline: float, *, write: bool) -> None:
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise TimeoutError
    ready = (
        select.select([], [fd], [], remaining) if write else select.select([fd], [], [], remaining)
    )
    if not any(ready):
        raise TimeoutError


class _Engine:
    """This process's JVM, started when first needed and kept for every later batch."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.process: JenaProcess | None = None
        self.pid = 0  # the process that started it: a forked child starts its own

    def get(self, timeout_s: float) -> JenaProcess:
        if self.process is None or self.pid != os.getpid() or not self.process.alive():
            if self.process is not None and self.pid == os.getpid():
                self.process.close()
            build_root = get_settings().data_dir / "build"
            path = java_build.classpath(build_root, "jena-gate", SOURCES, "Jena SHACL load gate")
            self.process = JenaProcess(path, timeout_s)
            self.pid = os.getpid()
        self.process.timeout_s = timeout_s
        return self.process

    def stop(self) -> None:
        with self.lock:
            if self.process is not None and self.pid == os.getpid():
                self.process.close()
            self.process = None


_ENGINE = _Engine()
atexit.register(_ENGINE.stop)


def start(timeout_s: float = START_TIMEOUT_S) -> None:
    """Start this process's JVM now (it otherwise starts with the first batch)."""
    with _ENGINE.lock:
        _ENGINE.get(timeout_s)


def start_in_background(timeout_s: float = START_TIMEOUT_S) -> None:
    """Start this process's JVM in a thread, unless it runs; the first batch waits for it. A
    failure here is only logged: the first batch starts it again and reports the error."""

    def run() -> None:
        try:
            start(timeout_s)
        except KennisgraafError as e:
            log.warning("the Jena SHACL gate did not start in the background: %s", e)

    if engine_pid() is None:
        threading.Thread(target=run, name="jena-gate-start", daemon=True).start()


def stop() -> None:
    """End this process's JVM (a later batch starts a new one)."""
    _ENGINE.stop()


def engine_pid() -> int | None:
    """The JVM's process id, while one runs for this process."""
    process = _ENGINE.process
    return process.proc.pid if process is not None and process.alive() else None


def validate_quads(
    quads: Iterable[ox.Quad], *, what: str, lang: str = "en", timeout_s: float = 600.0
) -> list[ValidationResult]:
    """The results of validating `quads` (default graph) with the model mixed in, as
    validation.validate() gives them; `what` names the batch in errors. The two literal shapes
    are evaluated here (literal_check.py), as they are for pyshacl; Jena does the others."""
    quads = list(quads)
    data = ox.serialize(quads, format=ox.RdfFormat.N_TRIPLES) or b""
    return validate_batch(data, [], quads, what=what, lang=lang, timeout_s=timeout_s)


def validate_batch(
    data: bytes,
    batch: Iterable[tuple[str, str, object]],
    context: Iterable[ox.Quad],
    *,
    what: str,
    lang: str = "en",
    timeout_s: float = 600.0,
) -> list[ValidationResult]:
    """validate_quads for statements given as N-Triples (`data`), with the literal shapes
    evaluated over them as `batch` triples and `context` quads: a load's batch is never made
    into quads."""
    found = _jena(data, what, lang, timeout_s)
    check = _literal_check()
    return found + check.scan_triples(batch, lang) + check.scan(context, lang)


def _jena(data: bytes, what: str, lang: str, timeout_s: float) -> list[ValidationResult]:
    with _ENGINE.lock:
        process = _ENGINE.get(timeout_s)
        answer = process.request(data, what, timeout_s)
    status, _, report = answer.partition(b"\n")
    if status != b"ok":
        raise GateEngineError(
            f"the Jena SHACL gate could not validate {what}: {process._said(answer)}"
        )
    return results(report, lang)


def results(report: bytes, lang: str) -> list[ValidationResult]:
    """Jena's report (N-Triples, one blank node per result) as ValidationResults."""
    by_result: dict[str, dict[str, Node]] = {}
    for quad in ox.parse(report, format=ox.RdfFormat.N_TRIPLES):
        fields = by_result.setdefault(quad.subject.value, {})
        fields[quad.predicate.value] = to_rdflib(quad.object)
    return [_result(fields, lang) for fields in by_result.values()]


@lru_cache(maxsize=4096)
def _templates(constraint: Node) -> dict[str, str]:
    """A SPARQL constraint's message templates by language."""
    return {
        m.language: str(m)
        for m in gate_shapes().objects(constraint, SH.message)
        if isinstance(m, Literal) and m.language
    }


@lru_cache(maxsize=4096)
def _messages(shape: Node) -> dict[str, str]:
    """A shape's messages by language ("" for one without)."""
    messages: dict[str, str] = {}
    for m in gate_shapes().objects(shape, SH.message):
        if isinstance(m, Literal):
            messages.setdefault(m.language or "", str(m))
    return messages


@lru_cache(maxsize=4096)
def _shape_path(shape: Node) -> tuple[Node | None, str | None]:
    path = gate_shapes().value(shape, SH.path)
    return path, path_text(gate_shapes(), path)


def _result(fields: dict[str, Node], lang: str) -> ValidationResult:
    focus = fields[str(SH.focusNode)]
    shape = fields[str(SH.sourceShape)]
    component = URIRef(str(fields[str(SH.sourceConstraintComponent)]))
    # SHACL gives a uniqueLang result no value (pyshacl gives none); Jena names a language.
    value = None if component == SH.UniqueLangConstraintComponent else fields.get(str(SH.value))
    path = fields.get(str(SH.resultPath))
    text = None if path is None else str(path)
    if str(COMPLEX_PATH) in fields:
        path, text = _shape_path(shape)
    bindings: dict[str, Node | None] = {"this": focus, "path": path, "value": value}
    constraint = _tagged_constraint(fields.get(str(SH.resultMessage)))
    messages: dict[str, str] = {}
    if component == SH.SPARQLConstraintComponent and constraint is not None:
        messages = {
            language: fill_message(template, bindings)
            for language, template in _templates(constraint).items()
        }
    if not messages:
        messages = dict(_messages(shape))
    if not messages and str(SH.resultMessage) in fields and constraint is None:
        messages[""] = str(fields[str(SH.resultMessage)])
    severity = fields.get(str(SH.resultSeverity))
    return ValidationResult(
        focus_node=focus,
        path=path,
        constraint_component=component,
        severity=Severity(str(severity)) if severity is not None else Severity.VIOLATION,
        message=messages.get(lang) or messages.get("en") or next(iter(messages.values()), ""),
        messages=messages,
        value=value,
        source_shape=shape,
        path_text=text,
    )
