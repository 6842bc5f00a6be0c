"""CLI commands that read the graph: trace, query, report, and the network analytics
(`kennisgraaf networks communities|sector-bridges|coverage`)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import neo4j
import typer
from neo4j import Driver
from pydantic import BaseModel
from rich.console import Console
from rich.table import Table
from rich.tree import Tree

from kennisgraaf.errors import InputError
from kennisgraaf.graph.connection import open_driver
from kennisgraaf.ontology.stages import cycle_stages, stage_names
from kennisgraaf.queries.analytics import cycle, networks
from kennisgraaf.queries.analytics.common import short
from kennisgraaf.queries.analytics.nro_overview import NroOverview, nro_overview
from kennisgraaf.queries.analytics.report_html import render_report
from kennisgraaf.queries.analytics.trace import Trace, trace_question
from kennisgraaf.queries.registry import all_queries, get_query
from kennisgraaf.settings import get_settings

console = Console()
# Named queries that change or dump the graph are the pipeline's, not the researcher's.
INTERNAL_PREFIXES = ("admin.", "load.", "schema.", "export.", "probe")


def _open() -> tuple[Driver, str]:
    settings = get_settings()
    return open_driver(settings), settings.neo4j_database


def _question_iri(value: str) -> str:
    # A bare key (q01) is short for the question IRI under the configured base.
    return value if ":" in value else f"{get_settings().base_iri}id/question/{value}"


def render_timeline(trace: Trace, tree: Tree) -> None:
    for cycle_stage in cycle_stages():
        stage = cycle_stage.name
        activities = trace.stages[stage]
        if not activities:
            tree.add(f"[dim]{stage} ({cycle_stage.labels['nl']}) — missing[/]")
            continue
        for a in activities:
            who = ", ".join(p.name or p.iri for p in (*a.people, *a.organisations))
            via = ", ".join(n.name or n.iri for n in a.networks)
            days = trace.days_to(stage)
            since = f" (+{days} d)" if days and stage != "articulation" else ""
            line = f"[bold]{a.date or '?'}[/]{since} {stage}: {a.iri.rsplit('/id/', 1)[-1]}"
            node = tree.add(line)
            if who:
                node.add(f"by {who}")
            if via:
                node.add(f"through {via}")
            for out in a.generated:
                node.add(f"→ {out.rsplit('/id/', 1)[-1]}")
    for child in trace.raised:
        render_timeline(child, tree.add(f"[yellow]raised[/] {child.iri.rsplit('/id/', 1)[-1]}"))


def trace(
    question: Annotated[str, typer.Argument(help="Question IRI, or its key (e.g. q01).")],
    depth: Annotated[int, typer.Option(help="Levels of raised questions to follow.")] = 2,
    as_json: Annotated[bool, typer.Option("--json", help="Print the trace as JSON.")] = False,
) -> None:
    """Trace a question from articulation to use, with the questions its use raised."""
    driver, database = _open()
    with driver:
        result = trace_question(driver, database, _question_iri(question), depth)
    if as_json:
        console.print_json(result.model_dump_json())
        return
    text = result.text.get("nl") or result.text.get("en") or ""
    tree = Tree(f"[bold]{result.iri.rsplit('/id/', 1)[-1]}[/] {text}")
    render_timeline(result, tree)
    console.print(tree)
    lead = result.lead_time_days
    console.print(
        f"reached: {', '.join(result.reached)}; missing: {', '.join(result.missing) or 'none'}; "
        f"articulation → first use: {f'{lead} days' if lead is not None else 'not used yet'}"
    )


def _parse_params(pairs: list[str]) -> dict[str, str]:
    params: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise InputError(f"--param takes key=value, not {pair!r}")
        params[key] = value
    return params


def _plain(value: Any) -> Any:
    iso = getattr(value, "iso_format", None)
    if callable(iso):
        return iso()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def query(
    name: Annotated[str | None, typer.Argument(help="Query name; omit to list them.")] = None,
    param: Annotated[list[str] | None, typer.Option("--param", "-p", help="key=value")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Rows as JSON.")] = False,
) -> None:
    """Run a named query from queries/ (read-only), or list them with their parameters."""
    public = {
        n: q
        for n, q in all_queries().items()
        if q.language == "cypher" and not n.startswith(INTERNAL_PREFIXES)
    }
    if name is None:
        table = Table(title="named queries")
        for col in ("name", "parameters", "description"):
            table.add_column(col, overflow="fold")
        for n, q in sorted(public.items()):
            params = ", ".join(
                f"{p.name}:{p.type}" + ("" if p.required else f"={p.default}") for p in q.params
            )
            table.add_row(n, params, q.description)
        console.print(table)
        return
    if name not in public:
        get_query(name)  # names the known ones when the name is unknown
        raise InputError(f"query {name!r} is internal to the pipeline and cannot be run here")
    named = public[name]
    bound = named.bind(_parse_params(param or []))
    driver, database = _open()
    with driver, driver.session(database=database, default_access_mode=neo4j.READ_ACCESS) as s:
        rows = s.execute_read(lambda tx: [r.data() for r in tx.run(named.text, bound)])
    rows = [_plain(r) for r in rows]
    if as_json:
        console.print_json(json.dumps(rows, default=str))
        return
    table = Table(title=f"{name} ({len(rows)} rows)")
    for col in rows[0].keys() if rows else []:
        table.add_column(col, overflow="fold")
    for row in rows:
        table.add_row(*(json.dumps(v, ensure_ascii=False) if not isinstance(v, str) else v
                        for v in row.values()))  # fmt: skip
    console.print(table)


def report(
    by: Annotated[
        str | None, typer.Option(help="Funnel per sector|theme|network|region|year")
    ] = None,
    stalled_days: Annotated[int, typer.Option(help="Stalled: older than this many days.")] = 365,
    html: Annotated[
        Path | None, typer.Option(help="Also write a self-contained HTML report.")
    ] = None,
) -> None:
    """Funnel, lead times, stalled questions and where the cycle breaks, as tables."""
    driver, database = _open()
    with driver:
        rows = cycle.question_stages(driver, database)
        never_shared = cycle.studies_never_shared(driver, database)
        never_used = cycle.products_never_used(driver, database)
        nro = nro_overview(driver, database)
    funnel = cycle.funnel(rows, by)
    table = Table(title=f"funnel{f' by {by}' if by else ''}: questions reaching each stage")
    table.add_column(by or "")
    for stage in stage_names():
        table.add_column(stage, justify="right")
    for group, counts in funnel.items():
        table.add_row(group, *(str(counts[s]) for s in stage_names()))
    console.print(table)
    times = Table(title="days from articulation to the first activity of each stage")
    for col in ("stage", "n", "min", "p25", "median", "p75", "max", "mean"):
        times.add_column(col, justify="right")
    for stage, d in cycle.lead_times(rows).items():
        if d is not None:
            times.add_row(stage, *(str(v) for v in (d.n, d.minimum, d.p25, d.median, d.p75,
                                                    d.maximum, d.mean)))  # fmt: skip
    console.print(times)
    stalled = cycle.stalled(rows, stalled_days)
    stuck = Table(title=f"stalled: no study or answer after {stalled_days} days ({len(stalled)})")
    stuck.add_column("question")
    stuck.add_column("articulated")
    for r in stalled:
        stuck.add_row(r.iri.rsplit("/id/", 1)[-1], str(r.dates["articulation"]))
    console.print(stuck)
    console.print(
        f"studies never shared: {len(never_shared)}; products never used: {len(never_used)}"
    )
    _print_nro(nro)
    if html:
        html.write_text(
            render_report(funnel, cycle.lead_times(rows), stalled, never_shared, never_used,
                          generated=dt.datetime.now(dt.UTC), nro=nro),
            encoding="utf-8",
        )  # fmt: skip
        console.print(f"HTML report: {html}")


def _print_nro(nro: NroOverview) -> None:
    """The Kennisrotonde's referral share and the programme view, as the HTML report has them."""
    share = nro.referrals.earlier_answer_share
    console.print(
        f"Kennisrotonde: {nro.referrals.questions} questions handled, "
        f"{nro.referrals.earlier_answer} referred to an earlier answer"
        + (f" ({share:.0%})" if share is not None else "")
        + f", {nro.referrals.other_source} to another source, "
        f"{nro.referrals.research} routed to research"
    )
    table = Table(title="programmes: grants, outputs, open access, follow-up")
    for col in ("programme", "grants", "outputs", "open", "shared", "used"):
        table.add_column(col, justify="left" if col == "programme" else "right")
    for p in nro.programmes:
        name = short(p.programme) if p.programme else "(no programme)"
        opened = f"{p.open} ({p.open_share:.0%})" if p.open_share is not None else str(p.open)
        table.add_row(name, str(p.grants), str(p.outputs), opened, str(p.shared), str(p.used))
    console.print(table)


