"""The Kennisrotonde's questions: which were answered, which were referred where, and how
often an earlier answer is reused.

A question counts as handled by the Kennisrotonde when a Kennisrotonde answer was made from it
or when its status says it was referred to an earlier answer, referred to another source or
routed to research (kg:referredTo names where to). The referral share is the part of those
questions answered by pointing at an earlier answer.
"""

from __future__ import annotations

from collections import Counter

from neo4j import Driver
from pydantic import Field

from kennisgraaf.queries.analytics.common import ID, Day, Result, notation, result_config
from kennisgraaf.queries.runner import read

EARLIER_ANSWER = "referred-to-earlier-answer"
REFERRALS = (EARLIER_ANSWER, "referred-to-other-source", "routed-to-research")


class ReferralTarget(Result):
    iri: str
    kind: str = Field(description="answer, study, grant or source")


class HandledQuestion(Result):
    model_config = result_config(
        {"iri": ID + "question/q45", "status": "referred-to-earlier-answer",
         "articulated": "2025-01-27", "asker_role": "intern-begeleider", "answers": [],
         "related": [], "referred_to": [{"iri": ID + "product/p11", "kind": "answer"}]}
    )  # fmt: skip
    iri: str
    status: str | None
    articulated: Day
    asker_role: str | None
    answers: tuple[str, ...] = Field(description="its Kennisrotonde answers and revisions")
    related: tuple[str, ...] = Field(description="products related to those answers")
    referred_to: tuple[ReferralTarget, ...]


class ReferralSummary(Result):
    questions: int = Field(description="questions the Kennisrotonde handled")
    by_status: dict[str, int]
    earlier_answer_share: float | None = Field(
        description="share of them referred to an earlier answer; null when there are none"
    )
    referred_share: float | None = Field(description="share referred or routed in any way")
    reuse: dict[str, int] = Field(description="earlier answer → how many questions it answered")


def handled_questions(driver: Driver, database: str) -> list[HandledQuestion]:
    rows = read(driver, database, "kennisrotonde.referrals")
    return [
        HandledQuestion(
            iri=r["iri"],
            status=notation(r["status"]) if r["status"] else None,
            articulated=r["articulated"],
            asker_role=notation(r["asker_role"]) if r["asker_role"] else None,
            answers=tuple(sorted(r["answers"])),
            related=tuple(r["related"]),
            referred_to=tuple(ReferralTarget(**t) for t in r["referred_to"]),
        )
        for r in rows
    ]


def referral_summary(questions: list[HandledQuestion]) -> ReferralSummary:
    """Counts per status, the referral shares and the reuse of each earlier answer."""
    statuses = Counter(q.status or "(none)" for q in questions)
    reuse = Counter(t.iri for q in questions if q.status == EARLIER_ANSWER for t in q.referred_to)
    total = len(questions)
    referred = sum(statuses[s] for s in REFERRALS)
    return ReferralSummary(
        questions=total,
        by_status=dict(sorted(statuses.items())),
        earlier_answer_share=statuses[EARLIER_ANSWER] / total if total else None,
        referred_share=referred / total if total else None,
        reuse=dict(sorted(reuse.items(), key=lambda kv: (-kv[1], kv[0]))),
    )


class Referrals(Result):
    summary: ReferralSummary
    questions: tuple[HandledQuestion, ...]


def referrals(driver: Driver, database: str) -> Referrals:
    """The handled questions with their summary."""
    questions = handled_questions(driver, database)
    return Referrals(summary=referral_summary(questions), questions=tuple(questions))
