"""The NRO at a glance, for the cycle report and the home page: how the Kennisrotonde's questions
were handled (the referral share and the earlier answers reused most) and, per programme, its
grants, their outputs, the open-access share and how far the outputs got in sharing and use;
and, per province, the register's schools and how many of them are in a network (geography.py).

Only organisations' work is named here: no asker, no lead applicant (people appear on public
pages only with their consent, and these blocks need none of them).
"""

from __future__ import annotations

from neo4j import Driver
from pydantic import Field

from kennisgraaf.queries.analytics.common import Result
from kennisgraaf.queries.analytics.funding import GrantOutputs, follow_up, grant_outputs
from kennisgraaf.queries.analytics.geography import RegionCoverage, provinces
from kennisgraaf.queries.analytics.kennisrotonde import EARLIER_ANSWER, REFERRALS, referrals
from kennisgraaf.queries.analytics.rows import texts
from kennisgraaf.queries.runner import read

TOP_REUSED = 5  # earlier answers shown; the API's /analytics/kennisrotonde/referrals has all


class ReusedAnswer(Result):
    iri: str
    title: dict[str, str]
    questions: int = Field(description="questions referred to it")


class ReferralView(Result):
    questions: int = Field(description="questions the Kennisrotonde handled")
    answered: int = Field(description="answered by a Kennisrotonde answer of their own")
    earlier_answer: int
    other_source: int
    research: int = Field(description="routed to research")
    earlier_answer_share: float | None
    reused: tuple[ReusedAnswer, ...] = Field(description="the earlier answers reused most")


class ProgrammeView(Result):
    programme: str | None = Field(description="null for grants outside any programme")
    title: dict[str, str]
    grants: int
    outputs: int
    open: int = Field(description="outputs with open access (COAR)")
    open_share: float | None
    shared: int
    used: int


class NroOverview(Result):
    referrals: ReferralView
    programmes: tuple[ProgrammeView, ...]
    provinces: tuple[RegionCoverage, ...] = Field(
        default=(), description="the twelve provinces: the register's schools, in networks"
    )


def _titles(driver: Driver, database: str, iris: list[str]) -> dict[str, dict[str, str]]:
    rows = read(driver, database, "ld.names", iris=iris) if iris else []
    titles = {}
    for r in rows:
        props = r["props"]
        titles[r["iri"]] = texts(nl=props.get("dcterms_title@nl"), en=props.get("dcterms_title@en"))
    return titles


def referral_view(driver: Driver, database: str, top: int = TOP_REUSED) -> ReferralView:
    summary = referrals(driver, database).summary
    by_status = summary.by_status
    reused = list(summary.reuse.items())[:top]  # most reused first, then by IRI
    titles = _titles(driver, database, [iri for iri, _ in reused])
    return ReferralView(
        questions=summary.questions,
        answered=summary.questions - sum(by_status.get(s, 0) for s in REFERRALS),
        earlier_answer=by_status.get(EARLIER_ANSWER, 0),
        other_source=by_status.get(REFERRALS[1], 0),
        research=by_status.get(REFERRALS[2], 0),
        earlier_answer_share=summary.earlier_answer_share,
        reused=tuple(
            ReusedAnswer(iri=iri, title=titles.get(iri, {}), questions=n) for iri, n in reused
        ),
    )


def programme_views(grants: list[GrantOutputs]) -> list[ProgrammeView]:
    titles = {g.programme: g.programme_title for g in grants}
    views = []
    for row in follow_up(grants):
        outputs = {o.iri: o for g in grants if g.programme == row.programme for o in g.outputs}
        opened = sum(1 for o in outputs.values() if o.access == "open")
        views.append(
            ProgrammeView(
                programme=row.programme,
                title=titles[row.programme],
                grants=row.grants,
                outputs=row.outputs,
                open=opened,
                open_share=opened / row.outputs if row.outputs else None,
                shared=row.shared,
                used=row.used,
            )
        )
    return views


def nro_overview(driver: Driver, database: str) -> NroOverview:
    return NroOverview(
        referrals=referral_view(driver, database),
        programmes=tuple(programme_views(grant_outputs(driver, database))),
        provinces=tuple(provinces(driver, database)),
    )
