"""Reading a Kennisrotonde file into raw records: a JSON array (or one object), JSON Lines, or
CSV with one record a row (loaders/examples/KENNISROTONDE.md documents the columns).

A raw record knows where it starts (its line in JSON Lines and CSV) so that every problem names
it. A malformed JSON line is one bad record, refused on its own; what spoils the whole file (a
JSON array that does not parse, a CSV header with an unknown or missing column, a line past the
input limits) raises InputError."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kennisgraaf.errors import InputError, InputLimitError
from kennisgraaf.loaders import prescan
from kennisgraaf.loaders.csv_rows import csv_rows
from kennisgraaf.settings import get_settings

# Sources and experts in CSV: parallel ;-separated columns aligned by position.
CSV_COLUMNS: Mapping[tuple[str, str], str] = {
    ("sources", "doi"): "source_dois",
    ("sources", "title"): "source_titles",
    ("sources", "year"): "source_years",
    ("sources", "authors"): "source_authors",
    ("sources", "organisations"): "source_organisations",
    ("sources", "type"): "source_types",
    ("sources", "language"): "source_languages",
    ("sources", "design"): "source_designs",
    ("experts", "name"): "expert_names",
    ("experts", "orcid"): "expert_orcids",
    ("experts", "organisation"): "expert_organisations",
    ("experts", "ror"): "expert_rors",
    ("experts", "role"): "expert_roles",
}
LISTED_IN_ITEMS = ("authors", "organisations")  # several per source: separated by |
CSV_SIMPLE = (
    *("number", "date", "answer_date", "sectors", "sector", "themes", "tags", "question"),
    *("question_as_asked", "sharpened_question", "asker_role", "asker_name", "asker_consent"),
    *("asker_school_brin", "asker_school", "asker_place"),
    *("language", "title", "short_answer", "full_answer", "url", "status", "referred_to"),
    *("related", "access_rights", "license"),
)
CSV_JSON = ("revisions",)  # a JSON array in the cell
_SYNTAX = {".csv": "csv", ".jsonl": "jsonlines", ".ndjson": "jsonlines", ".json": "json"}


@dataclass(frozen=True)
class RawRecord:
    line: int | None  # where the record starts (JSON Lines, CSV); None in a JSON array
    fields: Mapping[str, Any]
    csv: bool = False
    problem: tuple[str, str] | None = None  # (field, why) the record could not be read


def prescan_file(path: Path) -> None:
    """Depth, string and line bounds before json or csv see the file: Python's json recurses
    (a record nested 100,000 deep would raise RecursionError)."""
    prescan.scan(path, _syntax(path))


def _syntax(path: Path) -> str:
    try:
        return _SYNTAX[path.suffix.lower()]
    except KeyError:
        formats = "use .json, .jsonl or .csv"
        raise InputError(f"{path.name}: unknown Kennisrotonde format ({formats})") from None


def read_records(path: Path) -> Iterator[RawRecord]:
    """The raw records of a file that has passed :func:`prescan_file`."""
    readers = {"csv": _read_csv, "jsonlines": _read_json_lines, "json": _read_json}
    return readers[_syntax(path)](path)


def field_label(field: str, csv_input: bool) -> str:
    """The field as the user wrote it: ``sources[2].doi`` is column ``source_dois`` in a CSV."""
    match = re.fullmatch(r"(sources|experts)\[([0-9]+)\](?:\.(\w+))?", field)
    if csv_input and match and match.group(3):
        column = CSV_COLUMNS.get((match.group(1), match.group(3)), field)
        return f"{column} (item {match.group(2)})"
    return field


def _read_json(path: Path) -> Iterator[RawRecord]:
    """A ``.json`` file: a list of records, one record object, or JSON Lines after all."""
    text = _read_text(path)
    try:
        document = json.loads(text)
    except json.JSONDecodeError as e:
        if text.lstrip().startswith("["):
            raise InputError(
                f"{path.name}, line {e.lineno}, column {e.colno}: malformed JSON: {e.msg}"
            ) from e
        yield from _read_json_lines(path)  # several objects, one per line
        return
    for item in document if isinstance(document, list) else [document]:
        yield _raw(None, item)


def _raw(line: int | None, item: object, csv: bool = False) -> RawRecord:
    if isinstance(item, dict):
        return RawRecord(line, item, csv)
    return RawRecord(line, {}, csv, ("", "expected a JSON object"))


def _read_json_lines(path: Path) -> Iterator[RawRecord]:
    try:
        handle = path.open(encoding="utf-8-sig")
    except OSError as e:
        raise InputError(f"{path.name}: cannot read the file: {e}") from e
    limit = get_settings().input_max_line_bytes
    with handle:
        # Read at most one line's worth at a time: a line of gigabytes is refused, not held.
        for number, line in enumerate(iter(lambda: handle.readline(limit + 1), ""), start=1):
            if len(line.rstrip("\r\n")) > limit:
                raise InputLimitError(
                    f"{path.name}, line {number}: a line longer than {limit:,} characters "
                    "(setting input_max_line_bytes)",
                    "input_max_line_bytes",
                )
            if not line.strip():
                continue
            try:
                item = json.loads(line.rstrip("\r\n"))
            except json.JSONDecodeError as e:  # this record is refused, not the file
                why = f"malformed JSON at column {e.colno}: {e.msg}"
                yield RawRecord(number, {}, problem=("", why))
                continue
            yield _raw(number, item)


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"{path.name}: cannot read the file: {e}") from e


def _split(cell: str, separator: str = ";") -> list[str]:
    return [part.strip() for part in cell.split(separator)] if cell.strip() else []


def _csv_items(row: Mapping[str, str], group: str) -> list[dict[str, Any]]:
    """Rebuild the source/expert objects from the parallel, position-aligned columns."""
    columns = {
        field: _split(row.get(col, "")) for (g, field), col in CSV_COLUMNS.items() if g == group
    }
    count = max((len(values) for values in columns.values()), default=0)
    items: list[dict[str, Any]] = []
    for position in range(count):
        item: dict[str, Any] = {}
        for field, values in columns.items():
            value = values[position] if position < len(values) else ""
            if field in LISTED_IN_ITEMS:
                item[field] = _split(value, "|")
            elif value:
                item[field] = value
        items.append(item)
    return items


def _check_header(path: Path, header: list[str]) -> None:
    known = set(CSV_SIMPLE) | set(CSV_COLUMNS.values()) | set(CSV_JSON)
    if unknown := [h for h in header if h not in known]:
        raise InputError(f"{path.name}, line 1: unknown column {', '.join(map(repr, unknown))}")
    missing = [c for c in ("number", "date") if c not in header]
    if not {"question", "sharpened_question", "question_as_asked"} & set(header):
        missing.append("question")
    if not {"sectors", "sector"} & set(header):
        missing.append("sectors")
    if missing:
        raise InputError(f"{path.name}, line 1: missing column {', '.join(map(repr, missing))}")


def _read_csv(path: Path) -> Iterator[RawRecord]:
    for start, header, cells in csv_rows(path, lambda header: _check_header(path, header)):
        row = dict(zip(header, cells, strict=False))
        fields: dict[str, Any] = {c: row[c] for c in CSV_SIMPLE if c in row}
        fields["sources"] = _csv_items(row, "sources")
        fields["experts"] = _csv_items(row, "experts")
        problem = None
        for column in CSV_JSON:
            if row.get(column, "").strip():
                try:
                    fields[column] = json.loads(row[column])
                except json.JSONDecodeError as e:
                    problem = (column, f"malformed JSON at column {e.colno}: {e.msg}")
        yield RawRecord(start, fields, csv=True, problem=problem)
