"""Ontmoet een onderzoeker: the researchers best placed to help with a question or a teacher.

A researcher is a person holding at least one research-side role (org:Membership → org:role →
kg:roleSide side:research), as the role scheme says — never an asserted flag. For a question the
askers are the people who articulated it; for a person, that person, and the questions in focus
are those they articulated. The query `matching.researchers` gathers, per researcher:

* worked on the question — a creation or organisation they took part in used a question in focus
  (or a study of it);
* themes in common — themes of the studies and products they helped make, shared with the
  question's themes (a person's themes: those of what they asked, studied or made);
* related work — their studies and products whose activity used another question with one of
  those themes;
* shared networks — networks the question was articulated in, or an asker belongs to, that the
  researcher is a member of;
* distance — shortest path from an asker in the collaboration graph (prov:wasAssociatedWith,
  org:hasMember, org:member, org:organization), bounded to 4 steps: 2 = worked on the same
  activity or in the same network, 4 = one more step (same organisation, collaborator's partner).

Score = 4 if worked on the question + 2 per common theme + 1 per related work (at most 3)
+ 1 per shared network + (6 − distance) / 2 when within reach. Only researchers with a score
above 0 are listed; ties are broken by name.
"""

from __future__ import annotations

import logging
from typing import Any

from neo4j import Driver
from pydantic import Field

from kennisgraaf.errors import InputError
from kennisgraaf.queries.analytics.common import ID, Result, RoleAt, result_config, short
from kennisgraaf.queries.runner import check_limit, labels_of, read

log = logging.getLogger(__name__)


class MatchReason(Result):
    kind: str = Field(description="on_question | theme | related_work | network | distance")
    text: str
    items: tuple[str, ...] = Field(default=(), description="IRIs that support the reason")


class ResearcherMatch(Result):
    model_config = result_config(
        {"iri": ID + "person/hanna-mulder", "key": "hanna-mulder", "name": "Hanna Mulder",
         "score": 6.0, "distance": 2, "roles": [],
         "reasons": [{"kind": "theme", "text": "works on the theme citizenship (p10, s10)",
                      "items": [ID + "product/p10", ID + "study/s10"]}]}
    )  # fmt: skip
    iri: str
    key: str | None = Field(default=None, description="the part of the IRI after {base}id/person/")
    name: str | None
    score: float
    distance: int | None = Field(description="steps from an asker in the collaboration graph")
    roles: tuple[RoleAt, ...]
    reasons: tuple[MatchReason, ...]


def _reasons(row: dict[str, Any]) -> tuple[MatchReason, ...]:
    reasons: list[MatchReason] = []
    if row["on_question"]:
        items = tuple(sorted(row["on_question"]))
        text = "worked on this question: " + ", ".join(map(short, items))
        reasons.append(MatchReason(kind="on_question", text=text, items=items))
    for common in row["common_themes"]:
        items = tuple(common["items"])
        label = common["label"] or common["theme"]
        text = f"works on the theme {label} ({', '.join(map(short, items))})"
        reasons.append(MatchReason(kind="theme", text=text, items=items))
    for work in row["related_work"]:
        text = f"earlier work {short(work['item'])} on related question {short(work['question'])}"
        items = (work["item"], work["question"])
        reasons.append(MatchReason(kind="related_work", text=text, items=items))
    for network in row["shared_networks"]:
        text = f"member of the same network: {network['name'] or network['iri']}"
        reasons.append(MatchReason(kind="network", text=text, items=(network["iri"],)))
    if row["distance"] is not None:
        text = f"{row['distance']} steps away in the collaboration graph"
        reasons.append(MatchReason(kind="distance", text=text))
    return tuple(reasons)


def researchers_for(
    driver: Driver, database: str, iri: str, limit: int = 10
) -> list[ResearcherMatch]:
    """Researchers for a knowledge question or a person, best first (see the module docstring)."""
    check_limit(limit)
    labels = labels_of(driver, database, iri)
    if not labels & {"KnowledgeQuestion", "Person"}:
        raise InputError(f"{iri!r} is neither a knowledge question nor a person")
    rows = read(driver, database, "matching.researchers", iri=iri, limit=limit)
    log.debug("researchers for %s: %d matches", iri, len(rows))
    return [
        ResearcherMatch(
            iri=r["iri"],
            name=r["name"],
            score=float(r["score"]),
            roles=r["roles"],
            reasons=_reasons(r),
            distance=r["distance"],
        )
        for r in rows
    ]
