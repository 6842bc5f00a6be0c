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
from dataclasses import dataclass
from typing import Any

from neo4j import Driver

from kennisgraaf.errors import InputError
from kennisgraaf.queries._run import check_limit, labels_of, read

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class HeldRole:
    role: str  # notation of the role concept, e.g. "lector"
    organisation: str
    organisation_name: str | None


@dataclass(frozen=True)
class Reason:
    kind: str  # on_question | theme | related_work | network | distance
    text: str
    items: tuple[str, ...] = ()  # IRIs that support the reason


@dataclass(frozen=True)
class Match:
    iri: str
    name: str | None
    score: float
    roles: tuple[HeldRole, ...]
    reasons: tuple[Reason, ...]
    distance: int | None

    def to_json(self) -> dict[str, Any]:
        return {
            "iri": self.iri,
            "name": self.name,
            "score": self.score,
            "distance": self.distance,
            "roles": [r.__dict__ for r in self.roles],
            "reasons": [{**r.__dict__, "items": list(r.items)} for r in self.reasons],
        }


def _short(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1]


def _reasons(row: dict[str, Any]) -> tuple[Reason, ...]:
    reasons: list[Reason] = []
    if row["on_question"]:
        items = tuple(sorted(row["on_question"]))
        reasons.append(
            Reason(
                "on_question", "worked on this question: " + ", ".join(map(_short, items)), items
            )
        )
    for common in row["common_themes"]:
        items = tuple(common["items"])
        label = common["label"] or common["theme"]
        text = f"works on the theme {label} ({', '.join(map(_short, items))})"
        reasons.append(Reason("theme", text, items))
    for work in row["related_work"]:
        text = f"earlier work {_short(work['item'])} on related question {_short(work['question'])}"
        reasons.append(Reason("related_work", text, (work["item"], work["question"])))
    for network in row["shared_networks"]:
        text = f"member of the same network: {network['name'] or network['iri']}"
        reasons.append(Reason("network", text, (network["iri"],)))
    if row["distance"] is not None:
        text = f"{row['distance']} steps away in the collaboration graph"
        reasons.append(Reason("distance", text))
    return tuple(reasons)


def researchers_for(driver: Driver, database: str, iri: str, limit: int = 10) -> list[Match]:
    """Researchers for a knowledge question or a person, best first (see the module docstring)."""
    check_limit(limit)
    labels = labels_of(driver, database, iri)
    if not labels & {"KnowledgeQuestion", "Person"}:
        raise InputError(f"{iri!r} is neither a knowledge question nor a person")
    rows = read(driver, database, "matching.researchers", iri=iri, limit=limit)
    log.debug("researchers for %s: %d matches", iri, len(rows))
    return [
        Match(
            iri=r["iri"],
            name=r["name"],
            score=float(r["score"]),
            roles=tuple(
                HeldRole(h["role"], h["organisation"], h["organisation_name"]) for h in r["roles"]
            ),
            reasons=_reasons(r),
            distance=r["distance"],
        )
        for r in rows
    ]
