"""What the loaders that turn records into RDF share (CSV rows through a mapping, Kennisrotonde
records, and the register loaders to come): the error of one field, the errors of a file as one
InputError, and the converted records gathered into graphs of a number of records each."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from rdflib import Graph
from rdflib.term import Node

from kennisgraaf.errors import InputError

MAX_REPORTED_ERRORS = 50
RdfTriple = tuple[Node, Node, Node]  # rdflib terms; graph.mapping.Triple is the resolved one


class FieldError(Exception):
    """A problem with one field (a CSV cell, a record's field); the file reader adds where."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(reason)
        self.field = field
        self.reason = reason


class RecordError(Exception):
    """All field errors of one record; `number` is the record's number when it could be read."""

    def __init__(self, errors: list[FieldError], number: str | None = None) -> None:
        super().__init__(f"{len(errors)} field errors")
        self.errors = errors
        self.number = number


class FileErrors:
    """The errors of a whole file, collected record by record and raised as one InputError
    (at most :data:`MAX_REPORTED_ERRORS` listed), so one run shows every bad record."""

    def __init__(self, path: Path, unit: str | None = None) -> None:
        self.path = path
        self.unit = unit  # "row": the message counts the bad records too
        self.lines: list[str] = []
        self.records = 0

    def add(self, lines: list[str]) -> None:
        if lines:
            self.lines += lines
            self.records += 1

    def raise_any(self) -> None:
        if not self.lines:
            return
        shown = self.lines[:MAX_REPORTED_ERRORS]
        if len(self.lines) > MAX_REPORTED_ERRORS:
            shown.append(f"… and {len(self.lines) - MAX_REPORTED_ERRORS} more")
        head = f"{self.path.name}: {len(self.lines)} error{_s(len(self.lines))}"
        if self.unit:
            head += f" in {self.records} {self.unit}{_s(self.records)}"
        raise InputError(head + "\n  " + "\n  ".join(shown))


def _s(count: int) -> str:
    return "" if count == 1 else "s"


def in_graphs(
    records: Iterable[Iterable[RdfTriple]], size: int, new_graph: Callable[[], Graph]
) -> Iterator[Graph]:
    """The triples of `size` records at a time as one graph (the last may hold fewer)."""
    if size < 1:
        raise InputError(f"a batch needs at least 1 record, got {size}")
    graph, held = new_graph(), 0
    for triples in records:
        for triple in triples:
            graph.add(triple)
        held += 1
        if held == size:
            yield graph
            graph, held = new_graph(), 0
    if held:
        yield graph


def merged(graphs: Iterable[Graph], into: Graph) -> Graph:
    """`graphs` added into one graph, with the prefixes they bind (small files and tests)."""
    for graph in graphs:
        into += graph
        for prefix, namespace in graph.namespaces():
            into.bind(prefix, namespace)
    return into


def checked_graphs(
    records: Callable[[], Iterable[Iterable[RdfTriple]]], size: int, new_graph: Callable[[], Graph]
) -> Iterator[Graph]:
    """Graphs of `size` records each, after a first pass has converted every record keeping
    nothing: a bad record anywhere raises before the first graph, and memory stays flat."""
    for _ in records():
        pass
    yield from in_graphs(records(), size, new_graph)
