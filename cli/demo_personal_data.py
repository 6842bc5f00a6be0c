"""The demo's look at personal data: a public trace that passes someone who did not consent to
be named, who appears by role ("a school leader at a school (VO) in Rotterdam"), never by name
(README "Personal data")."""

from __future__ import annotations

from neo4j import Driver
from rich.console import Console
from rich.tree import Tree

from kennisgraaf.api.person_roles import role_names
from kennisgraaf.cli.commands_queries import render_timeline
from kennisgraaf.queries.analytics.trace import Trace, trace_question
from kennisgraaf.queries.runner import read
from kennisgraaf.settings import Settings


def by_role(trace: Trace, roles: dict[str, str]) -> Trace:
    """The trace with each person shown by role named by that role."""
    for activities in trace.stages.values():
        for i, a in enumerate(activities):
            people = tuple(
                p.model_copy(update={"name": roles[p.iri]}) if p.iri in roles else p
                for p in a.people
            )
            activities[i] = a.model_copy(update={"people": people})
    for child in trace.raised:
        by_role(child, roles)
    return trace


def _people(trace: Trace) -> set[str]:
    found = {p.iri for s in trace.stages.values() for a in s for p in a.people}
    return found.union(*(_people(c) for c in trace.raised))


def show_restricted_trace(driver: Driver, settings: Settings, console: Console) -> None:
    """A question whose articulation involved a person shown by role only, traced publicly."""
    database = settings.neo4j_database
    rows = read(driver, database, "personal.questions_with_hidden_actor", limit=1)
    if not rows:
        return
    trace = trace_question(driver, database, rows[0]["iri"])
    roles = role_names(driver, database, _people(trace), "en")
    key = trace.iri.rsplit("/id/", 1)[-1]
    tree = Tree(f"[bold]public trace of {key}[/] — a restricted actor is shown by role only")
    render_timeline(by_role(trace, roles), tree)
    console.print(tree)
