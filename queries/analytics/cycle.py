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
from typing import Any

import neo4j
from neo4j import Driver

from kennisgraaf.errors import InputError
from kennisgraaf.ontology.stages import stage_names
from kennisgraaf.queries.analytics.trace import _date
from kennisgraaf.queries.registry import get_query

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


def _label(value: str) -> str:
    # Concepts without a notation come back as IRIs: their last segment reads best.
    return value.rstrip("/").rsplit("/", 1)[-1] if value.startswith("http") else value


def question_stages(
    driver: Driver, database: str, since: str | None = None, until: str | None = None
) -> list[QuestionStages]:
    query = get_query("cycle.question_stages")
    records, _, _ = driver.execute_query(
        query.text,
        query.bind({"since": since, "until": until}),
        database_=database,
        routing_=neo4j.RoutingControl.READ,
    )
    return [
        QuestionStages(
            iri=r["iri"],
            status=_label(r["status"]) if r["status"] else None,
            dates={
                stage: _date(r[column])
                for stage, column in zip(stage_names(), _COLUMNS, strict=True)
            },
            sectors=tuple(_label(v) for v in r["sectors"]),
            themes=tuple(_label(v) for v in r["themes"]),
            networks=tuple(_label(v) for v in r["networks"]),
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


@dataclass(frozen=True)
class Distribution:
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


def stalled(
    rows: list[QuestionStages], older_than_days: int, today: dt.date | None = None
) -> list[QuestionStages]:
    """Open questions articulated more than `older_than_days` ago that have neither a study
    nor an answer (no creation and no organisation used them)."""
    if older_than_days < 0:
        raise InputError(f"older_than_days must not be negative, not {older_than_days}")
    cutoff = (today or dt.date.today()) - dt.timedelta(days=older_than_days)
    return [
        row
        for row in rows
        if row.status != "withdrawn"
        and (start := row.dates["articulation"]) is not None
        and start < cutoff
        and row.dates["creation"] is None
        and row.dates["organisation"] is None
    ]


def _listing(driver: Driver, database: str, name: str) -> list[dict[str, Any]]:
    records, _, _ = driver.execute_query(
        get_query(name).text, database_=database, routing_=neo4j.RoutingControl.READ
    )
    return [{**r.data(), "date": _date(r["date"])} for r in records]


def studies_never_shared(driver: Driver, database: str) -> list[dict[str, Any]]:
    return _listing(driver, database, "cycle.studies_never_shared")


def products_never_used(driver: Driver, database: str) -> list[dict[str, Any]]:
    return _listing(driver, database, "cycle.products_never_used")
