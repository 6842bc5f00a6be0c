"""Synthesis: toolkit strands with what stands behind them, and the citation and synthesis
paths from a practice question to the studies at their end.

A path starts at a knowledge product that answers the question (or a later revision of one)
and follows kg:buildsOn, kg:synthesises, cito:cites and cito:reviews until it reaches a study
that links to nothing further — usually a primary study.
"""

from __future__ import annotations

from neo4j import Driver
from pydantic import Field

from kennisgraaf.errors import InputError
from kennisgraaf.queries.analytics.common import ID, Result, notation, result_config
from kennisgraaf.queries.analytics.rows import texts
from kennisgraaf.queries.runner import check_limit, labels_of, read


class ToolkitStrandRow(Result):
    model_config = result_config(
        {"iri": ID + "product/t01", "title": {"en": "Feedback and formative assessment"},
         "impact_months": 6.0, "cost_rating": 1, "number_of_studies": 48, "strength": 4,
         "answers": [ID + "product/p44"],
         "studies": [ID + "study/doi/10.5555/kg-sample.r01"]}
    )  # fmt: skip
    iri: str
    title: dict[str, str]
    impact_months: float | None = Field(description="average months of extra progress")
    cost_rating: int | None = Field(description="1 (very low) to 5 (very high)")
    number_of_studies: int | None
    strength: int | None = Field(description="0–5 on the evidence-strength scale")
    answers: tuple[str, ...] = Field(description="Kennisrotonde answers that build on it")
    studies: tuple[str, ...] = Field(description="studies used, synthesised, cited or reviewed")


class CitationPath(Result):
    model_config = result_config(
        {"answer": ID + "product/p11", "start": ID + "product/p11r",
         "nodes": [ID + "product/p11r", ID + "product/t02",
                   ID + "study/doi/10.5555/kg-sample.sb04"],
         "links": ["buildsOn", "synthesises"], "study": ID + "study/doi/10.5555/kg-sample.sb04",
         "design": "rct", "hops": 2}
    )  # fmt: skip
    answer: str = Field(description="the product that answers the question")
    start: str = Field(description="where the path starts: the answer or a later revision of it")
    nodes: tuple[str, ...]
    links: tuple[str, ...] = Field(description="relationship types along the path")
    study: str = Field(description="the study at the end")
    design: str | None
    hops: int


def toolkit_strands(driver: Driver, database: str) -> list[ToolkitStrandRow]:
    rows = read(driver, database, "toolkit.strands")
    return [
        ToolkitStrandRow(
            **{k: r[k] for k in ("iri", "impact_months", "cost_rating", "number_of_studies")},
            title=texts(nl=r["title_nl"], en=r["title_en"]),
            strength=r["strength"] if isinstance(r["strength"], int) else None,
            answers=tuple(r["answers"]),
            studies=tuple(r["studies"]),
        )
        for r in rows
    ]


def citation_paths(
    driver: Driver, database: str, question_iri: str, limit: int = 100
) -> list[CitationPath]:
    """Paths from the question's answers to the studies at their end, shortest first."""
    check_limit(limit)
    if "KnowledgeQuestion" not in labels_of(driver, database, question_iri):
        raise InputError(f"{question_iri!r} is not a knowledge question")
    rows = read(driver, database, "evidence.citation_paths", iri=question_iri, limit=limit)
    return [
        CitationPath(
            **{k: r[k] for k in ("answer", "start", "study", "hops")},
            nodes=tuple(r["nodes"]),
            links=tuple(r["links"]),
            design=notation(r["design"]) if r["design"] else None,
        )
        for r in rows
    ]


def end_studies(paths: list[CitationPath]) -> list[str]:
    """The distinct studies the paths end at, in IRI order."""
    return sorted({p.study for p in paths})
