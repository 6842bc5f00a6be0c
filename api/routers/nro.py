"""The NRO's records: what programmes and grants produced and how far it got, open access of
their outputs, the Kennisrotonde's referrals, research-agenda items and who took them up,
toolkit strands and the citation paths from a question to its studies."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query

from kennisgraaf.api.deps import DriverDep, SettingsDep
from kennisgraaf.api.lookup import resolve
from kennisgraaf.queries.analytics import agenda, funding, kennisrotonde, synthesis
from kennisgraaf.queries.analytics.agenda import AgendaItemRow
from kennisgraaf.queries.analytics.funding import AccessShare, GrantOutputs, ProgrammeFollowUp
from kennisgraaf.queries.analytics.kennisrotonde import Referrals
from kennisgraaf.queries.analytics.synthesis import CitationPath, ToolkitStrandRow

router = APIRouter(prefix="/analytics", tags=["analytics"])

Funded = Annotated[
    str | None, Query(description="IRI of a programme, call or grant (default every grant)")
]


@router.get("/funding", summary="Grants with their outputs and what became of them")
def grant_outputs(
    driver: DriverDep, settings: SettingsDep, iri: Funded = None
) -> list[GrantOutputs]:
    """Per grant: call, programme, lead applicant, partners, period, amount, and per output its
    access right and the sharings and uses of it (or, for a study, of a product made from it)."""
    return funding.grant_outputs(driver, settings.neo4j_database, iri)


@router.get("/funding/follow-up", summary="Per programme: grants, amount, outputs shared and used")
def follow_up(
    driver: DriverDep, settings: SettingsDep, iri: Funded = None
) -> list[ProgrammeFollowUp]:
    grants = funding.grant_outputs(driver, settings.neo4j_database, iri)
    return funding.follow_up(grants)


@router.get("/open-access", summary="Open-access share of funded outputs")
def open_access(
    driver: DriverDep,
    settings: SettingsDep,
    by: Annotated[
        Literal["programme", "sector"],
        Query(description="per programme, or per sector of the grants' partners"),
    ] = "programme",
) -> list[AccessShare]:
    return funding.open_access(driver, settings.neo4j_database, by)


@router.get("/kennisrotonde/referrals", summary="Kennisrotonde questions: answered or referred")
def referrals(driver: DriverDep, settings: SettingsDep) -> Referrals:
    """Every question the Kennisrotonde handled, what it was referred to, the share referred to
    an earlier answer and how often each earlier answer was reused."""
    return kennisrotonde.referrals(driver, settings.neo4j_database)


@router.get(
    "/agenda", summary="Research-agenda items, the questions behind them and who took them up"
)
def agenda_items(
    driver: DriverDep,
    settings: SettingsDep,
    iri: Annotated[
        str | None, Query(description="IRI of one research agenda (default every agenda)")
    ] = None,
) -> list[AgendaItemRow]:
    return agenda.agenda_items(driver, settings.neo4j_database, iri)


@router.get("/toolkit", summary="Toolkit strands with the answers and studies behind them")
def toolkit(driver: DriverDep, settings: SettingsDep) -> list[ToolkitStrandRow]:
    return synthesis.toolkit_strands(driver, settings.neo4j_database)


@router.get(
    "/citation-paths/{key:path}",
    summary="Citation and synthesis paths from a question's answers to the studies at their end",
)
def citation_paths(
    key: Annotated[
        str, Path(description="the part of the question's IRI after {base}id/question/")
    ],
    driver: DriverDep,
    settings: SettingsDep,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> list[CitationPath]:
    iri = resolve(driver, settings, "question", key)
    return synthesis.citation_paths(driver, settings.neo4j_database, iri, limit)