R = TypeVar("R", bound=BaseModel | list[Any])
AsJson = Annotated[bool, typer.Option("--json", help="Print the result as JSON (as the API).")]


def _analyse(analysis: Callable[[Driver, str], R], as_json: bool) -> R | None:
    """The analysis's result to print as a table, or None once printed as the API's JSON: a
    result's model_dump_json, a list of results as a list."""
    driver, database = _open()
    with driver:
        result = analysis(driver, database)
    if not as_json:
        return result
    if isinstance(result, BaseModel):
        console.print_json(result.model_dump_json())
    else:
        console.print_json(json.dumps([r.model_dump(mode="json") for r in result]))
    return None


def communities(as_json: AsJson = False) -> None:
    """Communities of the collaboration graph (greedy modularity), largest first."""
    found = _analyse(networks.communities, as_json)
    if found is None:
        return
    table = Table(title=f"{len(found)} communities")
    for col in ("#", "size", "people", "organisations", "networks", "activities"):
        table.add_column(col, overflow="fold")
    for c in found:
        table.add_row(
            str(c.index), str(c.size), ", ".join(map(short, c.people)),
            ", ".join(map(short, c.organisations)), ", ".join(map(short, c.networks)),
            str(len(c.activities)),
        )  # fmt: skip
    console.print(table)


