"""Streaming RDF input: Turtle, N-Triples, N-Quads, TriG, JSON-LD and RDF/XML.

Parsing is done by pyoxigraph, which reads lazily (memory stays flat) and never fetches:
remote JSON-LD contexts are refused, RDF/XML external entities are not resolved. A file is
pre-scanned first (loaders/prescan.py: nesting, literal and line length, XML entities, UTF-8),
so native code never sees input beyond the configured bounds; what pyoxigraph still raises
becomes an InputError naming the file.
Statements come out in batches that never split a subject's run of statements.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kennisgraaf.errors import InputError, InputLimitError
from kennisgraaf.loaders import prescan
from kennisgraaf.rdf_formats import BY_NAME, BY_SUFFIX, of_format
from kennisgraaf.settings import get_settings


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
        if name not in BY_NAME:
            raise InputError(f"unknown RDF format {name!r}; known: {', '.join(BY_NAME)}")
        return BY_NAME[name].format
    suffix = path.suffix.lower()
    if suffix not in BY_SUFFIX:
        raise InputError(
            f"{path}: cannot tell the RDF format from the extension {suffix!r} "
            f"(known: {', '.join(sorted(BY_SUFFIX))}); name it with --format"
        )
    return BY_SUFFIX[suffix].format


def checksum(path: Path) -> str:
    digest = hashlib.sha256()
    try:
        with path.open("rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                digest.update(chunk)
    except OSError as e:
        raise InputError(f"{path}: cannot be read: {e.strerror or e}") from e
    return digest.hexdigest()


def prescan_file(path: Path, fmt: ox.RdfFormat, limits: prescan.Limits | None = None) -> None:
    """Refuse the file (InputLimitError naming file, line and setting) before any parse."""
    prescan.scan(path, of_format(fmt).name, limits)


def _syntax_error(path: Path, e: SyntaxError) -> InputError:
    line = f":{e.lineno}" if e.lineno else ""
    return InputError(f"{path}{line}: not valid RDF: {e.msg or e}")


@contextmanager
def _parsing(path: Path, fmt: ox.RdfFormat) -> Iterator[ox.QuadParser]:
    """pyoxigraph's quads of the file; syntax and read errors name the file (and line), and
    so does whatever else the native parser raises on input it cannot take."""
    try:
        with path.open("rb") as f:
            yield ox.parse(f, format=fmt, base_iri=None)
    except SyntaxError as e:
        raise _syntax_error(path, e) from e
    except OSError as e:
        raise InputError(f"{path}: cannot be read: {e.strerror or e}") from e
    except UnicodeDecodeError as e:
        raise InputError(f"{path.name}: not valid UTF-8 ({e.reason})") from e
    except MemoryError as e:
        raise InputError(f"{path.name}: too large a token for the parser ({e})") from e
    except RecursionError as e:
        raise InputError(f"{path.name}: nested too deeply for the parser") from e
    except ValueError as e:
        raise InputError(f"{path.name}: not valid RDF: {e}") from e


def _bounded(path: Path, quads: ox.QuadParser, limit: int) -> Iterator[Any]:
    """The quads, refusing the file once it holds more than `limit` statements."""
    for n, quad in enumerate(quads, start=1):
        if n > limit:
            raise InputLimitError(
                f"{path.name}: more than {limit:,} statements (limit {limit:,}, setting "
                "input_max_statements)",
                "input_max_statements",
            )
        yield quad


def _statement_limit() -> int:
    return get_settings().input_max_statements


def iter_statements(path: Path, fmt: ox.RdfFormat) -> Iterator[Statement]:
    """Every statement of the file, in file order; a syntax error names the file and line."""
    with _parsing(path, fmt) as quads:
        for quad in _bounded(path, quads, _statement_limit()):
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
        return sum(1 for _ in _bounded(path, quads, _statement_limit()))


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
