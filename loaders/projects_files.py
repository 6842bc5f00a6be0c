"""Reading project files: JSON (a list or one record), JSON Lines, and CSV with
the columns of loaders/examples/PROJECTS.md, each row rebuilt as the JSON record it stands for
(lists from ``;``-separated cells, participants and outputs from parallel columns)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kennisgraaf.errors import InputError
from kennisgraaf.loaders.csv_rows import csv_rows

SYNTAX = {".csv": "csv", ".jsonl": "jsonlines", ".ndjson": "jsonlines", ".json": "json"}
SIMPLE = (
    *("project_number", "title", "language", "programme", "programme_key", "call", "call_key"),
    *("call_date", "funder", "funder_ror", "lead_applicant", "lead_applicant_orcid"),
    "lead_applicant_consent",
    *("start_date", "end_date", "amount", "currency"),
)
LISTS = ("funded",)
# (list field, item field) → the CSV column that holds the items' values, aligned by position.
PARALLEL: Mapping[tuple[str, str], str] = {
    ("participants", "name"): "participant_names",
    ("participants", "ror"): "participant_rors",
    ("participants", "brin"): "participant_brins",
    ("participants", "type"): "participant_types",
    ("participants", "sector"): "participant_sectors",
    ("outputs", "id"): "output_ids",
    ("outputs", "title"): "output_titles",
    ("outputs", "year"): "output_years",
    ("outputs", "type"): "output_types",
    ("outputs", "language"): "output_languages",
    ("outputs", "access"): "output_access",
    ("outputs", "design"): "output_designs",
}
REQUIRED = ("project_number", "title", "programme", "call", "funder")
_DOI_URL = re.compile(r"https?://(?:dx\.)?doi\.org/", re.IGNORECASE)


@dataclass(frozen=True)
class RawRecord:
    number: int  # the record's position in the file, from 1
    line: int | None  # where it starts (JSON Lines, CSV); None in a JSON array
    fields: Mapping[str, Any]
    csv: bool = False
    problem: str | None = None  # why it could not be read (a malformed JSON line)

    @property
    def where(self) -> str:
        return f"line {self.line}" if self.line is not None else f"record {self.number}"


def syntax(path: Path) -> str:
    found = SYNTAX.get(path.suffix.lower())
    if found is None:
        raise InputError(f"{path.name}: unknown project file format (use .json, .jsonl or .csv)")
    return found


def read_records(path: Path) -> Iterator[RawRecord]:
    """The raw records of a file that has passed the pre-scan, numbered from 1."""
    kind = syntax(path)
    if kind == "csv":
        yield from _read_csv(path)
        return
    items = _json_lines(path) if kind == "jsonlines" else _json_document(path)
    for number, (line, item, problem) in enumerate(items, start=1):
        if problem is None and not isinstance(item, dict):
            problem = "expected a JSON object"
        yield RawRecord(number, line, item if isinstance(item, dict) else {}, problem=problem)


def _json_document(path: Path) -> Iterator[tuple[int | None, Any, str | None]]:
    """A list of records or one record, read whole (exports of a project database are small);
    a file of one object per line is read as JSON Lines."""
    try:
        content = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"{path.name}: cannot read the file: {e}") from e
    try:
        document = json.loads(content)
    except json.JSONDecodeError as e:
        if content.lstrip().startswith("["):
            raise InputError(f"{path.name}, line {e.lineno}: malformed JSON: {e.msg}") from e
        yield from _json_lines(path)
        return
    for item in document if isinstance(document, list) else [document]:
        yield None, item, None


def _json_lines(path: Path) -> Iterator[tuple[int | None, Any, str | None]]:
    """One record per line; the pre-scan has bounded the lines. A line that does not parse is
    that record's problem, not the file's."""
    try:
        handle = path.open(encoding="utf-8-sig")
    except OSError as e:
        raise InputError(f"{path.name}: cannot read the file: {e}") from e
    with handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                try:
                    yield number, json.loads(line.rstrip("\r\n")), None
                except json.JSONDecodeError as e:
                    yield number, None, f"malformed JSON at column {e.colno}: {e.msg}"


def label(field: str, csv_input: bool) -> str:
    """The field as the file names it: ``outputs[2].doi`` is column ``output_ids`` in a CSV."""
    match = re.fullmatch(r"(participants|outputs)\[([0-9]+)\](?:\.(\w+))?", field)
    if not (csv_input and match and match.group(3)):
        return field
    item = "id" if match.group(3) in ("doi", "iri") else match.group(3)
    return f"{PARALLEL.get((match.group(1), item), field)} (item {match.group(2)})"


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(";")] if cell.strip() else []


def _items(row: Mapping[str, str], group: str) -> list[dict[str, str]]:
    columns = {
        item: _split(row.get(column, "")) for (g, item), column in PARALLEL.items() if g == group
    }
    count = max((len(values) for values in columns.values()), default=0)
    items = []
    for position in range(count):
        item = {k: v[position] for k, v in columns.items() if position < len(v) and v[position]}
        if "id" in item:  # a DOI in any form, or the IRI of something in the graph
            value = item.pop("id")
            is_iri = value.lower().startswith(("http://", "https://")) and not _DOI_URL.match(value)
            item["iri" if is_iri else "doi"] = value
        items.append(item)
    return items


def _check_header(path: Path, header: list[str]) -> None:
    known = {*SIMPLE, *LISTS, *PARALLEL.values()}
    if unknown := [h for h in header if h not in known]:
        raise InputError(f"{path.name}, line 1: unknown column {', '.join(map(repr, unknown))}")
    if missing := [c for c in REQUIRED if c not in header]:
        raise InputError(f"{path.name}, line 1: missing column {', '.join(map(repr, missing))}")


def _read_csv(path: Path) -> Iterator[RawRecord]:
    rows = csv_rows(path, lambda header: _check_header(path, header))
    for number, (start, header, cells) in enumerate(rows, start=1):
        row = dict(zip(header, cells, strict=False))
        fields: dict[str, Any] = {c: row[c] for c in SIMPLE if c in row}
        fields.update({c: _split(row[c]) for c in LISTS if c in row})
        fields["participants"] = _items(row, "participants")
        fields["outputs"] = _items(row, "outputs")
        yield RawRecord(number, start, fields, csv=True)
