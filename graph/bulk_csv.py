"""Nodes and relationships as CSV files in the format of Neo4j's offline importer.

A header names each column `name:type`; the importer splits at the last colon, so property keys
with colons (`_by:<key>`, `<http://…>`) need no escaping as long as every column has a type.
The same key can hold an integer on one node and its lexical form on another (graph/MAPPING.md),
so rows go to tables whose columns agree on each key's type: a row joins the first table with no
conflicting column, adding the columns it lacks (earlier, shorter rows leave them empty, which
the importer reads as absent). A table's header is written last, to a file of its own.

Strings are always quoted (an unquoted empty field is no value, a quoted one the empty string);
list elements are joined by U+001F, which no IRI and, checked here, no stored value contains.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from kennisgraaf.errors import InputError

ARRAY_DELIMITER = "\x1f"
_SCALAR = {bool: "boolean", int: "long", float: "double", str: "string", dt.date: "date"}


def column_type(value: Any) -> str:
    """The importer's type of a property value (lists: the element type plus `[]`)."""
    if isinstance(value, list):
        return column_type(value[0]) + "[]"
    kind = _SCALAR.get(type(value))
    if kind is None:
        raise TypeError(f"no importer type for a {type(value).__name__} value")
    return kind


def _scalar(value: Any, where: str) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if not math.isfinite(value):
            return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
        return repr(value)
    if isinstance(value, int | dt.date):
        return str(value) if isinstance(value, int) else value.isoformat()
    text = str(value)
    if ARRAY_DELIMITER in text:
        raise InputError(f"{where}: a value holds the control character U+001F")
    return text


def field_text(value: Any, where: str) -> str:
    """One CSV field: strings and lists quoted (quotes doubled), numbers and dates bare."""
    if value is None:
        return ""
    if isinstance(value, list):
        text = ARRAY_DELIMITER.join(_scalar(v, where) for v in value)
    elif isinstance(value, str):
        text = _scalar(value, where)
    else:
        return _scalar(value, where)
    return '"' + text.replace('"', '""') + '"'


@dataclass
class _Table:
    data: Path
    out: IO[str]
    columns: dict[str, str] = field(default_factory=dict)  # property key → importer type
    order: list[str] = field(default_factory=list)
    rows: int = 0


class CsvTables:
    """The node or relationship tables of one import, in `folder` under the name `kind`.
    `fixed` are the leading columns every row has (ID, labels; start, end, type)."""

    def __init__(self, folder: Path, kind: str, fixed: list[str]) -> None:
        self.folder, self.kind, self.fixed = folder, kind, fixed
        self.tables: list[_Table] = []

    def add(self, leading: list[str], props: dict[str, Any], where: str) -> None:
        types = {name: column_type(value) for name, value in props.items()}
        table = next(
            (t for t in self.tables if all(t.columns.get(n, k) == k for n, k in types.items())),
            None,
        )
        if table is None:
            data = self.folder / f"{self.kind}-{len(self.tables)}.csv"
            table = _Table(data, data.open("w", encoding="utf-8", newline=""))
            self.tables.append(table)
        for name in [n for n in types if n not in table.columns]:
            table.columns[name] = types[name]
            table.order.append(name)
        cells = [field_text(props.get(name), where) for name in table.order]
        while cells and cells[-1] == "":
            cells.pop()
        table.out.write(",".join([*leading, *cells]) + "\n")
        table.rows += 1

    def close(self) -> list[str]:
        """Writes the headers; the importer's file groups (`header.csv,data.csv`)."""
        groups = []
        for n, table in enumerate(self.tables):
            table.out.close()
            header = self.folder / f"{self.kind}-{n}.header.csv"
            names = [*self.fixed, *(f"{c}:{table.columns[c]}" for c in table.order)]
            header.write_text(",".join(field_text(x, "header") for x in names) + "\n", "utf-8")
            groups.append(f"{header},{table.data}")
        return groups

    @property
    def rows(self) -> int:
        return sum(t.rows for t in self.tables)


def quoted(text: str) -> str:
    return field_text(text, "id")
