"""Evidence for a question: the studies and knowledge products that address it or its themes.

Direct evidence follows the trace conventions of the ontology: studies whose creation used the
question, products whose organisation used the question or one of its studies, and the
(background) studies those products synthesise. With `themes`, studies and products that only
share one of the question's themes follow. Ranking (in the query `evidence.for_question`):
evidence strength (the kg:scaleValue of the evidence-strength concept, 0–5; items without one
last), then recency (date of the activity that generated the item), then direct before thematic.
"""

from __future__ import annotations

import logging
from typing import Any

from neo4j import Driver
from pydantic import Field

from kennisgraaf.errors import InputError
from kennisgraaf.queries.analytics.common import ID, Day, Result, result_config
from kennisgraaf.queries.runner import check_limit, labels_of, read

log = logging.getLogger(__name__)


class EvidenceItem(Result):
    model_config = result_config(
        {"iri": ID + "study/doi/10.5555/kg-sample.s01", "kind": "study",
         "types": ["ResearchProject"], "title": {"en": "Explicit strategy instruction …"},
         "strength": 4, "strength_label": "strong", "design": "rct", "effect_size": 0.23,
         "sample_size": 1240, "date": "2021-06-30", "direct": True,
         "reasons": ["studies the question"], "shared_themes": ["curriculum-and-pedagogy"]}
    )  # fmt: skip
    iri: str
    kind: str = Field(description="study or product")
    types: tuple[str, ...] = Field(description="the asserted classes, e.g. ResearchProject")
    title: dict[str, str] = Field(description="by language tag")
    strength: int | None = Field(description="0–5 on the evidence-strength scale")
    strength_label: str | None
    design: str | None = Field(description="notation of the study-design concept")
    effect_size: float | None
    sample_size: int | None
    date: Day = Field(description="date of the activity that made it")
    direct: bool = Field(description="linked to the question itself, not only through a theme")
    reasons: tuple[str, ...]
    shared_themes: tuple[str, ...]


def _evidence(row: dict[str, Any]) -> EvidenceItem:
    title = {lang: row[f"title_{lang}"] for lang in ("nl", "en") if row[f"title_{lang}"]}
    return EvidenceItem(**row, title=title)


def evidence_for(
    driver: Driver, database: str, question_iri: str, limit: int = 20, *, themes: bool = True
) -> list[EvidenceItem]:
    """Ranked evidence for the question; InputError when the IRI is not a knowledge question."""
    check_limit(limit)
    if "KnowledgeQuestion" not in labels_of(driver, database, question_iri):
        raise InputError(f"{question_iri!r} is not a knowledge question")
    rows = read(
        driver, database, "evidence.for_question", iri=question_iri, limit=limit, themes=themes
    )
    log.debug("evidence for %s: %d items", question_iri, len(rows))
    return [_evidence(r) for r in rows]
