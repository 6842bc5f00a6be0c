"""Trace a question through the cycle — articulation, creation, organisation, sharing, use —
and back from a study or product to the questions it serves and where it was used."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import neo4j
from neo4j import Driver

from kennisgraaf.errors import InputError
from kennisgraaf.ontology.stages import stage_names, stage_of_activity_class
from kennisgraaf.queries.registry import get_query

MAX_DEPTH = 5


@dataclass(frozen=True)
class Party:
    iri: str
    name: str | None


@dataclass(frozen=True)
class StageActivity:
    iri: str
    stage: str
    date: dt.date | None
    started: dt.date | None
    used: tuple[str, ...]
    generated: tuple[str, ...]
    informed_by: tuple[str, ...]
    people: tuple[Party, ...]
    organisations: tuple[Party, ...]
    networks: tuple[Party, ...]


@dataclass
class Trace:
    iri: str
    text: dict[str, str]
    stages: dict[str, list[StageActivity]]
    raised: list[Trace] = field(default_factory=list)
    raised_iris: list[str] = field(default_factory=list)

    @property
    def articulated(self) -> dt.date | None:
        return self.first_date("articulation")

    def first_date(self, stage: str) -> dt.date | None:
        dates = [a.date for a in self.stages[stage] if a.date is not None]
        return min(dates) if dates else None

    @property
    def reached(self) -> list[str]:
        return [s for s in stage_names() if self.stages[s]]

    @property
    def furthest(self) -> str | None:
        return self.reached[-1] if self.reached else None

    @property
    def missing(self) -> list[str]:
        """Stages without any activity, up to the furthest one reached and beyond it."""
        return [s for s in stage_names() if not self.stages[s]]

    def days_to(self, stage: str) -> int | None:
        """Days from articulation to the first activity of `stage`."""
        start, end = self.articulated, self.first_date(stage)
        return (end - start).days if start and end else None

    @property
    def lead_time_days(self) -> int | None:
        """Articulation to first use."""
        return self.days_to("use")

    def to_json(self) -> dict[str, Any]:
        return {
            "question": self.iri,
            "text": self.text,
            "reached": self.reached,
            "missing": self.missing,
            "lead_time_days": self.lead_time_days,
            "days_from_articulation": {s: self.days_to(s) for s in stage_names()[1:]},
            "stages": {
                s: [_activity_json(a) for a in self.stages[s]]
                for s in stage_names()
                if self.stages[s]
            },
            "raised": [t.to_json() for t in self.raised],
            "raised_not_expanded": [
                i for i in self.raised_iris if i not in {t.iri for t in self.raised}
            ],
        }


def _activity_json(a: StageActivity) -> dict[str, Any]:
    return {
        "iri": a.iri,
        "date": a.date.isoformat() if a.date else None,
        "started": a.started.isoformat() if a.started else None,
        "used": list(a.used),
        "generated": list(a.generated),
        "informed_by": list(a.informed_by),
        "people": [p.__dict__ for p in a.people],
        "organisations": [p.__dict__ for p in a.organisations],
        "networks": [p.__dict__ for p in a.networks],
    }


def _date(value: Any) -> dt.date | None:
    if value is None:
        return None
    to_native = getattr(value, "to_native", None)
    native = to_native() if callable(to_native) else value
    return native if isinstance(native, dt.date) else None


def _parties(rows: list[dict[str, Any]]) -> tuple[Party, ...]:
    return tuple(Party(r["iri"], r.get("name")) for r in rows)


def _activity(row: dict[str, Any]) -> StageActivity:
    return StageActivity(
        iri=row["iri"],
        stage=stage_of_activity_class()[row["kind"]],
        date=_date(row["date"]),
        started=_date(row["started"]),
        used=tuple(row["used"]),
        generated=tuple(row["generated"]),
        informed_by=tuple(row["informed_by"]),
        people=_parties(row["people"]),
        organisations=_parties(row["organisations"]),
        networks=_parties(row["networks"]),
    )


def _one_trace(driver: Driver, database: str, iri: str) -> Trace | None:
    query = get_query("trace.question")
    records, _, _ = driver.execute_query(
        query.text, query.bind({"iri": iri}), database_=database, routing_=neo4j.RoutingControl.READ
    )
    if not records:
        return None
    record = records[0]
    stages: dict[str, list[StageActivity]] = {s: [] for s in stage_names()}
    for row in record["activities"]:
        if row["kind"] in stage_of_activity_class():
            activity = _activity(row)
            stages[activity.stage].append(activity)
    for acts in stages.values():
        acts.sort(key=lambda a: (a.date or dt.date.max, a.iri))
    question = record["question"]
    text = {lang: question[f"text_{lang}"] for lang in ("nl", "en") if question[f"text_{lang}"]}
    return Trace(iri=iri, text=text, stages=stages, raised_iris=sorted(record["raised"]))


def trace_question(driver: Driver, database: str, iri: str, depth: int = 2) -> Trace:
    """The question's trace; the questions its uses raised are traced `depth` levels deep.

    A question already on the path is not traced again, so loops back into the cycle end."""
    if not 0 <= depth <= MAX_DEPTH:
        raise InputError(f"depth must be between 0 and {MAX_DEPTH}, not {depth}")
    root = _one_trace(driver, database, iri)
    if root is None:
        raise InputError(f"no knowledge question with IRI {iri!r}")
    seen = {iri}
    frontier = [root]
    for _ in range(depth):
        next_frontier: list[Trace] = []
        for trace in frontier:
            for raised_iri in trace.raised_iris:
                if raised_iri in seen:
                    continue
                seen.add(raised_iri)
                child = _one_trace(driver, database, raised_iri)
                if child is not None:
                    trace.raised.append(child)
                    next_frontier.append(child)
        frontier = next_frontier
    return root


@dataclass(frozen=True)
class ReverseTrace:
    iri: str
    kind: str
    questions: tuple[str, ...]
    products: tuple[str, ...]
    uses: tuple[dict[str, Any], ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "iri": self.iri,
            "kind": self.kind,
            "questions": list(self.questions),
            "products": list(self.products),
            "uses": [
                {**u, "date": u["date"].isoformat() if u.get("date") else None} for u in self.uses
            ],
        }


def reverse_trace(driver: Driver, database: str, iri: str) -> ReverseTrace:
    query = get_query("trace.reverse")
    records, _, _ = driver.execute_query(
        query.text, query.bind({"iri": iri}), database_=database, routing_=neo4j.RoutingControl.READ
    )
    if not records:
        raise InputError(f"no study or knowledge product with IRI {iri!r}")
    r = records[0]
    uses = tuple(
        sorted(
            ({**u, "date": _date(u["date"])} for u in r["uses"]),
            key=lambda u: (u["date"] or dt.date.max, u["iri"]),
        )
    )
    return ReverseTrace(
        iri=r["iri"],
        kind=r["kind"],
        questions=tuple(sorted(r["questions"])),
        products=tuple(sorted(r["products"])),
        uses=uses,
    )
