"""Linked data: every minted IRI dereferences (every RDF format of `kennisgraaf.rdf_formats` and
HTML, by content negotiation; `/id/…` the thing, `/doc/…` the document about it), the model's
namespace too, plus whole-graph dumps and the dataset's VoID and DCAT description. Routes sit
under the path the configured base IRI is served at."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import pyoxigraph as ox
from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse

from kennisgraaf.api import definitions, negotiation
from kennisgraaf.api.catalog import description_triples
from kennisgraaf.api.deps import DriverDep, SettingsDep
from kennisgraaf.api.describe import describe, describe_source, serialise
from kennisgraaf.api.dumps import DUMPS, Dump, stream_dump
from kennisgraaf.api.errors import ApiError, problem
from kennisgraaf.api.html import DOCS_CSP, base_path, page, page_lang
from kennisgraaf.api.labels import ONTOLOGY_IRI
from kennisgraaf.api.negotiation import HTML, RESOURCE_FORMATS, Format
from kennisgraaf.api.resource_document import document_iri, read_provenance
from kennisgraaf.api.routers import pages
from kennisgraaf.api.void import Stats, StatsCache
from kennisgraaf.graph.model import natural_datatypes
from kennisgraaf.ontology.docs import render_docs

router = APIRouter(tags=["linked data"])


def include(app: FastAPI) -> None:
    app.state.void_stats = StatsCache()
    app.include_router(router, prefix=base_path(app.state.settings.base_iri))


def not_acceptable(offers: tuple[Format, ...], why: str) -> JSONResponse:
    response = problem(
        406,
        "not-acceptable",
        why,
        available=[f.media_type for f in offers],
        suffixes=[f.suffix for f in offers],
    )
    response.headers["Vary"] = "Accept"
    return response


def not_found(message: str, headers: dict[str, str]) -> JSONResponse:
    response = problem(404, "not-found", message)
    response.headers.update(headers)
    return response


def pick(
    request: Request, offers: tuple[Format, ...], by_suffix: Format | None = None
) -> Format | JSONResponse:
    """The format named by suffix, then `?format=`, then the client's Accept header."""
    if by_suffix is not None:
        return by_suffix
    param = request.query_params.get("format")
    if param is not None:
        found = negotiation.by_param(param, offers)
        return found or not_acceptable(offers, f"format {param!r} cannot be served here")
    accept = request.headers.get("accept")
    chosen = negotiation.choose(accept, offers)
    return chosen or not_acceptable(offers, f"nothing acceptable to Accept: {accept}")


# The format follows Accept; of the formats, the HTML page follows Accept-Language too.
NEGOTIATED_VARY = "Accept, Accept-Language"


def negotiated_headers(request: Request, by_suffix: Format | None) -> dict[str, str]:
    if by_suffix is None and "format" not in request.query_params:
        return {"Vary": NEGOTIATED_VARY}
    return {}


_RESOURCE_RESPONSES: dict[int | str, dict[str, Any]] = {
    406: {"description": "no format the client accepts"},
    404: {"description": "the graph holds no resource with this IRI"},
}


@router.get(
    "/id/{path:path}",
    summary="Dereference a resource IRI",
    description="The resource's statements and the statements linking to it, with what the "
    "document about it says of its sources, last modification and licence, in every RDF format "
    "or as HTML: by `Accept` (with q-values), a format suffix (`.ttl`, `.jsonld`, `.nt`, `.rdf`, "
    "`.nq`, `.trig`, `.html`) or `?format=`. Answers 200; `Content-Location` names the document "
    "(`/doc/…` with the format's suffix).",
    response_class=Response,
    responses=_RESOURCE_RESPONSES,
)
def dereference(path: str, request: Request, driver: DriverDep, settings: SettingsDep) -> Response:
    return _resource("id/", path, request, driver, settings)


@router.get(
    "/doc/{path:path}",
    summary="The document about a resource",
    description="What `/id/…` answers for the same path: the document's IRI is "
    "`{base}doc/…`, its primary topic `{base}id/…`.",
    response_class=Response,
    responses=_RESOURCE_RESPONSES,
)
def document(path: str, request: Request, driver: DriverDep, settings: SettingsDep) -> Response:
    return _resource("doc/", path, request, driver, settings)


