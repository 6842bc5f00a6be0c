"""Research agendas: which questions fed each item, and which programmes, calls, grants or
studies took it up (with the grants under a programme or call that did)."""

from __future__ import annotations

from neo4j import Driver
from pydantic import Field

from kennisgraaf.errors import InputError
from kennisgraaf.queries.analytics.common import ID, Result, notation, result_config
from kennisgraaf.queries.analytics.rows import texts
from kennisgraaf.queries.runner import labels_of, read


class FeedingQuestion(Result):
    iri: str
    status: str | None


class Taker(Result):
    iri: str
    kind: str = Field(description="programme, call, grant or study")


class AgendaItemRow(Result):
    model_config = result_config(
        {"agenda": ID + "agenda/kennisagenda", "agenda_title": {"nl": "Kennisagenda"},
         "agenda_kind": "kennisagenda", "item": ID + "agenda-item/feedback",
         "title": {"nl": "Feedback en formatief toetsen"},
         "questions": [{"iri": ID + "question/q44", "status": "answered"}],
         "taken_up_by": [{"iri": ID + "grant/nro/40.5.21502.004", "kind": "grant"}],
         "grants": [ID + "grant/nro/40.5.21502.004"]}
    )  # fmt: skip
    agenda: str
    agenda_title: dict[str, str]
    agenda_kind: str | None
    item: str
    title: dict[str, str]
    questions: tuple[FeedingQuestion, ...] = Field(description="questions that fed the item")
    taken_up_by: tuple[Taker, ...]
    grants: tuple[str, ...] = Field(description="grants that took it up, directly or by programme")

    @property
    def open(self) -> bool:
        """Nothing took the item up yet."""
        return not self.taken_up_by


def agenda_items(driver: Driver, database: str, agenda: str | None = None) -> list[AgendaItemRow]:
    """The items of every research agenda, or of one; InputError when `agenda` is none."""
    if agenda is not None and "ResearchAgenda" not in labels_of(driver, database, agenda):
        raise InputError(f"{agenda!r} is not a research agenda")
    rows = read(driver, database, "agenda.items", agenda=agenda)
    return [
        AgendaItemRow(
            agenda=r["agenda"],
            agenda_title=texts(nl=r["agenda_title_nl"], en=r["agenda_title_en"]),
            agenda_kind=notation(r["agenda_kind"]) if r["agenda_kind"] else None,
            item=r["item"],
            title=texts(nl=r["title_nl"], en=r["title_en"]),
            questions=tuple(
                FeedingQuestion(iri=q["iri"], status=notation(q["status"]) if q["status"] else None)
                for q in r["questions"]
            ),
            taken_up_by=tuple(Taker(**t) for t in r["taken_up_by"]),
            grants=tuple(r["grants"]),
        )
        for r in rows
    ]
