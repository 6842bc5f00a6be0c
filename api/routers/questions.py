"""Knowledge questions: list with filters, detail, trace, evidence and researchers to meet.

The sub-resource routes come before the detail route: keys may hold slashes
(`kennisrotonde/KR123`), so `/questions/{key:path}` would otherwise swallow `…/trace`.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query

from kennisgraaf.api.deps import DriverDep, Limit, Offset, SettingsDep
from kennisgraaf.api.lookup import one_row, resolve, with_keys
from kennisgraaf.queries.analytics import resources as results
from kennisgraaf.queries.analytics.cycle import question_stages
from kennisgraaf.queries.analytics.evidence import EvidenceItem, evidence_for
from kennisgraaf.queries.analytics.matching import ResearcherMatch, researchers_for
from kennisgraaf.queries.analytics.resources import Page, QuestionDetail, QuestionSummary
from kennisgraaf.queries.analytics.rows import iri_candidates, words
from kennisgraaf.queries.analytics.trace import MAX_DEPTH, Trace, trace_question
from kennisgraaf.queries.runner import read

router = APIRouter(tags=["questions"])

Stage = Literal["articulation", "creation", "organisation", "sharing", "use"]
Key = Annotated[str, Path(description="the part of the question's IRI after {base}id/question/")]


@router.get("/questions", summary="Knowledge questions")
def list_questions(
    driver: DriverDep,
    settings: SettingsDep,
    sector: Annotated[str | None, Query(description="sector notation: PO, VO, MBO, …")] = None,
    theme: Annotated[str | None, Query(description="theme notation")] = None,
    network: Annotated[
        str | None, Query(description="key or IRI of the network it was articulated in")
    ] = None,
    stage: Annotated[Stage | None, Query(description="only questions that reached it")] = None,
    furthest: Annotated[
        Stage | None, Query(description="only questions it is the furthest stage of")
    ] = None,
    since: Annotated[dt.date | None, Query(description="articulated on or after")] = None,
    until: Annotated[dt.date | None, Query(description="articulated on or before")] = None,
    q: Annotated[str | None, Query(max_length=500, description="words the text must hold")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[QuestionSummary]:
    """Questions in IRI order. `stage` and `furthest` follow the cycle analytics: a question
    reaches a stage when that stage used it, a study of it, or a product made from either."""
    begin, end = (d.isoformat() if d else None for d in (since, until))
    among = None
    if stage or furthest:
        rows = question_stages(driver, settings.neo4j_database, begin, end)
        among = [
            r.iri
            for r in rows
            if (stage is None or r.dates[stage] is not None)
            and (furthest is None or r.furthest == furthest)
        ]
    network_iri = None
    if network:
        network_iri = (
            network
            if "://" in network
            else iri_candidates(settings.base_iri, "network", network)[0]
        )
    row = read(
        driver,
        settings.neo4j_database,
        "api.questions",
        sector=sector,
        theme=theme,
        network=network_iri,
        since=begin,
        until=end,
        words=words(q),
        among=among,
        offset=offset,
        limit=limit,
    )[0]
    items = [results.question_summary(i, settings.base_iri) for i in row["items"]]
    return Page[QuestionSummary](total=row["total"], limit=limit, offset=offset, items=items)


@router.get("/questions/{key:path}/trace", summary="A question's trace through the cycle")
def question_trace(
    key: Key,
    driver: DriverDep,
    settings: SettingsDep,
    depth: Annotated[int, Query(ge=0, le=MAX_DEPTH, description="levels of raised questions")] = 2,
) -> Trace:
    iri = resolve(driver, settings, "question", key)
    return trace_question(driver, settings.neo4j_database, iri, depth)


@router.get(
    "/questions/{key:path}/evidence",
    summary="Studies and products that address the question, strongest evidence first",
)
def question_evidence(
    key: Key,
    driver: DriverDep,
    settings: SettingsDep,
    limit: Annotated[int, Query(ge=1, le=1000)] = 20,
    themes: Annotated[bool, Query(description="also items that only share a theme")] = True,
) -> list[EvidenceItem]:
    iri = resolve(driver, settings, "question", key)
    return evidence_for(driver, settings.neo4j_database, iri, limit, themes=themes)


@router.get(
    "/questions/{key:path}/matches",
    summary="Ontmoet een onderzoeker: researchers best placed to help with the question",
)
def question_matches(
    key: Key,
    driver: DriverDep,
    settings: SettingsDep,
    limit: Annotated[int, Query(ge=1, le=1000)] = 10,
) -> list[ResearcherMatch]:
    iri = resolve(driver, settings, "question", key)
    found = researchers_for(driver, settings.neo4j_database, iri, limit)
    return with_keys(found, settings, "person")


@router.get("/questions/{key:path}", summary="One knowledge question")
def question_detail(key: Key, driver: DriverDep, settings: SettingsDep) -> QuestionDetail:
    iri = resolve(driver, settings, "question", key)
    row = one_row(driver, settings, "api.question", iri=iri)
    trace = trace_question(driver, settings.neo4j_database, iri, depth=0)
    return results.question_detail(row, trace, settings.base_iri)
