"""The seed's questions: which agenda activities and initiatives serve which functions and
sectors, and which functions nothing serves in a region.

The seed links the twelve agenda activities to functions (kg:servesFunction) and sectors
(kg:sector); its 48 initiatives carry only a title and a region (kg:region). So, with the seed
alone, no initiative serves any function and every region lacks all five. Networks (kg:Network,
e.g. the werkplaatsen of the sample) do carry functions and a region; `functions_without_initiative`
counts them as initiatives unless `networks=False`, and what sits in the national region
("Nederland" by default) counts for every region. Regions are compared as written.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from neo4j import Driver

from kennisgraaf.queries._run import read

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Server:
    """An agenda activity or initiative and what it serves."""

    iri: str
    kind: str  # SpecificActivity | StructuralExploration | Initiative
    title: str | None
    region: str | None
    functions: tuple[str, ...]  # notations in cycle order
    sectors: tuple[str, ...]


@dataclass(frozen=True)
class MatrixCell:
    function: str
    sector: str
    serving: tuple[str, ...]  # IRIs


@dataclass(frozen=True)
class RegionGap:
    region: str
    missing: tuple[str, ...]  # functions nothing in (or national to) the region serves
    served: tuple[str, ...]
    providers: tuple[str, ...]  # initiatives (and networks) located in the region

    def to_json(self) -> dict[str, Any]:
        return {k: list(v) if isinstance(v, tuple) else v for k, v in self.__dict__.items()}


def serving(
    driver: Driver, database: str, function: str | None = None, sector: str | None = None
) -> list[Server]:
    """Agenda activities and initiatives with their functions and sectors, optionally filtered."""
    rows = read(driver, database, "seed.serving", function=function, sector=sector)
    return [
        Server(
            r["iri"], r["kind"], r["title"], r["region"], tuple(r["functions"]), tuple(r["sectors"])
        )
        for r in rows
    ]


def function_sector_matrix(driver: Driver, database: str) -> list[MatrixCell]:
    """Every function × sector cell with what serves it (empty: a gap in the agenda)."""
    rows = read(driver, database, "seed.function_sector_matrix")
    return [MatrixCell(r["function"], r["sector"], tuple(r["serving"])) for r in rows]


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
    return [
        RegionGap(r["region"], tuple(r["missing"]), tuple(r["served"]), tuple(r["providers"]))
        for r in rows
    ]
