"""Pages for people: home with the funnel, the Kennisrotonde's referrals and the programmes,
search, and the HTML of every resource page (a question's page draws its trace). Server-rendered,
autoescaped, no script."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, FastAPI, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from neo4j import Driver
from rdflib import URIRef

from kennisgraaf.api import search as search_index
from kennisgraaf.api.activity_names import activity_names
from kennisgraaf.api.definitions import Definition, to_triples
from kennisgraaf.api.deps import DriverDep, SettingsDep
from kennisgraaf.api.describe import Description
from kennisgraaf.api.diagrams import TraceDiagram, funnel_diagram, stage_label, trace_diagram
from kennisgraaf.api.dumps import DUMPS
from kennisgraaf.api.html import Site, base_path, page_lang, render, safe_href
from kennisgraaf.api.i18n import N_, translate
from kennisgraaf.api.labels import curie, name_from_props
from kennisgraaf.api.negotiation import RESOURCE_FORMATS
from kennisgraaf.api.person_roles import role_names
from kennisgraaf.api.search import KIND_NAMES, kind_of
from kennisgraaf.api.security_headers import FRAMEABLE_CSP
from kennisgraaf.api.views import Namer, ResourceView, resource_view
from kennisgraaf.api.void import Stats, dataset_iri
from kennisgraaf.ontology.docs import curie as docs_curie
from kennisgraaf.ontology.stages import cycle_stages
from kennisgraaf.queries.analytics.cycle import funnel, question_stages
from kennisgraaf.queries.analytics.nro_overview import nro_overview
from kennisgraaf.queries.analytics.trace import (
    ReverseTrace,
    Trace,
    Use,
    reverse_trace,
    trace_question,
)
from kennisgraaf.queries.runner import read
from kennisgraaf.settings import Settings

router = APIRouter(tags=["pages"])
TRACE_DEPTH = 0  # raised questions are linked, not expanded, on a question's page


def include(app: FastAPI) -> None:
    prefix = base_path(app.state.settings.base_iri)
    app.state.search_index = search_index.IndexGuard()
    app.include_router(router, prefix=prefix)
    # Editable installs link package files from the working tree: follow those links.
    static = StaticFiles(packages=[("kennisgraaf.api", "static")], follow_symlink=True)
    app.mount(prefix + "/static", static, name="static")


def _site(settings: Settings) -> Site:
    return Site(settings.base_iri)


def names_of(driver: Driver, database: str, iris: set[str], lang: str) -> dict[str, str]:
    if not iris:
        return {}
    found = {}
    for r in read(driver, database, "ld.names", iris=sorted(iris)):
        name = name_from_props(dict(r["props"]), lang)
        if name:
            found[r["iri"]] = name
    found |= role_names(driver, database, iris - found.keys(), lang)
    return found | activity_names(driver, database, iris - found.keys(), lang)


@router.get("/", response_class=HTMLResponse, summary="Home: the cycle's funnel and search")
def home(request: Request, driver: DriverDep, settings: SettingsDep) -> HTMLResponse:
    rows = question_stages(driver, settings.neo4j_database)
    counts = funnel(rows).get("all", {})
    lang = page_lang(request)
    return render(
        "home.html",
        site=_site(settings),
        lang=lang,
        title=translate(lang, "Home"),
        funnel=funnel_diagram(counts, len(rows), lang),
        nro=nro_overview(driver, settings.neo4j_database),
        query="",
    )


@router.get("/search", response_class=HTMLResponse, summary="Search questions, studies, names")
def search(
    request: Request,
    driver: DriverDep,
    settings: SettingsDep,
    q: str = Query("", description="Words to look for; every word must match"),
) -> HTMLResponse:
    lang = page_lang(request)
    guard: search_index.IndexGuard = request.app.state.search_index
    q = q[: settings.search_max_query_chars]  # a longer text is cut (README, "Cost limits")
    limit = settings.search_max_results
    hits = (
        search_index.search(
            driver, settings.neo4j_database, q, lang, guard,
            limit=limit, max_chars=len(q), timeout_s=settings.search_timeout_s,
        )
        if q.strip()
        else []
    )  # fmt: skip
    return render(
        "search.html",
        site=_site(settings),
        lang=lang,
        title=translate(lang, "Search: %(query)s") % {"query": q}
        if q
        else translate(lang, "Search"),
        query=q,
        hits=hits,
        kind_names=KIND_NAMES,
        limit=limit,
    )


@dataclass(frozen=True)
class TraceSection:
    trace: Trace
    diagram: TraceDiagram
    lang: str

    def stage_labels(self, stages: list[str]) -> list[str]:
        """The stages' names as the page's language writes them, in lower case."""
        labels = {s.name: stage_label(s, self.lang)[0].lower() for s in cycle_stages()}
        return [labels.get(s, s) for s in stages]


@dataclass(frozen=True)
class ReverseSection:
    reverse: ReverseTrace
    uses: list[Use]


def _trace_iris(trace: Trace) -> set[str]:
    iris = set(trace.raised_iris)
    for activities in trace.stages.values():
        for a in activities:
            iris.update(a.used)
            iris.update(a.generated)
    return iris


def resource_page(
    request: Request,
    driver: Driver,
    settings: Settings,
    d: Description,
    headers: dict[str, str],
) -> HTMLResponse:
    lang = page_lang(request)
    site = _site(settings)
    database = settings.neo4j_database
    known = {n.iri: name for n in d.out + d.incoming if (name := name_from_props(n.props, lang))}
    if own := name_from_props(d.props, lang):
        known[d.iri] = own
    people = {n.iri for n in d.out + d.incoming if "Person" in n.labels} | {d.iri}
    known.update(role_names(driver, database, people - known.keys(), lang))  # shown by role
    linked = {n.iri for n in d.out + d.incoming} | {d.iri}
    known.update(activity_names(driver, database, linked - known.keys(), lang))  # not their keys
    namer = Namer(site, lang, known)
    trace_section = reverse_section = None
    if "KnowledgeQuestion" in d.labels:
        trace = trace_question(driver, database, d.iri, depth=TRACE_DEPTH)
        known.update(names_of(driver, database, _trace_iris(trace) - known.keys(), lang))
        trace_section = TraceSection(trace, trace_diagram(trace, site, namer, lang), lang)
    elif "Study" in d.labels or "KnowledgeProduct" in d.labels:
        reverse = reverse_trace(driver, database, d.iri)
        wanted = {*reverse.questions, *reverse.products}
        for use in reverse.uses:
            wanted.update([use.iri, use.used, *use.by])
        known.update(names_of(driver, database, wanted - known.keys(), lang))
        reverse_section = ReverseSection(reverse, list(reverse.uses))
    view = resource_view(d.iri, d.triples, namer, d.incoming_total)
    known_kind = kind_of(d.labels)
    if known_kind == "resource" and view.types:
        kind = view.types[0].label  # the model's label, in the page's language
    else:
        kind = translate(lang, KIND_NAMES[known_kind])
    return _resource_html(
        view, kind, site, headers=headers, lang=lang, namer=namer,
        trace=trace_section, reverse=reverse_section, docs_anchor=None,
        provenance=d.provenance,
    )  # fmt: skip


def _resource_html(view: ResourceView, kind: str, site: Site, **context: Any) -> HTMLResponse:
    """The page of a resource or definition: its statements, and what `context` adds."""
    href = view.resource.href
    alternates = [] if href is None else [
        (f.name, f.media_type, href + f.suffix) for f in RESOURCE_FORMATS if f.rdf
    ]  # fmt: skip
    return render(
        "resource.html", site=site, title=view.resource.label, view=view, kind=kind,
        alternates=alternates, **context,
    )  # fmt: skip


def definition_page(
    request: Request, settings: Settings, found: Definition, headers: dict[str, str]
) -> HTMLResponse:
    lang = page_lang(request)
    site = _site(settings)
    namer = Namer(site, lang)
    view = resource_view(found.iri, to_triples(found.graph), namer)
    anchor = docs_curie(URIRef(found.iri))
    kind = translate(lang, N_("concept scheme") if found.kind == "scheme" else N_("concept"))
    return _resource_html(
        view, kind, site, headers=headers, lang=lang, namer=namer, trace=None, reverse=None,
        docs_anchor=site.path("/def#" + anchor.replace(":", "-").replace("/", "-")),
    )  # fmt: skip


def dataset_page(
    request: Request, settings: Settings, stats: Stats, headers: dict[str, str]
) -> HTMLResponse:
    lang = page_lang(request)
    site = _site(settings)
    namer = Namer(site, lang)
    return render(
        "dataset.html",
        headers=headers,
        site=site,
        lang=lang,
        title=translate(lang, "The kennisgraaf dataset"),
        stats=stats,
        namer=namer,
        curie=curie,
        dumps=[(f"kennisgraaf.{s}", d.media_type.split(";")[0]) for s, d in DUMPS.items()],
        dataset_iri=dataset_iri(settings.base_iri),
        alternates=[
            (f.name, f.media_type, site.path("/.well-known/void") + "?format=" + f.name)
            for f in RESOURCE_FORMATS
            if f.rdf
        ],
    )


def not_found_page(
    request: Request, settings: Settings, iri: str, headers: dict[str, str]
) -> HTMLResponse:
    lang = page_lang(request)
    return render(
        "not_found.html",
        status=404,
        headers=headers,
        site=_site(settings),
        lang=lang,
        title=translate(lang, "Not found"),
        iri=iri,
    )


def preview_page(
    request: Request, settings: Settings, iri: str, row: dict[str, Any] | None
) -> HTMLResponse:
    """The reconciliation preview of one entity (a row of `reconcile.resource`), framable by
    OpenRefine; its link is the entity's IRI when that is a web address, else it is text."""
    names = [str(n) for n in row["names"]] if row else []
    iri = str(row["iri"]) if row else iri
    return render(
        "preview.html",
        status=200 if row else 404,
        csp=FRAMEABLE_CSP,
        site=_site(settings),
        lang=page_lang(request),
        found=row is not None,
        iri=iri,
        href=safe_href(iri),
        name=names[0] if names else iri,
        other_names=names[1:2],
        types=[str(t) for t in row["types"]] if row else [],
        identifiers=[(str(i[0]), [str(v) for v in i[1:]]) for i in row["identifiers"]]
        if row
        else [],
    )