def sector_bridges(
    kind: Annotated[
        list[str] | None, typer.Option(help="person, organisation or network (repeatable).")
    ] = None,
    as_json: AsJson = False,
) -> None:
    """Who lies between the sectors: people, organisations and networks, best bridge first."""
    kinds = tuple(kind or networks.BRIDGE_KINDS)
    unknown = set(kinds) - set(networks.BRIDGE_KINDS)
    if unknown:
        raise InputError(f"--kind takes person, organisation or network, not {sorted(unknown)}")
    found = _analyse(lambda d, db: networks.sector_bridges(d, db, kinds=kinds), as_json)
    if found is None:
        return
    table = Table(title=f"sector bridges ({len(found)})")
    for col in ("bridge", "kind", "sectors", "between", "score"):
        table.add_column(col, overflow="fold")
    for b in found:
        between = ", ".join(f"{x}–{y}" for x, y in b.bridged)
        table.add_row(b.name or short(b.iri), b.kind, " ".join(b.sectors), between,
                      f"{b.score:.3f}")  # fmt: skip
    console.print(table)


def coverage(
    region: Annotated[
        list[str] | None, typer.Option(help="Region to map (repeatable; default all).")
    ] = None,
    as_json: AsJson = False,
) -> None:
    """Networks serving each region × sector × function; * marks a werkplaats. A region that
    names a coded region (PV25, Gelderland) takes in the regions below it, and the functions no
    initiative or network there serves are listed."""
    found = _analyse(lambda d, db: networks.coverage(d, db, region), as_json)
    if found is None:
        return
    table = Table(title="coverage: networks by region × sector × function")
    for col in ("region", "sector", *found.functions):
        table.add_column(col, overflow="fold")
    for r in found.regions:
        for s in found.sectors:
            cells = [found.cell(r, s, f) for f in found.functions]
            table.add_row(r, s, *(", ".join(
                short(n) + ("*" if n in c.werkplaatsen else "") for n in c.networks
            ) for c in cells))  # fmt: skip
    console.print(table)
    without = "; ".join(f"{r} {s}" for r, s in found.without_werkplaats())
    console.print(f"no werkplaats: {without or 'none'}")
    for coded in found.region_functions:  # the region and every region below it, any sector
        lacking = ", ".join(coded.missing) or "none"
        console.print(f"{coded.region} ({coded.code}) lacks an initiative for: {lacking}")
