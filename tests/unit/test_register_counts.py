"""The numbers README.md's "Registers" table gives for the shipped register files are the
numbers in those files: each row is parsed from the README and counted again from its file."""

from __future__ import annotations

import csv
import gzip
import json
import re
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REGISTERS = ROOT / "data" / "registers"
ROW = re.compile(r"^\| (\w+) \| `([^`]+)` \| ([^|]+?) \| ([0-9,]+) \|$")


def _rows(path: Path, delimiter: str = ",") -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=delimiter))


def _cbs_codes() -> set[str]:
    return {row["code"] for row in _rows(REGISTERS / "cbs" / "municipalities.csv")}


def _duo(column: str) -> Callable[[Path], int]:
    def count(path: Path) -> int:
        return len({row[column].strip() for row in _rows(path, ";")})

    return count


def _duo_municipalities(path: Path) -> int:
    named = {"GM" + row["GEMEENTENUMMER"].strip() for row in _rows(path, ";")}
    assert named <= _cbs_codes(), sorted(named - _cbs_codes())
    return len(named)


def _ror(path: Path) -> int:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        records = json.load(handle)
    assert all(record["status"] == "active" for record in records)
    return len({record["id"] for record in records})


# What each "counted" cell means, by its first words.
COUNTERS: dict[str, Callable[[Path], int]] = {
    "municipalities (": lambda path: len({row["code"] for row in _rows(path)}),
    "COROP regions": lambda path: len({row["corop"] for row in _rows(path) if row["corop"]}),
    "provinces": lambda path: len({row["code"] for row in _rows(path)}),
    "school locations": _duo("VESTIGINGSCODE"),
    "institutions": _duo("INSTELLINGSCODE"),
    "boards": _duo("BEVOEGD GEZAG NUMMER"),
    "municipalities named": _duo_municipalities,
    "ROR records": _ror,
}


def readme_rows() -> list[tuple[str, str, str, int]]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## Registers\n", 1)[1].split("\n## ", 1)[0]
    found = []
    for line in section.splitlines():
        if match := ROW.match(line):
            register, file, counted, number = match.groups()
            found.append((register, file, counted, int(number.replace(",", ""))))
    return found


# Mutation caught: changing any number in README (or adding a row to a shipped file) fails;
# a row whose kind of count has no counter, or a counter without a row, fails too.
def test_every_register_count_in_readme_is_the_count_in_its_file() -> None:
    rows = readme_rows()
    used = set()
    for register, file, counted, number in rows:
        (prefix,) = [p for p in COUNTERS if counted.startswith(p)]
        used.add(prefix)
        path = REGISTERS / file
        assert path.is_file(), file
        assert COUNTERS[prefix](path) == number, (register, file, counted)
    assert used == set(COUNTERS)
