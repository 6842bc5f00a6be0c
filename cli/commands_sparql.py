"""`kennisgraaf sparql …`: the SPARQL projection's repair: compare it with a rebuild, rebuild."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer
from rich.console import Console

from kennisgraaf.graph.connection import open_driver
from kennisgraaf.settings import get_settings

if TYPE_CHECKING:
    from neo4j import Driver

    from kennisgraaf.sparql.store import DerivedStore

console = Console()
sparql_app = typer.Typer(help="The SPARQL projection the endpoint queries (derived from Neo4j).")


def _store() -> tuple[Driver, DerivedStore]:
    from kennisgraaf.sparql.store import store_for

    s = get_settings()
    driver = open_driver(s)
    return driver, store_for(s, driver)


@sparql_app.command()
def rebuild() -> None:
    """Rebuild the projection from the whole graph (what the API's workers then query)."""
    driver, store = _store()
    with driver:
        generation = store.rebuild()
    console.print(
        f"rebuilt {generation.path.name}: {generation.triples} triples "
        f"in {generation.build_seconds:.2f} s"
    )


@sparql_app.command()
def verify() -> None:
    """Check that the projection, brought up to date from the imports' changes, holds exactly
    the statements a rebuild would (exit code 1 when not)."""
    from kennisgraaf.sparql.repair import verify as compare

    driver, store = _store()
    with driver:
        result = compare(store)
    g = result.generation
    console.print(
        f"{g.path.name} ({g.kind}): {result.projected} triples; a rebuild derives {result.rebuilt}"
    )
    if result.graph_moved:
        console.print("the graph changed while comparing; run it again")
        raise typer.Exit(2)
    for t in result.missing:
        console.print(f"missing: {t}")
    for t in result.extra:
        console.print(f"extra: {t}")
    if not result.equal:
        console.print("the projection differs from a rebuild: run `kennisgraaf sparql rebuild`")
        raise typer.Exit(1)
    console.print("equal to a rebuild")
