"""Where the cycle breaks: funnel, lead times, stalled questions, unshared studies, unused
products, and the boundary crossers between practice and research."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from fastapi import APIRouter, Query

from kennisgraaf.api.deps import DriverDep, SettingsDep
from kennisgraaf.api.lookup import with_keys
from kennisgraaf.queries.analytics import cycle
from kennisgraaf.queries.analytics.cycle import BreakItem, Funnel, LeadTimes, Stalled
from kennisgraaf.queries.analytics.networks import BoundaryCrosser
from kennisgraaf.queries.analytics.networks import boundary_crossers as crossers

router = APIRouter(prefix="/analytics", tags=["analytics"])

Since = Annotated[dt.date | None, Query(description="questions articulated on or after")]
Until = Annotated[dt.date | None, Query(description="questions articulated on or before")]


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


@router.get("/funnel", summary="Questions reaching each stage of the cycle")
def funnel(
    driver: DriverDep,
    settings: SettingsDep,
    by: Annotated[
        Literal["sector", "theme", "network", "region", "year"] | None,
        Query(description="group by; a question in two groups counts in both"),
    ] = None,
    since: Since = None,
    until: Until = None,
) -> Funnel:
    rows = cycle.question_stages(driver, settings.neo4j_database, _iso(since), _iso(until))
    return Funnel.of(rows, by)


@router.get("/lead-times", summary="Days from articulation to each stage")
def lead_times(
    driver: DriverDep, settings: SettingsDep, since: Since = None, until: Until = None
) -> LeadTimes:
    rows = cycle.question_stages(driver, settings.neo4j_database, _iso(since), _iso(until))
    return LeadTimes(stages=cycle.lead_times(rows))


@router.get(
    "/stalled", summary="Open questions older than `days` with neither a study nor an answer"
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
) -> Stalled:
    found = Stalled.of(
        cycle.question_stages(driver, settings.neo4j_database), days, today or dt.date.today()
    )
    return found.model_copy(update={"items": with_keys(found.items, settings, "question")})


@router.get("/studies-never-shared", summary="Studies that no sharing used")
def studies_never_shared(driver: DriverDep, settings: SettingsDep) -> list[BreakItem]:
    return cycle.studies_never_shared(driver, settings.neo4j_database)


@router.get("/products-never-used", summary="Products that no use used")
def products_never_used(driver: DriverDep, settings: SettingsDep) -> list[BreakItem]:
    return cycle.products_never_used(driver, settings.neo4j_database)


@router.get(
    "/boundary-crossers", summary="People with roles on both the practice and the research side"
)
def boundary_crossers(driver: DriverDep, settings: SettingsDep) -> list[BoundaryCrosser]:
    """Derived from roles, never asserted; ranked by betweenness between the two sides."""
    return with_keys(crossers(driver, settings.neo4j_database), settings, "person")
