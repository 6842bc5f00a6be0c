"""Knowledge questions: list with filters, detail, trace, evidence and researchers to meet.

The sub-resource routes come before the detail route: keys may hold slashes
(`kennisrotonde/KR123`), so `/questions/{key:path}` would otherwise swallow `…/trace`.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query

from kennisgraaf.api.deps import DriverDep, Limit, Offset, SettingsDep
from kennisgraaf.api.graphdata import (
    concept,
    date,
    iri_candidates,
    key_of,
    named,
    notation,
    texts,
    words,
)
from kennisgraaf.api.lookup import one_row, resolve
from kennisgraaf.api.models import (
    EvidenceItem,
    Page,
    QuestionDetail,
    QuestionSummary,
    ResearcherMatch,
    Trace,
)
from kennisgraaf.queries._run import read
from kennisgraaf.queries.analytics.trace import MAX_DEPTH, trace_question

router = APIRouter(tags=["questions"])

Stage = Literal["articulation", "creation", "organisation", "sharing", "use"]
Key = Annotated[str, Path(description="the part of the question's IRI after {base}id/question/")]


@router.get("/questions", response_model=Page[QuestionSummary], summary="Knowledge questions")
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
) -> dict[str, Any]:
    """Questions in IRI order. `stage` and `furthest` follow the cycle analytics: a question
    reaches a stage when that stage used it, a study of it, or a product made from either."""
    begin, end = (d.isoformat() if d else None for d in (since, until))
    among = None
    if stage or furthest:
        from kennisgraaf.queries.analytics.cycle import question_stages

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
    items = [_summary(i, settings.base_iri) for i in row["items"]]
    return {"total": row["total"], "limit": limit, "offset": offset, "items": items}


def _summary(row: dict[str, Any], base: str) -> dict[str, Any]:
    return {
        "iri": row["iri"],
        "key": key_of(row["iri"], base, "question"),
        "text": texts(nl=row["text_nl"], en=row["text_en"]),
        "status": notation(row["status"]) if row["status"] else None,
        "sectors": [notation(s) for s in row["sectors"]],
        "themes": [notation(t) for t in row["themes"]],
        "articulated": date(row["articulated"]),
    }


@router.get(
    "/questions/{key:path}/trace",
    response_model=Trace,
    summary="A question's trace through the cycle",
)
def question_trace(
    key: Key,
    driver: DriverDep,
    settings: SettingsDep,
    depth: Annotated[int, Query(ge=0, le=MAX_DEPTH, description="levels of raised questions")] = 2,
) -> dict[str, Any]:
    iri = resolve(driver, settings, "question", key)
    return trace_question(driver, settings.neo4j_database, iri, depth).to_json()


@router.get(
    "/questions/{key:path}/evidence",
    response_model=list[EvidenceItem],
    summary="Studies and products that address the question, strongest evidence first",
)
def question_evidence(
    key: Key,
    driver: DriverDep,
    settings: SettingsDep,
    limit: Annotated[int, Query(ge=1, le=1000)] = 20,
    themes: Annotated[bool, Query(description="also items that only share a theme")] = True,
) -> list[dict[str, Any]]:
    from kennisgraaf.queries.analytics.evidence import evidence_for

    iri = resolve(driver, settings, "question", key)
    found = evidence_for(driver, settings.neo4j_database, iri, limit, themes=themes)
    return [e.to_json() for e in found]


@router.get(
    "/questions/{key:path}/matches",
    response_model=list[ResearcherMatch],
    summary="Ontmoet een onderzoeker: researchers best placed to help with the question",
)
def question_matches(
    key: Key,
    driver: DriverDep,
    settings: SettingsDep,
    limit: Annotated[int, Query(ge=1, le=1000)] = 10,
) -> list[dict[str, Any]]:
    from kennisgraaf.queries.analytics.matching import researchers_for

    iri = resolve(driver, settings, "question", key)
    found = researchers_for(driver, settings.neo4j_database, iri, limit)
    return [{**m.to_json(), "key": key_of(m.iri, settings.base_iri, "person")} for m in found]


@router.get(
    "/questions/{key:path}", response_model=QuestionDetail, summary="One knowledge question"
)
def question_detail(key: Key, driver: DriverDep, settings: SettingsDep) -> dict[str, Any]:
    iri = resolve(driver, settings, "question", key)
    row = one_row(driver, settings, "api.question", iri=iri)
    trace = trace_question(driver, settings.neo4j_database, iri, depth=0)
    return {
        "iri": iri,
        "key": key_of(iri, settings.base_iri, "question"),
        "text": texts(nl=row["text_nl"], en=row["text_en"]),
        "status": concept(row["status"]),
        "sectors": [concept(c) for c in row["sectors"]],
        "themes": [concept(c) for c in row["themes"]],
        "articulations": [
            {
                "iri": a["iri"],
                "date": date(a["date"]),
                "people": [named(p) for p in a["people"]],
                "organisations": [named(o) for o in a["organisations"]],
                "where": [named(w) for w in a["where"]],
                "informed_by": a["informed_by"],
            }
            for a in row["articulations"]
        ],
        "refines": row["refines"],
        "refined_by": row["refined_by"],
        "reached": trace.reached,
        "missing": trace.missing,
        "lead_time_days": trace.lead_time_days,
        "studies": sorted({i for a in trace.stages["creation"] for i in a.generated}),
        "products": sorted({i for a in trace.stages["organisation"] for i in a.generated}),
    }
