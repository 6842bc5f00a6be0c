"""The seed's questions: which agenda activities and initiatives serve which functions and
sectors, and which functions nothing serves in a region.

The seed links the twelve agenda activities to functions (kg:servesFunction) and sectors
(kg:sector), and those of its 48 initiatives the document types (15 with functions) too; places
are compared here as written (kg:region). `networks.coverage_by_region` follows the coded
regions and their hierarchy instead (kennisgraaf.queries.analytics.networks). Networks (kg:Network,
e.g. the werkplaatsen of the sample) do carry functions and a region; `functions_without_initiative`
counts them as initiatives unless `networks=False`, and what sits in the national region
("Nederland" by default) counts for every region. Regions are compared as written.
"""

from __future__ import annotations

import logging

from neo4j import Driver
from pydantic import Field

from kennisgraaf.queries.analytics.common import Result
from kennisgraaf.queries.runner import read

log = logging.getLogger(__name__)


class Server(Result):
    """An agenda activity or initiative and what it serves."""

    iri: str
    kind: str = Field(description="SpecificActivity | StructuralExploration | Initiative")
    title: str | None
    region: str | None
    functions: tuple[str, ...] = Field(description="notations in cycle order")
    sectors: tuple[str, ...]


class MatrixCell(Result):
    function: str
    sector: str
    serving: tuple[str, ...] = Field(description="IRIs of what serves the cell")


class RegionGap(Result):
    region: str
    missing: tuple[str, ...] = Field(
        description="functions nothing in (or national to) the region serves"
    )
    served: tuple[str, ...]
    providers: tuple[str, ...] = Field(
        description="initiatives (and networks) located in the region"
    )


def serving(
    driver: Driver, database: str, function: str | None = None, sector: str | None = None
) -> list[Server]:
    """Agenda activities and initiatives with their functions and sectors, optionally filtered."""
    rows = read(driver, database, "seed.serving", function=function, sector=sector)
    return [Server(**r) for r in rows]


def function_sector_matrix(driver: Driver, database: str) -> list[MatrixCell]:
    """Every function × sector cell with what serves it (empty: a gap in the agenda)."""
    rows = read(driver, database, "seed.function_sector_matrix")
    return [MatrixCell(**r) for r in rows]


def functions_without_initiative(
    driver: Driver,
    database: str,
    region: str | None = None,
    *,
    networks: bool = True,
    national: str | None = "Nederland",
) -> list[RegionGap]:
    """Per region, the functions that no initiative (or network) there or nationally serves."""
    rows = read(
        driver,
        database,
        "seed.functions_without_initiative",
        region=region,
        networks=networks,
        national=national,
    )
    log.debug("functions without initiative: %d regions", len(rows))
    return [RegionGap(**r) for r in rows]
