"""The reconciliation service (Reconciliation Service API 0.2) for OpenRefine and friends.

Every response of these routes — errors included — carries `Access-Control-Allow-Origin: *`,
as the specification asks, so browser-based clients can call the service; no other route of
the API does.

The service is public, so its cost is bounded (see kennisgraaf.api.reconciliation): the body
is read up to `reconcile_max_body_bytes`; parsing and matching run in worker threads, at most
`reconcile_concurrency` at a time, so a flood of batches queues here and never takes the
threads other routes run on. The manifest's URLs come from the `public_url` setting, never from
the request's Host header.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Coroutine
from typing import Annotated, Any
from urllib.parse import parse_qs

from anyio import CapacityLimiter, to_thread
from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import HTMLResponse
from fastapi.routing import APIRoute
from neo4j import Driver
from pydantic import BaseModel, ConfigDict, Field

from kennisgraaf.api import reconciliation as recon
from kennisgraaf.api.deps import DriverDep, SettingsDep
from kennisgraaf.api.errors import ApiError
from kennisgraaf.api.routers.pages import preview_page
from kennisgraaf.api.search import IndexGuard
from kennisgraaf.errors import InputError
from kennisgraaf.queries.analytics.rows import id_root
from kennisgraaf.queries.runner import read
from kennisgraaf.settings import Settings

CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
    "Access-Control-Allow-Headers": "Content-Type",
}


class CorsRoute(APIRoute):
    """A route whose every response, error responses included, carries the CORS headers."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handle = super().get_route_handler()

        async def with_cors(request: Request) -> Response:
            try:
                response = await handle(request)
            except Exception as exc:
                response = await _error_response(request, exc)
            response.headers.update(CORS)
            return response

        return with_cors


async def _error_response(request: Request, exc: Exception) -> Response:
    # The app's own handlers, so errors look the same as everywhere else.
    for kind in type(exc).__mro__:
        handler = request.app.exception_handlers.get(kind)
        if handler is not None:
            response: Response = await handler(request, exc)
            return response
    raise exc


router = APIRouter(prefix="/reconcile", tags=["reconciliation"], route_class=CorsRoute)


class ServiceUrl(BaseModel):
    service_url: str
    service_path: str


class Preview(BaseModel):
    url: str
    width: int
    height: int


class TypeInfo(BaseModel):
    id: str
    name: str
    description: str


class Manifest(BaseModel):
    """The service manifest (Reconciliation Service API 0.2)."""

    model_config = ConfigDict(serialize_by_alias=True)
    versions: list[str]
    name: str
    identifier_space: str = Field(serialization_alias="identifierSpace")
    schema_space: str = Field(serialization_alias="schemaSpace")
    documentation: str
    service_version: str = Field(serialization_alias="serviceVersion")
    default_types: list[TypeInfo] = Field(serialization_alias="defaultTypes")
    view: dict[str, str]
    preview: Preview
    suggest: dict[str, ServiceUrl]
    batch_size: int = Field(
        serialization_alias="batchSize",
        description="the most queries a batch may hold (OpenRefine reads it; more is a 400)",
    )


# A batch of queries is answered with each query's results under the query's key.
Batch = dict[str, recon.QueryResults]


def manifest(request: Request, settings: Settings) -> Manifest:
    root = settings.public_base_url.rstrip("/")
    base_iri = settings.base_iri
    suggest = {
        kind: ServiceUrl(service_url=root, service_path=f"/reconcile/suggest/{kind}")
        for kind in ("entity", "type", "property")
    }
    return Manifest(
        versions=["0.2"],
        name="kennisgraaf — Dutch education knowledge infrastructure",
        identifier_space=id_root(base_iri) + "id/",
        schema_space=id_root(base_iri) + "def#",
        documentation=root + "/docs",
        service_version=request.app.version,
        default_types=[
            TypeInfo(id=t, name=recon.TYPES[t].name, description=recon.TYPES[t].description)
            for t in recon.DEFAULT_TYPES
        ],
        view={"url": "{{id}}"},
        preview=Preview(url=root + "/reconcile/preview?id={{id}}", width=420, height=140),
        suggest=suggest,
        batch_size=settings.reconcile_max_batch,
    )


class Suggestions(BaseModel):
    result: list[recon.Suggestion]


class EntitySuggestions(BaseModel):
    result: list[recon.EntitySuggestion]


def _parse_queries(text: str, limits: recon.CostLimits) -> dict[str, recon.ReconQuery]:
    try:
        raw = json.loads(text)
    except ValueError as e:
        raise InputError(f"queries is not valid JSON: {e}") from e
    return recon.parse_batch(raw, limits)


def _form_queries(body: bytes) -> str:
    form = parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=True)
    if "queries" not in form:
        raise InputError("a POST needs the form field queries (a JSON object of queries)")
    return form["queries"][0]


