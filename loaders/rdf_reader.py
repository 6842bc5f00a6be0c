"""Streaming RDF input: Turtle, N-Triples, N-Quads, TriG, JSON-LD and RDF/XML.

Parsing is done by pyoxigraph, which reads lazily (memory stays flat) and never fetches:
remote JSON-LD contexts are refused, RDF/XML external entities are not resolved. Internal
RDF/XML entities are checked before parsing, because the parser would expand an entity bomb.
Statements come out in batches that never split a subject's run of statements.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kennisgraaf.errors import InputError

FORMATS: dict[str, ox.RdfFormat] = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".turtle": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".json": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".xml": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
}
FORMAT_NAMES: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}
_ENTITY = re.compile(rb"<!ENTITY\s+(%\s*)?([^\s]+)\s+(SYSTEM|PUBLIC|\"[^\"]*\"|'[^']*')", re.S)
MAX_ENTITIES = 64
MAX_ENTITY_LENGTH = 1024


@dataclass(frozen=True)
class Statement:
    subject: ox.NamedNode | ox.BlankNode
    predicate: ox.NamedNode
    object: ox.NamedNode | ox.BlankNode | ox.Literal
    graph: str | None  # the named graph, None for the default graph


@dataclass(frozen=True)
class Batch:
    index: int
    statements: list[Statement]


def format_of(path: Path, name: str | None = None) -> ox.RdfFormat:
    if name:
        if name not in FORMAT_NAMES:
            raise InputError(f"unknown RDF format {name!r}; known: {', '.join(FORMAT_NAMES)}")
        return FORMAT_NAMES[name]
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise InputError(
            f"{path}: cannot tell the RDF format from the extension {suffix!r} "
            f"(known: {', '.join(sorted(FORMATS))}); name it with --format"
        )
    return FORMATS[suffix]


def checksum(path: Path) -> str:
    digest = hashlib.sha256()
    try:
        with path.open("rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                digest.update(chunk)
    except OSError as e:
        raise InputError(f"{path}: cannot be read: {e.strerror or e}") from e
    return digest.hexdigest()


def _check_xml_entities(path: Path) -> None:
    with path.open("rb") as f:
        head = f.read(1 << 16)
    start = head.find(b"<!DOCTYPE")
    if start < 0:
        return
    end = head.find(b"]>", start)
    subset = head[start : end if end >= 0 else len(head)]
    entities = _ENTITY.findall(subset)
    for _, name, value in entities:
        label = name.decode(errors="replace")
        if value in (b"SYSTEM", b"PUBLIC"):
            raise InputError(f"{path}: external entity {label!r} refused (nothing is fetched)")
        if b"&" in value or b"%" in value:
            raise InputError(f"{path}: entity {label!r} refers to other entities; refused")
        if len(value) > MAX_ENTITY_LENGTH:
            raise InputError(f"{path}: entity {label!r} is longer than {MAX_ENTITY_LENGTH} bytes")
    if len(entities) > MAX_ENTITIES:
        raise InputError(f"{path}: more than {MAX_ENTITIES} entity declarations; refused")
    if subset.count(b"<!ENTITY") != len(entities):
        raise InputError(f"{path}: an entity declaration could not be checked; refused")


def _syntax_error(path: Path, e: SyntaxError) -> InputError:
    line = f":{e.lineno}" if e.lineno else ""
    return InputError(f"{path}{line}: not valid RDF: {e.msg or e}")


@contextmanager
def _parsing(path: Path, fmt: ox.RdfFormat) -> Iterator[ox.QuadParser]:
    """pyoxigraph's quads of the file; syntax and read errors name the file (and line)."""
    if fmt == ox.RdfFormat.RDF_XML:
        _check_xml_entities(path)
    try:
        with path.open("rb") as f:
            yield ox.parse(f, format=fmt, base_iri=None)
    except SyntaxError as e:
        raise _syntax_error(path, e) from e
    except OSError as e:
        raise InputError(f"{path}: cannot be read: {e.strerror or e}") from e


def iter_statements(path: Path, fmt: ox.RdfFormat) -> Iterator[Statement]:
    """Every statement of the file, in file order; a syntax error names the file and line."""
    with _parsing(path, fmt) as quads:
        for quad in quads:
            graph = quad.graph_name
            yield Statement(
                quad.subject,
                quad.predicate,
                quad.object,
                graph.value if isinstance(graph, ox.NamedNode) else None,
            )


def count_statements(path: Path, fmt: ox.RdfFormat) -> int:
    """A full parse that keeps nothing, so a bad file fails before anything is written."""
    with _parsing(path, fmt) as quads:
        return sum(1 for _ in quads)


def iter_batches(path: Path, fmt: ox.RdfFormat, batch_size: int = 20_000) -> Iterator[Batch]:
    """Statements in batches of about `batch_size`, cut only where the subject changes."""
    batch: list[Statement] = []
    index = 0
    for statement in iter_statements(path, fmt):
        if len(batch) >= batch_size and statement.subject != batch[-1].subject:
            yield Batch(index, batch)
            index += 1
            batch = []
        batch.append(statement)
    if batch:
        yield Batch(index, batch)
