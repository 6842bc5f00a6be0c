"""CLI commands over the NRO's records (`kennisgraaf nro …`): grants and their outputs, open
access, Kennisrotonde referrals, agenda items, toolkit strands and citation paths. Each prints
a table, or with --json the API's JSON."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from kennisgraaf.cli.commands_queries import AsJson, _analyse, _question_iri, console
from kennisgraaf.errors import InputError
from kennisgraaf.queries.analytics import agenda, funding, kennisrotonde, synthesis
from kennisgraaf.queries.analytics.common import short


def _table(title: str, columns: tuple[str, ...], rows: list[list[str]]) -> None:
    table = Table(title=title)
    for col in columns:
        table.add_column(col, overflow="fold")
    for row in rows:
        table.add_row(*row)
    console.print(table)


def _names(iris: tuple[str, ...]) -> str:
    return ", ".join(map(short, iris)) or "-"


def outputs(
    iri: Annotated[
        str | None, typer.Argument(help="IRI of a programme, call or grant (default all).")
    ] = None,
    as_json: AsJson = False,
) -> None:
    """Grants with their outputs, and how far each output got (shared, used)."""
    found = _analyse(lambda d, db: funding.grant_outputs(d, db, iri), as_json)
    if found is None:
        return
    rows = [
        [g.project_number or short(g.grant), short(g.programme or "-"), o.kind + " " + short(o.iri),
         o.access or "?", _names(o.sharings), _names(o.uses)]
        for g in found for o in g.outputs
    ]  # fmt: skip
    _table("grants and their outputs", ("grant", "programme", "output", "access", "shared",
                                        "used"), rows)  # fmt: skip
    for f in funding.follow_up(found):
        console.print(
            f"{short(f.programme or '-')}: {f.grants} grants, EUR {f.amount:,.0f}, "
            f"{f.outputs} outputs, {f.shared} shared, {f.used} used"
        )


def open_access(
    by: Annotated[str, typer.Option(help="programme or sector")] = "programme",
    as_json: AsJson = False,
) -> None:
    """Open-access share of funded outputs per programme or per sector of the partners."""
    if by not in funding.GROUPINGS:
        raise InputError(f"--by takes programme or sector, not {by!r}")
    found = _analyse(lambda d, db: funding.open_access(d, db, by), as_json)
    if found is None:
        return
    rows = [
        [short(a.group), str(a.outputs), str(a.open), str(a.embargoed), str(a.restricted),
         str(a.metadata_only), str(a.unknown), f"{a.share:.0%}"]
        for a in found
    ]  # fmt: skip
    _table(f"open access by {by}", (by, "outputs", "open", "embargoed", "restricted",
                                    "metadata only", "unknown", "share"), rows)  # fmt: skip


def referrals(as_json: AsJson = False) -> None:
    """Questions the Kennisrotonde handled: answered, referred to an earlier answer or another
    source, or routed to research; with the referral share and the reuse of earlier answers."""
    found = _analyse(kennisrotonde.referrals, as_json)
    if found is None:
        return
    rows = [
        [short(q.iri), q.status or "-", _names(q.answers),
         ", ".join(f"{t.kind} {short(t.iri)}" for t in q.referred_to) or "-"]
        for q in found.questions
    ]  # fmt: skip
    _table("Kennisrotonde questions", ("question", "status", "answers", "referred to"), rows)
    s = found.summary
    share = f"{s.earlier_answer_share:.0%}" if s.earlier_answer_share is not None else "-"
    console.print(f"{s.questions} questions; referred to an earlier answer: {share}")
    for answer, times in s.reuse.items():
        console.print(f"  {short(answer)} reused {times}×")


def agenda_items(
    iri: Annotated[str | None, typer.Argument(help="IRI of one research agenda.")] = None,
    as_json: AsJson = False,
) -> None:
    """Agenda items, the questions that fed them and the programmes and grants that took
    them up."""
    found = _analyse(lambda d, db: agenda.agenda_items(d, db, iri), as_json)
    if found is None:
        return
    rows = [
        [short(i.item), ", ".join(f"{short(q.iri)} ({q.status})" for q in i.questions) or "-",
         ", ".join(f"{t.kind} {short(t.iri)}" for t in i.taken_up_by) or "-", _names(i.grants)]
        for i in found
    ]  # fmt: skip
    _table("agenda items", ("item", "fed by", "taken up by", "grants"), rows)


def toolkit(as_json: AsJson = False) -> None:
    """Toolkit strands with impact, cost and strength, and the answers and studies behind them."""
    found = _analyse(synthesis.toolkit_strands, as_json)
    if found is None:
        return
    rows = [
        [short(t.iri), t.title.get("nl") or t.title.get("en") or "-",
         "-" if t.impact_months is None else f"{t.impact_months:+.1f}",
         str(t.cost_rating or "-"), str(t.number_of_studies or "-"), str(t.strength or "-"),
         _names(t.answers), _names(t.studies)]
        for t in found
    ]  # fmt: skip
    _table("toolkit strands", ("strand", "title", "months", "cost", "n studies", "strength",
                               "answers", "studies"), rows)  # fmt: skip


def citations(
    question: Annotated[str, typer.Argument(help="Question IRI, or its key (e.g. q44).")],
    limit: Annotated[int, typer.Option(help="Paths at most.")] = 100,
    as_json: AsJson = False,
) -> None:
    """Citation and synthesis paths from the question's answers to the studies at their end."""
    iri = _question_iri(question)
    found = _analyse(lambda d, db: synthesis.citation_paths(d, db, iri, limit), as_json)
    if found is None:
        return
    rows = [
        [" → ".join(short(n) for n in p.nodes), " ".join(p.links), p.design or "-"] for p in found
    ]
    _table(f"citation paths of {short(iri)}", ("path", "links", "design at the end"), rows)