def _reconcile(
    driver: Driver,
    settings: Settings,
    index: IndexGuard,
    queries: str | None,
    body: bytes | None,
) -> Batch:
    """Parse and match one request; runs in a worker thread."""
    limits = recon.CostLimits.from_settings(settings)
    if queries is None:
        queries = _form_queries(body or b"")
    batch = _parse_queries(queries, limits)
    index.ensure(driver, settings.neo4j_database)
    return recon.reconcile(driver, settings.neo4j_database, batch, limits)


def _limiter(request: Request) -> CapacityLimiter:
    """The app's reconciliation slots; created in the event loop on first use."""
    state = request.app.state
    if getattr(state, "reconcile_limiter", None) is None:
        state.reconcile_limiter = CapacityLimiter(state.settings.reconcile_concurrency)
    limiter: CapacityLimiter = state.reconcile_limiter
    return limiter


def _index(request: Request) -> IndexGuard:
    """The app's guard of the reconciliation index (created by loads; here for older graphs)."""
    state = request.app.state
    if getattr(state, "reconcile_index", None) is None:
        state.reconcile_index = IndexGuard("schema.reconcile_index")
    guard: IndexGuard = state.reconcile_index
    return guard


async def _read_body(request: Request, max_bytes: int) -> bytes:
    """The body, refused with 413 as soon as it grows past `max_bytes`."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise _too_large(max_bytes)
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > max_bytes:
            raise _too_large(max_bytes)
    return bytes(body)


def _too_large(max_bytes: int) -> ApiError:
    return ApiError(
        413,
        "too-large",
        f"a reconciliation request holds at most {max_bytes} bytes "
        "(setting reconcile_max_body_bytes); send fewer queries per batch",
    )


async def _answer(
    request: Request,
    driver: Driver,
    settings: Settings,
    queries: str | None,
    body: bytes | None = None,
) -> Manifest | Batch:
    if queries is None and body is None:
        return manifest(request, settings)
    if queries is not None and len(queries) > settings.reconcile_max_body_bytes:
        raise _too_large(settings.reconcile_max_body_bytes)
    return await to_thread.run_sync(
        _reconcile, driver, settings, _index(request), queries, body, limiter=_limiter(request)
    )


QueriesParam = Annotated[
    str | None,
    Query(description="a JSON object of named queries; without it, the service manifest"),
]


@router.get("", summary="Service manifest, or the results of a batch of queries")
async def reconcile_get(
    request: Request, driver: DriverDep, settings: SettingsDep, queries: QueriesParam = None
) -> Manifest | Batch:
    return await _answer(request, driver, settings, queries)


@router.post("", summary="Results of a batch of queries (form field `queries`)")
async def reconcile_post(
    request: Request, driver: DriverDep, settings: SettingsDep, queries: QueriesParam = None
) -> Manifest | Batch:
    body = None
    if queries is None:
        body = await _read_body(request, settings.reconcile_max_body_bytes)
    return await _answer(request, driver, settings, queries, body)


@router.options("", include_in_schema=False)
@router.options("/{rest:path}", include_in_schema=False)
def preflight() -> Response:
    return Response(status_code=204)


@router.get("/preview", response_class=HTMLResponse, summary="An HTML preview of an entity")
def preview(
    request: Request,
    driver: DriverDep,
    settings: SettingsDep,
    id: Annotated[str, Query(min_length=1, max_length=2000, description="the entity's IRI")],
) -> HTMLResponse:
    rows = read(driver, settings.neo4j_database, "reconcile.resource", iri=id)
    return preview_page(request, settings, id, rows[0] if rows else None)


Prefix = Annotated[str, Query(max_length=500, description="what the user typed so far")]


@router.get("/suggest/entity", summary="Entities whose name starts with the prefix")
async def suggest_entity(
    request: Request,
    driver: DriverDep,
    settings: SettingsDep,
    prefix: Prefix,
    type: Annotated[str | None, Query(description="restrict to this type")] = None,
    cursor: Annotated[
        int, Query(ge=0, le=recon.SUGGEST_MAX - 10, description="results to skip")
    ] = 0,
) -> EntitySuggestions:
    type_ids = recon.types_of(recon.ReconQuery(type=type), "suggest")
    limits = recon.CostLimits.from_settings(settings)
    index = _index(request)

    def find() -> list[recon.EntitySuggestion]:
        index.ensure(driver, settings.neo4j_database)
        return recon.suggest_entities(
            driver, settings.neo4j_database, prefix, type_ids, cursor + 10, limits
        )

    found = await to_thread.run_sync(find, limiter=_limiter(request))
    return EntitySuggestions(result=found[cursor:])


@router.get("/suggest/type", summary="Types whose name starts with the prefix")
def suggest_type(prefix: Prefix = "") -> Suggestions:
    return Suggestions(result=recon.suggest_from(recon.TYPES, prefix))


@router.get("/suggest/property", summary="Properties whose name starts with the prefix")
def suggest_property(prefix: Prefix = "") -> Suggestions:
    return Suggestions(result=recon.suggest_from(recon.PROPERTIES, prefix))
