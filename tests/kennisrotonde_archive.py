"""An invented Kennisrotonde archive of any size in the documented record format
(loaders/examples/KENNISROTONDE.md), with a share of realistic defects at declared positions.

Every record is made up (numbers from KR.20001, DOIs under the test prefix 10.5555, example.org
links, invented names); nothing describes a real question, answer, person or report. The same
count, seed and share give the same archive, and :attr:`Archive.defects` says which record (by
position, from 1) carries which defect — a test checks the loader against this plan, never
against the loader's own output::

    python -m tests.kennisrotonde_archive 1000 -o archive.jsonl   # or .csv

Defects: ``unknown-tag`` (a tag outside the tag table: loads, with a Warning on its keyword),
``missing-authors`` (a new study without authors), ``bad-doi`` (a DOI with a too-short
registrant), ``unknown-referral`` (referred to an earlier answer that is nowhere), ``bad-date``
(30 February). All but the first are quarantined. No good record links to a defective one.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

DEFECT_KINDS = ("unknown-tag", "missing-authors", "bad-doi", "unknown-referral", "bad-date")
QUARANTINED_KINDS = frozenset(DEFECT_KINDS[1:])
UNKNOWN_TAGS = ("executieve functies", "hoogbegaafdheid", "nt2", "bso", "ouderbetrokkenheid")
KNOWN_TAGS = ("gedrag", "rekenen", "lezen", "schrijven", "feedback", "lerarentekort")
THEMES = ("curriculum-and-pedagogy", "professional-development", "inclusive-education",
          "teacher-shortage", "educational-innovation", "data-informed-practice")  # fmt: skip
SECTORS = ("PO", "VO", "MBO", "HBO", "SO")
ROLES = ("teacher", "school-leader", "intern-begeleider", "board-member", "teacher-educator",
         "parent", "policy-maker")  # fmt: skip
AUTHORS = ("Voorbeeld, A.", "Verzonnen, B.", "Fictief, C.", "Bedacht, D.", "Proef, E.")
REPORTERS = ("Voorbeeldinspectie", "Voorbeeldplanbureau", "Kenniscentrum Voorbeeld")
FIRST = 20001  # the first invented record number


@dataclass(frozen=True)
class Archive:
    records: list[dict[str, Any]]
    defects: dict[int, str]  # position of the record (from 1) → the defect it carries

    @property
    def quarantined(self) -> list[int]:
        """Positions of the records the loader must refuse."""
        return sorted(p for p, kind in self.defects.items() if kind in QUARANTINED_KINDS)

    def unknown_tags(self) -> dict[int, str]:
        """Position → the unknown tag that record carries."""
        return {
            p: self.records[p - 1]["tags"][-1]
            for p, k in self.defects.items()
            if k == DEFECT_KINDS[0]
        }

    def numbers(self, positions: list[int]) -> list[str]:
        """The canonical numbers (``KR20001``) of the records at `positions`."""
        return [f"KR{self.records[p - 1]['number'].split('.')[1]}" for p in positions]

    def write(self, path: Path) -> Path:
        """As JSON Lines (``.jsonl``) or CSV (``.csv``); the record at position p is on line p
        of the JSON Lines file, line p + 1 of the CSV (after the header)."""
        if path.suffix == ".csv":
            _write_csv(path, self.records)
        else:
            path.write_text(
                "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in self.records),
                encoding="utf-8",
            )
        return path


def defect_plan(count: int, seed: int, share: float) -> dict[int, str]:
    """Which positions carry which defect: `share` of the records, the kinds in turn."""
    rng = random.Random(f"defects-{seed}")
    positions = sorted(rng.sample(range(1, count + 1), round(count * share)))
    return {p: DEFECT_KINDS[i % len(DEFECT_KINDS)] for i, p in enumerate(positions)}


def generate(count: int = 1000, seed: int = 12, share: float = 0.05) -> Archive:
    rng = random.Random(seed)
    defects = defect_plan(count, seed, share)
    records: list[dict[str, Any]] = []
    answers: list[str] = []  # good answered records a later record may refer or relate to
    for position in range(1, count + 1):
        defect = defects.get(position)
        record = _record(rng, position, answers)
        if defect is not None:
            _spoil(record, defect, rng, position)
        if "answer_date" in record and defect not in QUARANTINED_KINDS:
            answers.append(record["number"])
        records.append(record)
    return Archive(records, defects)


def _record(rng: random.Random, position: int, answers: list[str]) -> dict[str, Any]:
    number = FIRST + position - 1
    asked = date(2019, 1, 1) + timedelta(days=rng.randrange(0, 4 * 365))
    record: dict[str, Any] = {
        "number": f"KR.{number}",
        "date": asked.isoformat(),
        "sectors": rng.sample(SECTORS, rng.choice((1, 1, 2))),
        "themes": [rng.choice(THEMES)],
        "tags": rng.sample(KNOWN_TAGS, rng.choice((0, 1, 2))),
        "asker_role": rng.choice(ROLES),
        "question_as_asked": f"Verzonnen vraag {number} zoals gesteld?",
        "sharpened_question": f"Verzonnen vraag {number}, aangescherpt?",
    }
    kind = rng.random()
    if kind < 0.25 and answers:
        record["status"] = "referred-to-earlier-answer"
        record["referred_to"] = [rng.choice(answers)]
    elif kind < 0.32:
        record["status"] = "referred-to-other-source"
        record["referred_to"] = [f"https://example.org/kennisbank/{number}"]
    elif kind < 0.36:
        record["status"] = "routed-to-research"
        record["referred_to"] = [f"https://example.org/onderzoek/{number}"]
    elif kind < 0.38:
        pass  # still open
    else:
        _answer(rng, record, asked, number, answers)
    return record


def _answer(
    rng: random.Random, record: dict[str, Any], asked: date, number: int, answers: list[str]
) -> None:
    answered = asked + timedelta(days=rng.randrange(20, 90))
    record["answer_date"] = answered.isoformat()
    record["short_answer"] = f"Verzonnen kort antwoord op vraag {number}."
    record["access_rights"] = rng.choice(("c_abf2", "c_abf2", "c_14cb"))
    if rng.random() < 0.5:
        record["license"] = "https://creativecommons.org/licenses/by/4.0/"
    if answers and rng.random() < 0.2:
        record["related"] = [rng.choice(answers)]
    if rng.random() < 0.1:
        earlier = asked + (answered - asked) / 2
        record["revisions"] = [
            {"answer_date": earlier.isoformat(), "short_answer": "Eerdere versie."}
        ]
    record["sources"] = [_source(rng, number, k, answered.year) for k in range(rng.choice((1, 2)))]


def _source(rng: random.Random, number: int, k: int, latest: int) -> dict[str, Any]:
    year = rng.randrange(2005, latest + 1)
    kind = rng.random()
    if kind < 0.15:
        return {"doi": f"10.5555/kr-gen.{number}.{k}"}  # known only by its DOI
    if kind < 0.3:
        return {"type": "report", "title": f"Verzonnen rapport {number}-{k}", "year": year,
                "organisations": [rng.choice(REPORTERS)], "language": "nl"}  # fmt: skip
    return {"doi": f"10.5555/kr-gen.{number}.{k}", "title": f"Invented study {number}-{k}",
            "year": year, "authors": rng.sample(AUTHORS, 2), "design": "survey"}  # fmt: skip


def _spoil(record: dict[str, Any], defect: str, rng: random.Random, position: int) -> None:
    """Give the record its defect, keeping everything else good."""
    if defect == "unknown-tag":
        record["tags"] = [*record["tags"], UNKNOWN_TAGS[position % len(UNKNOWN_TAGS)]]
    elif defect == "bad-date":
        record["date"] = "2021-02-30"
    elif defect == "unknown-referral":
        for field in ("answer_date", "short_answer", "sources", "related", "revisions",
                      "access_rights", "license"):  # fmt: skip
            record.pop(field, None)
        record["status"] = "referred-to-earlier-answer"
        record["referred_to"] = [f"KR.{900000 + position}"]
    else:  # a study the record creates: no authors, or a DOI with a 2-digit registrant
        if "answer_date" not in record:
            _make_answered(record, rng)
        study = {"title": f"Kapotte bron {position}", "year": 2010, "authors": ["Proef, E."]}
        if defect == "missing-authors":
            del study["authors"]
        else:
            study["doi"] = f"10.55/kapot.{position}"
        record["sources"] = [*record.get("sources", []), study]


def _make_answered(record: dict[str, Any], rng: random.Random) -> None:
    for field in ("status", "referred_to"):
        record.pop(field, None)
    asked = date.fromisoformat(record["date"])
    record["answer_date"] = (asked + timedelta(days=rng.randrange(20, 90))).isoformat()
    record["short_answer"] = "Verzonnen antwoord."


CSV_HEADER = (
    "number", "date", "answer_date", "sectors", "themes", "tags", "asker_role",
    "question_as_asked", "sharpened_question", "short_answer", "status", "referred_to",
    "related", "access_rights", "license", "revisions", "source_dois", "source_titles",
    "source_years", "source_authors", "source_organisations", "source_types",
    "source_languages", "source_designs",
)  # fmt: skip
SOURCE_COLUMNS = {"doi": "source_dois", "title": "source_titles", "year": "source_years",
                  "authors": "source_authors", "organisations": "source_organisations",
                  "type": "source_types", "language": "source_languages",
                  "design": "source_designs"}  # fmt: skip


def _csv_row(record: dict[str, Any]) -> dict[str, str]:
    row: dict[str, str] = {}
    for key, value in record.items():
        if key == "sources":
            for field, column in SOURCE_COLUMNS.items():
                cells = [_cell(s.get(field, ""), "|") for s in value]
                if any(cells):
                    row[column] = ";".join(cells)
        elif key == "revisions":
            row[key] = json.dumps(value, ensure_ascii=False)
        else:
            row[key] = _cell(value, ";")
    return row


def _cell(value: object, separator: str) -> str:
    return separator.join(value) if isinstance(value, list) else str(value)


def _write_csv(path: Path, records: list[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=CSV_HEADER, lineterminator="\n")
        writer.writeheader()
        for record in records:
            writer.writerow(_csv_row(record))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int, nargs="?", default=1000)
    parser.add_argument("-o", "--output", type=Path, default=Path("kennisrotonde-archive.jsonl"))
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--share", type=float, default=0.05, help="share of defective records")
    args = parser.parse_args()
    archive = generate(args.count, args.seed, args.share)
    archive.write(args.output)
    print(f"{args.output}: {args.count} records, defects at {sorted(archive.defects.items())}")


if __name__ == "__main__":
    main()
