"""The `kennisgraaf` command line; every command calls the same functions the API uses."""

from __future__ import annotations

import logging
import sys
from importlib.metadata import version as dist_version
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from kennisgraaf.cli import (
    commands_data,
    commands_nro,
    commands_person,
    commands_queries,
    commands_registers,
    commands_sparql,
)
from kennisgraaf.errors import KennisgraafError
from kennisgraaf.graph.local_engine import engine_from_settings
from kennisgraaf.settings import get_settings

# The API, uvicorn, the ontology docs and the demo are imported by the commands that run them
# (heavy dependencies): all at the top, `kennisgraaf --help` would load FastAPI, pyshacl and the
# pipeline too, about twice the start-up time (2.9 s → 5.3 s on a busy 2-core machine).

app = typer.Typer(
    help="kennisgraaf: the knowledge graph of the Dutch education knowledge infrastructure.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
neo4j_app = typer.Typer(help="Manage the local Neo4j engine (ignored when NEO4J_URI is set).")
app.add_typer(neo4j_app, name="neo4j")
app.command()(commands_data.load)
app.command()(commands_data.validate)
app.command()(commands_data.export)
app.command()(commands_queries.trace)
app.command()(commands_queries.query)
app.command()(commands_queries.report)
networks_app = typer.Typer(help="Network analytics on the collaboration graph.")
app.add_typer(networks_app, name="networks")
networks_app.command()(commands_queries.communities)
networks_app.command("sector-bridges")(commands_queries.sector_bridges)
networks_app.command()(commands_queries.coverage)
nro_app = typer.Typer(help="The NRO's records: funding, Kennisrotonde, agenda, toolkit, citations.")
app.add_typer(nro_app, name="nro")
nro_app.command()(commands_nro.outputs)
nro_app.command("open-access")(commands_nro.open_access)
nro_app.command()(commands_nro.referrals)
nro_app.command("agenda")(commands_nro.agenda_items)
nro_app.command()(commands_nro.toolkit)
nro_app.command()(commands_nro.citations)
registers_app = typer.Typer(help="The national registers (DUO, ROR, CBS): linking to them.")
app.add_typer(registers_app, name="registers")
app.add_typer(commands_sparql.sparql_app, name="sparql")
registers_app.command()(commands_registers.link)
person_app = typer.Typer(help='Personal data: erasure of a person (README "Personal data").')
app.add_typer(person_app, name="person")
person_app.command()(commands_person.erase)
person_app.command()(commands_person.erasures)

console = Console()
err_console = Console(stderr=True)


@app.callback()
def _root(
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Log progress details."),
) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )


@app.command()
def version() -> None:
    """Print the kennisgraaf version."""
    console.print(f"kennisgraaf {dist_version('kennisgraaf')}")


@app.command()
def docs(
    output: Annotated[Path, typer.Argument(help="HTML file to write.")],
    lang: Annotated[str, typer.Option(help="Language of the page: en or nl.")] = "en",
) -> None:
    """Write the human-readable documentation of the ontology and vocabularies."""
    from kennisgraaf.ontology.docs import write_docs

    console.print(f"ontology documentation: {write_docs(output, lang=lang)}")


@app.command("owl-check")
def owl_check() -> None:
    """Check the published model (ontology, vocabularies, mappings) against the OWL 2 DL profile
    and classify it with HermiT; exits 1 on a violation, an inconsistency or an unsatisfiable
    class."""
    from kennisgraaf.ontology.owl_check import check_model

    report = check_model(get_settings().data_dir / "build")
    console.print(report.summary(), markup=False, highlight=False)
    if not report.passed:
        raise typer.Exit(1)


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Interface (default 127.0.0.1).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default 8000).")] = None,
    workers: Annotated[
        int, typer.Option(min=1, help="API worker processes sharing the port and SPARQL store.")
    ] = 1,
) -> None:
    """Serve the API, linked data and pages against the configured Neo4j."""
    from kennisgraaf.cli.serving import serve_app

    # The flags become settings, so what the app builds from them (the reconciliation
    # manifest's public URL) names the interface and port actually served.
    settings = get_settings().model_copy(
        update={k: v for k, v in (("host", host), ("port", port)) if v is not None}
    )
    serve_app(settings, workers)


token_app = typer.Typer(help="API tokens (stored hashed; shown once when created).")
app.add_typer(token_app, name="token")


@token_app.command("create")
def token_create(
    name: Annotated[str, typer.Argument(help="Who or what the token is for.")],
    scope: Annotated[list[str], typer.Option(help="query and/or write (repeatable).")],
) -> None:
    """Create a token with the given scopes and print it once."""
    from kennisgraaf.api.auth import create_token, tokens_path

    token = create_token(tokens_path(get_settings().data_dir), name, scope)
    console.print(token, highlight=False)


@app.command()
def demo(
    serve_after: Annotated[
        bool, typer.Option("--serve/--no-serve", help="Serve the API afterwards.")
    ] = True,
) -> None:
    """Run the demo: connect, create the schema, load the shipped data, trace a question, show
    the funnel — then serve the API at http://127.0.0.1:8000 (--no-serve for scripted runs)."""
    from kennisgraaf.cli.demo import run_demo

    run_demo(console)
    if serve_after:
        serve(None, None)


def _external_notice() -> bool:
    s = get_settings()
    if s.neo4j_uri:
        console.print(f"NEO4J_URI is set ({s.neo4j_uri}): the local engine is not used.")
        return True
    return False


@neo4j_app.command("start")
def neo4j_start() -> None:
    """Start the local Neo4j (builds its launcher on first use); a no-op when it runs."""
    if _external_notice():
        return
    with console.status("starting the local Neo4j…"):
        status = engine_from_settings().start()
    if status.started_now:
        if status.stale_pid_cleared:
            console.print("cleared a stale PID file from an engine that no longer runs")
        console.print(
            f"Neo4j ready at [bold]{status.uri}[/] (pid {status.pid}, "
            f"{status.seconds_to_ready:.1f} s to ready, data in {status.home})"
        )
    else:
        console.print(f"Neo4j already running at [bold]{status.uri}[/] (pid {status.pid})")


@neo4j_app.command("stop")
def neo4j_stop() -> None:
    """Stop the local Neo4j."""
    if _external_notice():
        return
    stopped = engine_from_settings().stop()
    console.print("Neo4j stopped" if stopped else "Neo4j was not running")


@neo4j_app.command("status")
def neo4j_status() -> None:
    """Say whether the local Neo4j runs; exit code 1 when it does not."""
    if _external_notice():
        return
    status = engine_from_settings().status()
    if status.running:
        console.print(f"running at {status.uri} (pid {status.pid}, data in {status.home})")
    else:
        console.print(f"not running (data in {status.home})")
        raise typer.Exit(1)


def main() -> None:
    """Entry point: errors of kennisgraaf's own kinds become a message and an exit code."""
    try:
        app()
    except KennisgraafError as e:
        err_console.print(f"[bold red]error:[/] {e}", highlight=False)
        sys.exit(e.exit_code)