def _resource(
    space: str, path: str, request: Request, driver: DriverDep, settings: SettingsDep
) -> Response:
    """A resource's document, asked for by its thing IRI (`id/`) or its document IRI (`doc/`)."""
    base = settings.base_iri
    # The decoded path first; the path as sent too, for IRIs holding percent-escapes.
    raw = request.scope.get("raw_path", b"").decode("latin-1")
    head = base_path(base) + "/" + space
    raw_key = raw[len(head) :] if raw.startswith(head) else path
    keys = [path] if raw_key == path else [path, raw_key]
    candidates: list[tuple[str, Format | None]] = [(base + "id/" + k, None) for k in keys]
    for k in keys:
        split = negotiation.split_suffix(k, RESOURCE_FORMATS)
        if split:
            candidates.append((base + "id/" + split[0], split[1]))
    iris = [c[0] for c in candidates]
    database = settings.neo4j_database
    found = describe(driver, database, base, iris, natural_datatypes())
    found = found or describe_source(driver, database, base, iris)
    by_suffix = candidates[found[0]][1] if found else None
    fmt = pick(request, RESOURCE_FORMATS, by_suffix)
    if isinstance(fmt, JSONResponse):
        return fmt
    headers = negotiated_headers(request, by_suffix)
    if found is None:
        if fmt is HTML:
            return pages.not_found_page(request, settings, candidates[0][0], headers)
        return not_found(f"the graph holds no resource {candidates[0][0]}", headers)
    description = found[1]
    if description.props:  # a stored resource, not a source
        description.provenance = read_provenance(
            driver, database, base, description.iri, description.props, settings.licence
        )
    document = document_iri(base, description.iri)
    if document is not None:
        headers["Content-Location"] = document + fmt.suffix
    if fmt is HTML:
        return pages.resource_page(request, driver, settings, description, headers)
    assert fmt.rdf is not None
    body = serialise(description.document_triples, fmt.rdf)
    return Response(body, media_type=fmt.content_type, headers=headers)


@lru_cache(maxsize=2)
def _docs(lang: str) -> str:
    return render_docs(lang)


@router.get("/def", summary="The ontology", response_class=Response)
def ontology(request: Request, settings: SettingsDep) -> Response:
    return _definition("", request, settings)


@router.get(
    "/def/{path:path}",
    summary="A vocabulary, concept scheme or concept of the model",
    response_class=Response,
)
def definition(path: str, request: Request, settings: SettingsDep) -> Response:
    return _definition(path, request, settings)


def _definition(path: str, request: Request, settings: SettingsDep) -> Response:
    by_suffix = None
    found = definitions.resolve(path)
    if found is None:
        split = negotiation.split_suffix(path, RESOURCE_FORMATS)
        if split:
            found = definitions.resolve(split[0])
            by_suffix = split[1] if found else None
            path = split[0] if found else path
    fmt = pick(request, RESOURCE_FORMATS, by_suffix)
    if isinstance(fmt, JSONResponse):
        return fmt
    headers = negotiated_headers(request, by_suffix)
    iri = ONTOLOGY_IRI + ("/" + path if path else "")
    if found is None:
        if fmt is HTML:
            return pages.not_found_page(request, settings, iri, headers)
        return not_found(f"the model defines nothing at {iri}", headers)
    if fmt is HTML:
        if found.documents_whole_model:
            return page(_docs(page_lang(request)), headers=headers, csp=DOCS_CSP)
        return pages.definition_page(request, settings, found, headers)
    assert fmt.rdf is not None
    body = serialise(list(definitions.triples_of(path)), fmt.rdf)
    return Response(body, media_type=fmt.content_type, headers=headers)


@router.get(
    "/dumps/kennisgraaf.{suffix}",
    summary="The whole graph, streamed",
    description="Suffixes: "
    + ", ".join(f"`{s}` ({d.media_type})" for s, d in DUMPS.items())
    + ". In N-Quads and TriG each source's statements are in a graph of its own, named by the "
    "source's IRI (`{base}id/source/…`).",
    response_class=StreamingResponse,
)
def dump(
    suffix: str, request: Request, driver: DriverDep, settings: SettingsDep
) -> StreamingResponse:
    found = DUMPS.get(suffix)
    if found is None:
        raise ApiError(
            404,
            "not-found",
            f"no dump kennisgraaf.{suffix}; there are: "
            + ", ".join(f"kennisgraaf.{s}" for s in DUMPS),
        )
    return _dump(found, request, driver, settings, {})


