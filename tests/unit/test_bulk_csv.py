"""The offline importer's CSV files (graph/bulk_csv.py): typed headers, quoting, and tables that
never give one key two types."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from kennisgraaf.errors import InputError
from kennisgraaf.graph.bulk_csv import ARRAY_DELIMITER, CsvTables, column_type, field_text


def test_column_types() -> None:
    assert column_type(True) == "boolean"
    assert column_type(7) == "long"
    assert column_type(0.35) == "double"
    assert column_type(dt.date(2021, 6, 30)) == "date"
    assert column_type("x") == "string"
    assert column_type([1, 2]) == "long[]"
    assert column_type(["a", "b"]) == "string[]"


def test_fields_quote_strings_and_lists_but_not_numbers() -> None:
    assert field_text(None, "-") == ""
    assert field_text("", "-") == '""'  # the empty string, not an absent value
    assert field_text('say "hi"\nbye', "-") == '"say ""hi""\nbye"'
    assert field_text(["a", "b"], "-") == f'"a{ARRAY_DELIMITER}b"'
    assert field_text(12, "-") == "12"
    assert field_text(0.1, "-") == "0.1"
    assert field_text(False, "-") == "false"
    assert field_text(dt.date(2021, 6, 30), "-") == "2021-06-30"


def test_a_value_with_the_array_delimiter_is_refused() -> None:
    with pytest.raises(InputError, match=r"https://example\.org/x"):
        field_text(f"a{ARRAY_DELIMITER}b", "https://example.org/x")


def test_a_key_with_two_types_goes_to_two_tables(tmp_path: Path) -> None:
    tables = CsvTables(tmp_path, "nodes", ["iri:ID", ":LABEL"])
    tables.add(['"a"', '"Resource"'], {"n": 1, "_by:k": "{}"}, "a")
    tables.add(['"b"', '"Resource"'], {"n": "007"}, "b")  # the lexical form: a string
    tables.add(['"c"', '"Resource"'], {"m": 2.5, "n": 3}, "c")
    groups = tables.close()
    assert len(groups) == 2 and tables.rows == 3
    headers = []
    for group in groups:
        header, data = group.split(",")
        headers.append(_rows(Path(header))[0])
        assert Path(data).exists()
    assert headers[0] == ["iri:ID", ":LABEL", "n:long", "_by:k:string", "m:double"]
    assert headers[1] == ["iri:ID", ":LABEL", "n:string"]
    rows = _rows(Path(groups[0].split(",")[1]))
    assert rows == [["a", "Resource", "1", "{}"], ["c", "Resource", "3", "", "2.5"]]


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f))
