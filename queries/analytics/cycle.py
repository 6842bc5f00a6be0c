"""Cycle analytics: where questions get to, how long each stage takes, where the cycle breaks.

One query returns, per question, the first date it reached each stage with its sectors, themes,
networks and regions; the funnel, lead-time distributions and stalled questions are computed
from that table, so every grouping costs one read of the graph.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from dataclasses import dataclass

from neo4j import Driver
from pydantic import Field

from kennisgraaf.errors import InputError
from kennisgraaf.ontology.stages import stage_names
from kennisgraaf.queries.analytics.common import ID, Day, Result, notation, result_config
from kennisgraaf.queries.analytics.rows import texts
from kennisgraaf.queries.runner import read, to_date

GROUPINGS = ("sector", "theme", "network", "region", "year")
_COLUMNS = ("articulated", "created", "organised", "shared", "used")  # one per stage, in order


@dataclass(frozen=True)
class QuestionStages:
    iri: str
    status: str | None
    dates: dict[str, dt.date | None]
    sectors: tuple[str, ...]
    themes: tuple[str, ...]
    networks: tuple[str, ...]
    regions: tuple[str, ...]

    @property
    def furthest(self) -> str:
        reached = [s for s in stage_names() if self.dates[s] is not None]
        return reached[-1] if reached else stage_names()[0]

    def groups(self, by: str) -> tuple[str, ...]:
        if by == "year":
            start = self.dates["articulation"]
            return (str(start.year),) if start else ()
        values: tuple[str, ...] = getattr(self, by + "s")
        return values or ("(none)",)


def question_stages(
    driver: Driver, database: str, since: str | None = None, until: str | None = None
) -> list[QuestionStages]:
    records = read(driver, database, "cycle.question_stages", since=since, until=until)
    return [
        QuestionStages(
            iri=r["iri"],
            status=notation(r["status"]) if r["status"] else None,
            dates={
                stage: to_date(r[column])
                for stage, column in zip(stage_names(), _COLUMNS, strict=True)
            },
            sectors=tuple(notation(v) for v in r["sectors"]),
            themes=tuple(notation(v) for v in r["themes"]),
            networks=tuple(notation(v) for v in r["networks"]),
            regions=tuple(r["regions"]),
        )
        for r in records
    ]


def funnel(rows: list[QuestionStages], by: str | None = None) -> dict[str, dict[str, int]]:
    """Questions that reached each stage, overall (key "all") or per group. A question in two
    sectors counts in both groups."""
    if by is not None and by not in GROUPINGS:
        raise InputError(f"funnel grouping must be one of {', '.join(GROUPINGS)}, not {by!r}")
    out: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(stage_names(), 0))
    for row in rows:
        for group in row.groups(by) if by else ("all",):
            for stage in stage_names():
                if row.dates[stage] is not None:
                    out[group][stage] += 1
    return dict(sorted(out.items()))


class Funnel(Result):
    model_config = result_config(
        {"by": "sector", "stages": ["articulation", "creation", "organisation", "sharing", "use"],
         "groups": {"PO": {"articulation": 14, "creation": 9, "organisation": 9, "sharing": 7,
                           "use": 4}}}
    )  # fmt: skip
    by: str | None
    stages: list[str]
    groups: dict[str, dict[str, int]] = Field(description='questions reaching each stage; "all" '
                                              "when not grouped")  # fmt: skip

    @classmethod
    def of(cls, rows: list[QuestionStages], by: str | None = None) -> Funnel:
        return cls(by=by, stages=list(stage_names()), groups=funnel(rows, by))


class Distribution(Result):
    n: int
    minimum: int
    p25: float
    median: float
    p75: float
    maximum: int
    mean: float


def lead_times(rows: list[QuestionStages]) -> dict[str, Distribution | None]:
    """Days from articulation to the first activity of each later stage."""
    out: dict[str, Distribution | None] = {}
    for stage in stage_names()[1:]:
        days = sorted(
            (row.dates[stage] - start).days  # type: ignore[operator]
            for row in rows
            if (start := row.dates["articulation"]) is not None and row.dates[stage] is not None
        )
        if not days:
            out[stage] = None
            continue
        quartiles = (
            statistics.quantiles(days, n=4, method="inclusive")
            if len(days) > 1
            else [float(days[0])] * 3
        )
        out[stage] = Distribution(
            n=len(days),
            minimum=days[0],
            p25=quartiles[0],
            median=statistics.median(days),
            p75=quartiles[2],
            maximum=days[-1],
            mean=round(statistics.fmean(days), 1),
        )
    return out


class LeadTimes(Result):
    model_config = result_config(
        {"stages": {"creation": {"n": 28, "minimum": 40, "p25": 200.0, "median": 400.0,
                                 "p75": 600.0, "maximum": 900, "mean": 410.2},
                    "organisation": None, "sharing": None, "use": None}}
    )  # fmt: skip
    stages: dict[str, Distribution | None] = Field(
        description="days from articulation to the first activity of each later stage"
    )


def stalled(
    rows: list[QuestionStages], older_than_days: int, today: dt.date | None = None
) -> list[QuestionStages]:
    """Open questions articulated more than `older_than_days` ago that have neither a study
    nor an answer (no creation and no organisation used them)."""
    if older_than_days < 0:
        raise InputError(f"older_than_days must not be negative, not {older_than_days}")
    try:
        cutoff = (today or dt.date.today()) - dt.timedelta(days=older_than_days)
    except OverflowError:  # the cutoff falls before year 1: no question is that old
        return []
    return [
        row
        for row in rows
        if row.status != "withdrawn"
        and (start := row.dates["articulation"]) is not None
        and start < cutoff
        and row.dates["creation"] is None
        and row.dates["organisation"] is None
    ]


class StalledQuestion(Result):
    iri: str
    key: str | None = Field(
        default=None, description="the part of the IRI after {base}id/question/"
    )
    status: str | None
    articulated: dt.date | None
    days_open: int | None
    furthest: str
    sectors: tuple[str, ...]
    themes: tuple[str, ...]


class Stalled(Result):
    model_config = result_config(
        {"days": 365, "today": "2025-06-01",
         "items": [{"iri": ID + "question/q37", "key": "q37", "status": "open",
                    "articulated": "2023-03-01", "days_open": 823, "furthest": "articulation",
                    "sectors": ["PO"], "themes": ["citizenship"]}]}
    )  # fmt: skip
    days: int
    today: dt.date
    items: list[StalledQuestion]

    @classmethod
    def of(cls, rows: list[QuestionStages], days: int, today: dt.date) -> Stalled:
        items = [
            StalledQuestion(
                iri=r.iri,
                status=r.status,
                articulated=(start := r.dates["articulation"]),
                days_open=(today - start).days if start else None,
                furthest=r.furthest,
                sectors=r.sectors,
                themes=r.themes,
            )
            for r in stalled(rows, days, today)
        ]
        return cls(days=days, today=today, items=items)


class BreakItem(Result):
    """A study or product where the cycle stops."""

    iri: str
    title: dict[str, str]
    date: Day = Field(description="date of the activity that made it")


def _breaks(driver: Driver, database: str, name: str) -> list[BreakItem]:
    return [
        BreakItem(iri=r["iri"], title=texts(nl=r["title_nl"], en=r["title_en"]), date=r["date"])
        for r in read(driver, database, name)
    ]


def studies_never_shared(driver: Driver, database: str) -> list[BreakItem]:
    return _breaks(driver, database, "cycle.studies_never_shared")


def products_never_used(driver: Driver, database: str) -> list[BreakItem]:
    return _breaks(driver, database, "cycle.products_never_used")
