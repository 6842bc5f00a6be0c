"""Where the cycle breaks: funnel, lead times, stalled questions, unshared studies, unused
products; and the networks: boundary crossers between practice and research, communities,
bridges between sectors, the coverage of regions by networks, and the register's schools per
province and municipality in networks and functions (geography)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from fastapi import APIRouter, Query

from kennisgraaf.api.deps import DriverDep, SettingsDep
from kennisgraaf.api.errors import ApiError
from kennisgraaf.api.lookup import with_keys
from kennisgraaf.queries.analytics import cycle, geography, networks
from kennisgraaf.queries.analytics.cycle import BreakItem, Funnel, LeadTimes, Stalled
from kennisgraaf.queries.analytics.geography import ProvinceDetail, RegionCoverage, Unplaced
from kennisgraaf.queries.analytics.networks import (
    BoundaryCrosser,
    Community,
    Coverage,
    SectorBridge,
)
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


@router.get("/communities", summary="Communities of the collaboration graph, largest first")
def communities(driver: DriverDep, settings: SettingsDep) -> list[Community]:
    """People, organisations, networks and activities that work with each other more than with
    the rest (greedy modularity on the projection); every node is in exactly one community."""
    return networks.communities(driver, settings.neo4j_database)


@router.get("/sector-bridges", summary="Who lies between the sectors, best bridge first")
def sector_bridges(
    driver: DriverDep,
    settings: SettingsDep,
    kind: Annotated[
        list[Literal["person", "organisation", "network"]] | None,
        Query(description="only bridges of these kinds (repeatable; default all three)"),
    ] = None,
) -> list[SectorBridge]:
    """Scored by the share of shortest paths between the organisations and networks of two
    sectors that pass through them, summed over the pairs of sectors."""
    return networks.sector_bridges(
        driver, settings.neo4j_database, kinds=tuple(kind or networks.BRIDGE_KINDS)
    )


@router.get("/coverage", summary="Networks serving each region × sector × function")
def coverage(
    driver: DriverDep,
    settings: SettingsDep,
    region: Annotated[
        list[str] | None,
        Query(
            description="regions to map (repeatable; default every region in the graph): a "
            "place as written, or a CBS code or region name (PV25, Gelderland), which takes in "
            "the regions below it"
        ),
    ] = None,
) -> Coverage:
    """Each cell names the networks of the region (or a region below it) that serve the sector
    and the function, and which of them are werkplaatsen; with the gaps where no werkplaats
    serves a sector, and per coded region the functions no initiative or network there serves."""
    return networks.coverage(driver, settings.neo4j_database, region)


# --- geography: the register's schools per province and municipality -----------------------

GEOGRAPHY_NOTE = (
    " Schools are the school locations of the DUO register (not its institutions or boards);"
    " a network counts for a location when it names the location, its BRIN institution or its"
    " board as a member."
)


@router.get(
    "/geography/provinces",
    summary="Per province: the register's schools, and those in networks, sharing, each function",
    description="The twelve provinces (or the one asked), each with the number of schools in "
    "the register (the denominator), the schools in a network, in a network that shares "
    "research (function sharing) and in a network serving each of the five functions, with "
    "their shares." + GEOGRAPHY_NOTE,
)
def geography_provinces(
    driver: DriverDep,
    settings: SettingsDep,
    province: Annotated[
        str | None,
        Query(max_length=100, description="one province: CBS code or name (PV29, Zeeland)"),
    ] = None,
) -> list[RegionCoverage]:
    return geography.provinces(driver, settings.neo4j_database, province)


@router.get(
    "/geography/provinces/{province}",
    summary="One province's school coverage, with each of its municipalities",
    description="The province by CBS code or name (PV29, Zeeland, any case)." + GEOGRAPHY_NOTE,
    responses={404: {"description": "no province bears that code or name"}},
)
def geography_province(driver: DriverDep, settings: SettingsDep, province: str) -> ProvinceDetail:
    found = geography.province_detail(driver, settings.neo4j_database, province[:100])
    if found is None:
        raise ApiError(404, "not-found", f"no province with CBS code or name {province!r}")
    return found


@router.get(
    "/geography/unplaced",
    summary="School locations in a region no province holds (left out of the province figures)",
)
def geography_unplaced(driver: DriverDep, settings: SettingsDep) -> list[Unplaced]:
    return geography.unplaced(driver, settings.neo4j_database)