@router.get(
    "/dumps/kennisgraaf",
    summary="The whole graph, streamed, in the format the client prefers",
    description="The dump `kennisgraaf.{suffix}` that `Accept` (or `?format=`) chooses; "
    "`Content-Location` names it.",
    response_class=StreamingResponse,
    responses={406: {"description": "no format the client accepts"}},
)
def negotiated_dump(request: Request, driver: DriverDep, settings: SettingsDep) -> Response:
    fmt = pick(request, negotiation.RDF_OFFERS)
    if isinstance(fmt, JSONResponse):
        return fmt
    found = DUMPS[fmt.suffix[1:]]
    headers = negotiated_headers(request, None)
    headers["Content-Location"] = f"{settings.base_iri}dumps/kennisgraaf.{found.suffix}"
    return _dump(found, request, driver, settings, headers)


def _dump(
    found: Dump,
    request: Request,
    driver: DriverDep,
    settings: SettingsDep,
    headers: dict[str, str],
) -> StreamingResponse:
    description = _description(request, driver, settings)
    body = stream_dump(driver, settings.neo4j_database, found.fmt, settings.base_iri, description)
    disposition = f'attachment; filename="kennisgraaf.{found.suffix}"'
    return StreamingResponse(
        body, media_type=found.media_type, headers={"Content-Disposition": disposition, **headers}
    )


VOID_FORMATS = RESOURCE_FORMATS


@router.get(
    "/.well-known/void", summary="VoID and DCAT description of the dataset", response_class=Response
)
def void(request: Request, driver: DriverDep, settings: SettingsDep) -> Response:
    return _void(request, driver, settings)


@router.get(
    "/dataset", summary="The dataset (its VoID and DCAT description)", response_class=Response
)
def dataset(request: Request, driver: DriverDep, settings: SettingsDep) -> Response:
    return _void(request, driver, settings)


@router.get(
    "/catalog",
    summary="The DCAT-AP 3 / DCAT-AP-NL 3 catalogue: the dataset, its distributions and the "
    "SPARQL service",
    description="The same description as `/.well-known/void`, in the RDF format `Accept` (or "
    "`?format=`) chooses.",
    response_class=Response,
    responses={406: {"description": "no format the client accepts"}},
)
def catalog(request: Request, driver: DriverDep, settings: SettingsDep) -> Response:
    return _void(request, driver, settings, tuple(f for f in VOID_FORMATS if f is not HTML))


def _void(
    request: Request,
    driver: DriverDep,
    settings: SettingsDep,
    offers: tuple[Format, ...] = VOID_FORMATS,
) -> Response:
    fmt = pick(request, offers)
    if isinstance(fmt, JSONResponse):
        return fmt
    headers = negotiated_headers(request, None)
    stats = _stats(request, driver, settings)
    if fmt is HTML:
        return pages.dataset_page(request, settings, stats, headers)
    assert fmt.rdf is not None
    body = serialise(stable_blank_nodes(description_triples(stats, settings)), fmt.rdf)
    return Response(body, media_type=fmt.content_type, headers=headers)


def _stats(request: Request, driver: DriverDep, settings: SettingsDep) -> Stats:
    cache: StatsCache = request.app.state.void_stats
    return cache.get(driver, settings.neo4j_database, settings.base_iri, settings)


def _description(request: Request, driver: DriverDep, settings: SettingsDep) -> list[ox.Triple]:
    """The dataset's VoID and DCAT-AP description as the dumps carry it after the graph: less
    the class and property partitions, blank nodes that would be new ones in every dump."""
    described = description_triples(_stats(request, driver, settings), settings)
    return [
        t
        for t in described
        if not isinstance(t.subject, ox.BlankNode) and not isinstance(t.object, ox.BlankNode)
    ]


def stable_blank_nodes(triples: list[ox.Triple]) -> list[ox.Triple]:
    """The triples with blank nodes named by order of appearance: the same statements give the
    same bytes, as the strong ETag (kennisgraaf.api.http_cache) promises."""
    names: dict[ox.BlankNode, ox.BlankNode] = {}

    def stable(term: Any) -> Any:
        if isinstance(term, ox.BlankNode):
            return names.setdefault(term, ox.BlankNode(f"b{len(names)}"))
        return term

    return [ox.Triple(stable(t.subject), t.predicate, stable(t.object)) for t in triples]
