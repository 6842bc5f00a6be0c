"""What the loaders that turn records into RDF share (CSV rows through a mapping, Kennisrotonde
records, and the register loaders to come): the error of one field, a bad record refused on its
own, the errors of a file as one InputError, and the converted records gathered into graphs of a
number of records each.

How a converter reports a bad record: its record function (``convert`` of a
:class:`~kennisgraaf.loaders.converted_source.ConvertedSource`) yields, for each record of the
file in order, either the record's triples or a :class:`RecordRefusal` — built with
:meth:`RecordRefusal.of` from the :class:`FieldError` s of the record (``RecordError``), naming
the file, the record's position, its line (CSV, JSON Lines) and own identifier when readable.
It never raises for a bad record: the source sends the refusal to the import's quarantine and
loads the rest (loaded + quarantined = the records read). Only what spoils the whole file (a
header, a JSON array that does not parse, an input limit) raises InputError. The strict helpers
here (:func:`checked_graphs`, used by ``convert_file``) still refuse a file with any bad record."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
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


def list_items(
    record: Mapping[str, object], name: str, errors: list[FieldError]
) -> Iterator[tuple[str, object]]:
    """The items of a record's list field, each with where it stands (``name[i]``); an empty
    field has none, and a value that is not a list is one error in `errors`."""
    items = record.get(name)
    if items is None or items == "":
        return
    if not isinstance(items, list):
        errors.append(FieldError(name, "expected a list"))
        return
    for index, item in enumerate(items, start=1):
        yield f"{name}[{index}]", item


class RecordError(Exception):
    """All field errors of one record; `number` is the record's number when it could be read."""

    def __init__(self, errors: list[FieldError], number: str | None = None) -> None:
        super().__init__(f"{len(errors)} field errors")
        self.errors = errors
        self.number = number


@dataclass(frozen=True)
class RecordRefusal:
    """One bad record, kept out of the load and sent to the import's quarantine: where it is
    (file, record position from 1, line where it starts) and each field's problem."""

    file: str
    record: int
    line: int | None
    identifier: str | None  # the record's own number or key, when it could be read
    problems: tuple[tuple[str, str], ...]  # (field, reason); field "" for the whole record
    field_word: str = "field"  # "column" for CSV through a mapping

    @classmethod
    def of(
        cls,
        path: Path,
        record: int,
        line: int | None,
        error: RecordError | FieldError,
        field_word: str = "field",
    ) -> RecordRefusal:
        errors = error.errors if isinstance(error, RecordError) else [error]
        number = error.number if isinstance(error, RecordError) else None
        problems = tuple((e.field, e.reason) for e in errors)
        return cls(path.name, record, line, number, problems, field_word)

    def where(self) -> str:
        """``line 4 (KR1234)`` or ``record 3``: how the messages name the record."""
        at = f"line {self.line}" if self.line is not None else f"record {self.record}"
        return f"{at} ({self.identifier})" if self.identifier else at

    def messages(self) -> list[str]:
        """One message per problem, naming the record and the field."""
        return [
            f"{self.where()}{f', {self.field_word} {field!r}' if field else ''}: {reason}"
            for field, reason in self.problems
        ]

    def as_json(self) -> dict[str, object]:
        where = {key: getattr(self, key) for key in ("file", "record", "line", "identifier")}
        return where | {"problems": [{"field": f, "reason": r} for f, r in self.problems]}


Converted = Iterable[RdfTriple] | RecordRefusal  # what a converter yields for each record


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

    def refuse(self, refusal: RecordRefusal) -> None:
        self.add(refusal.messages())

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
    records: Iterable[Converted], size: int, new_graph: Callable[[], Graph]
) -> Iterator[Graph]:
    """The triples of `size` good records at a time as one graph (the last may hold fewer)."""
    if size < 1:
        raise InputError(f"a batch needs at least 1 record, got {size}")
    graph, held = new_graph(), 0
    for triples in records:
        if isinstance(triples, RecordRefusal):
            continue
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
    records: Callable[[], Iterable[Converted]],
    size: int,
    new_graph: Callable[[], Graph],
    errors: FileErrors,
) -> Iterator[Graph]:
    """Graphs of `size` records each, after a first pass has converted every record keeping
    nothing: a bad record anywhere raises (every one listed in `errors`) before the first
    graph, and memory stays flat. The strict reading, for small files and tests; a load
    quarantines bad records one by one instead (converted_source.py)."""
    for converted in records():
        if isinstance(converted, RecordRefusal):
            errors.refuse(converted)
    errors.raise_any()
    yield from in_graphs(records(), size, new_graph)
