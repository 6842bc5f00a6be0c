"""Evidence for a question: the studies and knowledge products that address it or its themes.

Direct evidence follows the trace conventions of the ontology: studies whose creation used the
question, products whose organisation used the question or one of its studies, and the
(background) studies those products synthesise. With `themes`, studies and products that only
share one of the question's themes follow. Ranking (in the query `evidence.for_question`):
evidence strength (the kg:scaleValue of the evidence-strength concept, 0–5; items without one
last), then recency (date of the activity that generated the item), then direct before thematic.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any

from neo4j import Driver

from kennisgraaf.errors import InputError
from kennisgraaf.queries._run import check_limit, labels_of, read, to_date

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Evidence:
    iri: str
    kind: str  # "study" or "product"
    types: tuple[str, ...]  # the asserted classes, e.g. ("ResearchProject",)
    title: dict[str, str]  # by language tag
    strength: int | None  # 0–5 on the evidence-strength scale
    strength_label: str | None
    design: str | None  # notation of the study-design concept
    effect_size: float | None
    sample_size: int | None
    date: dt.date | None
    direct: bool  # linked to the question itself, not only through a theme
    reasons: tuple[str, ...]
    shared_themes: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            **self.__dict__,
            "types": list(self.types),
            "reasons": list(self.reasons),
            "shared_themes": list(self.shared_themes),
            "date": self.date.isoformat() if self.date else None,
        }


def _evidence(row: dict[str, Any]) -> Evidence:
    title = {lang: row[f"title_{lang}"] for lang in ("nl", "en") if row[f"title_{lang}"]}
    return Evidence(
        iri=row["iri"],
        kind=row["kind"],
        types=tuple(row["types"]),
        title=title,
        strength=row["strength"],
        strength_label=row["strength_label"],
        design=row["design"],
        effect_size=row["effect_size"],
        sample_size=row["sample_size"],
        date=to_date(row["date"]),
        direct=bool(row["direct"]),
        reasons=tuple(row["reasons"]),
        shared_themes=tuple(row["shared_themes"]),
    )


def evidence_for(
    driver: Driver, database: str, question_iri: str, limit: int = 20, *, themes: bool = True
) -> list[Evidence]:
    """Ranked evidence for the question; InputError when the IRI is not a knowledge question."""
    check_limit(limit)
    if "KnowledgeQuestion" not in labels_of(driver, database, question_iri):
        raise InputError(f"{question_iri!r} is not a knowledge question")
    rows = read(
        driver, database, "evidence.for_question", iri=question_iri, limit=limit, themes=themes
    )
    log.debug("evidence for %s: %d items", question_iri, len(rows))
    return [_evidence(r) for r in rows]
