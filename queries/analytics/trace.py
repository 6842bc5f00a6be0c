"""Trace a question through the cycle — articulation, creation, organisation, sharing, use —
and back from a study or product to the questions it serves and where it was used."""

from __future__ import annotations

import datetime as dt
from typing import Any

from neo4j import Driver
from pydantic import BaseModel, Field, computed_field, field_serializer

from kennisgraaf.errors import InputError
from kennisgraaf.ontology.stages import stage_names, stage_of_activity_class
from kennisgraaf.queries.analytics.common import ID, Day, Named, Result, result_config
from kennisgraaf.queries.runner import read

MAX_DEPTH = 5


class StageActivity(Result):
    iri: str
    stage: str = Field(exclude=True)  # the key it is listed under in Trace.stages
    date: Day
    started: Day
    used: tuple[str, ...]
    generated: tuple[str, ...]
    informed_by: tuple[str, ...]
    people: tuple[Named, ...]
    organisations: tuple[Named, ...]
    networks: tuple[Named, ...]


class Trace(BaseModel):
    """A question's path through the cycle; questions its uses raised are traced inside."""

    model_config = result_config(
        {
            "question": ID + "question/q03",
            "text": {"nl": "Welke gegevens laten zien …?"},
            "reached": ["articulation", "creation"],
            "missing": ["organisation", "sharing", "use"],
            "lead_time_days": None,
            "days_from_articulation": {"creation": 314, "organisation": None, "sharing": None,
                                       "use": None},
            "stages": {"articulation": [{"iri": ID + "articulation/q03", "date": "2024-05-21",
                        "started": None, "used": [], "generated": [ID + "question/q03"],
                        "informed_by": [ID + "use/u02"], "people": [], "organisations": [],
                        "networks": []}]},
            "raised": [],
            "raised_not_expanded": [],
        },
        frozen=False,  # the questions raised are traced, and added, after the question itself
    )  # fmt: skip

    iri: str = Field(serialization_alias="question")
    text: dict[str, str]
    stages: dict[str, list[StageActivity]] = Field(description="activities of each stage reached")
    raised: list[Trace] = Field(default_factory=list)
    raised_iris: list[str] = Field(default_factory=list, exclude=True)

    @field_serializer("stages")
    def _reached_only(
        self, stages: dict[str, list[StageActivity]]
    ) -> dict[str, list[StageActivity]]:
        return {s: stages[s] for s in stage_names() if stages[s]}

    @property
    def articulated(self) -> dt.date | None:
        return self.first_date("articulation")

    def first_date(self, stage: str) -> dt.date | None:
        dates = [a.date for a in self.stages[stage] if a.date is not None]
        return min(dates) if dates else None

    @computed_field(description="stages of the cycle the question reached, in order")  # type: ignore[prop-decorator]
    @property
    def reached(self) -> list[str]:
        return [s for s in stage_names() if self.stages[s]]

    @property
    def furthest(self) -> str | None:
        return self.reached[-1] if self.reached else None

    @computed_field(description="stages without any activity")  # type: ignore[prop-decorator]
    @property
    def missing(self) -> list[str]:
        return [s for s in stage_names() if not self.stages[s]]

    def days_to(self, stage: str) -> int | None:
        """Days from articulation to the first activity of `stage`."""
        start, end = self.articulated, self.first_date(stage)
        return (end - start).days if start and end else None

    @computed_field(description="days from articulation to first use")  # type: ignore[prop-decorator]
    @property
    def lead_time_days(self) -> int | None:
        return self.days_to("use")

    @computed_field  # type: ignore[prop-decorator]
    @property
    def days_from_articulation(self) -> dict[str, int | None]:
        return {s: self.days_to(s) for s in stage_names()[1:]}

    @computed_field(description="questions its uses raised, not traced for the depth asked")  # type: ignore[prop-decorator]
    @property
    def raised_not_expanded(self) -> list[str]:
        traced = {t.iri for t in self.raised}
        return [i for i in self.raised_iris if i not in traced]


def _activity(row: dict[str, Any]) -> StageActivity:
    return StageActivity(**row, stage=stage_of_activity_class()[row["kind"]])


def _one_trace(driver: Driver, database: str, iri: str) -> Trace | None:
    rows = read(driver, database, "trace.question", iri=iri)
    if not rows:
        return None
    record = rows[0]
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


class Use(Result):
    iri: str
    date: Day
    used: str = Field(description="the study or product it used")
    by: tuple[str, ...] = Field(description="people and organisations associated with it")


class ReverseTrace(Result):
    iri: str
    kind: str = Field(description="study or product")
    questions: tuple[str, ...]
    products: tuple[str, ...]
    uses: tuple[Use, ...]


def reverse_trace(driver: Driver, database: str, iri: str) -> ReverseTrace:
    rows = read(driver, database, "trace.reverse", iri=iri)
    if not rows:
        raise InputError(f"no study or knowledge product with IRI {iri!r}")
    r = rows[0]
    uses = sorted((Use(**u) for u in r["uses"]), key=lambda u: (u.date or dt.date.max, u.iri))
    return ReverseTrace(
        iri=r["iri"],
        kind=r["kind"],
        questions=tuple(sorted(r["questions"])),
        products=tuple(sorted(r["products"])),
        uses=tuple(uses),
    )
