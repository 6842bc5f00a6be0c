"""Where the cycle breaks: funnel, lead times, stalled questions, unshared studies, unused
products, and the boundary crossers between practice and research."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query

from kennisgraaf.api.deps import DriverDep, SettingsDep
from kennisgraaf.api.graphdata import key_of, texts
from kennisgraaf.api.models import BoundaryCrosser, BreakItem, Funnel, LeadTimes, Stalled
from kennisgraaf.ontology.stages import stage_names
from kennisgraaf.queries.analytics import cycle

router = APIRouter(prefix="/analytics", tags=["analytics"])

Since = Annotated[dt.date | None, Query(description="questions articulated on or after")]
Until = Annotated[dt.date | None, Query(description="questions articulated on or before")]


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


@router.get("/funnel", response_model=Funnel, summary="Questions reaching each stage of the cycle")
def funnel(
    driver: DriverDep,
    settings: SettingsDep,
    by: Annotated[
        Literal["sector", "theme", "network", "region", "year"] | None,
        Query(description="group by; a question in two groups counts in both"),
    ] = None,
    since: Since = None,
    until: Until = None,
) -> dict[str, Any]:
    rows = cycle.question_stages(driver, settings.neo4j_database, _iso(since), _iso(until))
    return {"by": by, "stages": list(stage_names()), "groups": cycle.funnel(rows, by)}


@router.get("/lead-times", response_model=LeadTimes, summary="Days from articulation to each stage")
def lead_times(
    driver: DriverDep, settings: SettingsDep, since: Since = None, until: Until = None
) -> dict[str, Any]:
    rows = cycle.question_stages(driver, settings.neo4j_database, _iso(since), _iso(until))
    found = cycle.lead_times(rows)
    return {"stages": {s: dataclasses.asdict(d) if d else None for s, d in found.items()}}


@router.get(
    "/stalled",
    response_model=Stalled,
    summary="Open questions older than `days` with neither a study nor an answer",
)
def stalled(
    driver: DriverDep,
    settings: SettingsDep,
    days: Annotated[
        int, Query(ge=0, le=36_500, description="articulated more than this ago")
    ] = 365,
    today: Annotated[
        dt.date | None, Query(description="the day to count from (default today)")
    ] = None,
) -> dict[str, Any]:
    day = today or dt.date.today()
    rows = cycle.question_stages(driver, settings.neo4j_database)
    items = [
        {
            "iri": r.iri,
            "key": key_of(r.iri, settings.base_iri, "question"),
            "status": r.status,
            "articulated": r.dates["articulation"],
            "days_open": (day - start).days if (start := r.dates["articulation"]) else None,
            "furthest": r.furthest,
            "sectors": list(r.sectors),
            "themes": list(r.themes),
        }
        for r in cycle.stalled(rows, days, day)
    ]
    return {"days": days, "today": day, "items": items}


@router.get(
    "/studies-never-shared",
    response_model=list[BreakItem],
    summary="Studies that no sharing used",
)
def studies_never_shared(driver: DriverDep, settings: SettingsDep) -> list[dict[str, Any]]:
    return _breaks(cycle.studies_never_shared(driver, settings.neo4j_database))


@router.get(
    "/products-never-used", response_model=list[BreakItem], summary="Products that no use used"
)
def products_never_used(driver: DriverDep, settings: SettingsDep) -> list[dict[str, Any]]:
    return _breaks(cycle.products_never_used(driver, settings.neo4j_database))


def _breaks(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {"iri": r["iri"], "title": texts(nl=r["title_nl"], en=r["title_en"]), "date": r["date"]}
        for r in rows
    ]


@router.get(
    "/boundary-crossers",
    response_model=list[BoundaryCrosser],
    summary="People with roles on both the practice and the research side",
)
def boundary_crossers(driver: DriverDep, settings: SettingsDep) -> list[dict[str, Any]]:
    """Derived from roles, never asserted; ranked by betweenness between the two sides."""
    from kennisgraaf.queries.analytics.networks import boundary_crossers as crossers

    return [
        {**c.to_json(), "key": key_of(c.iri, settings.base_iri, "person")}
        for c in crossers(driver, settings.neo4j_database)
    ]
