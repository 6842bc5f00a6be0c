"""The reconciliation service (Reconciliation Service API 0.2) for OpenRefine and friends.

Every response of these routes — errors included — carries `Access-Control-Allow-Origin: *`,
as the specification asks, so browser-based clients can call the service; no other route of
the API does.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Coroutine
from typing import Annotated, Any
from urllib.parse import parse_qs

from fastapi import APIRouter, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse
from fastapi.routing import APIRoute

from kennisgraaf.api import reconciliation as recon
from kennisgraaf.api.deps import DriverDep, SettingsDep
from kennisgraaf.api.graphdata import id_root
from kennisgraaf.api.routers.pages import preview_page
from kennisgraaf.errors import InputError
from kennisgraaf.queries._run import read

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


def _root(request: Request) -> str:
    return str(request.base_url).rstrip("/")


def manifest(request: Request, base_iri: str) -> dict[str, Any]:
    root = _root(request)
    suggest = {
        kind: {"service_url": root, "service_path": f"/reconcile/suggest/{kind}"}
        for kind in ("entity", "type", "property")
    }
    return {
        "versions": ["0.2"],
        "name": "kennisgraaf — Dutch education knowledge infrastructure",
        "identifierSpace": id_root(base_iri) + "id/",
        "schemaSpace": id_root(base_iri) + "def#",
        "documentation": root + "/docs",
        "serviceVersion": request.app.version,
        "defaultTypes": [
            {"id": t, "name": recon.TYPES[t].name, "description": recon.TYPES[t].description}
            for t in recon.DEFAULT_TYPES
        ],
        "view": {"url": "{{id}}"},
        "preview": {"url": root + "/reconcile/preview?id={{id}}", "width": 420, "height": 140},
        "suggest": suggest,
    }


def _parse_queries(text: str) -> dict[str, recon.ReconQuery]:
    try:
        raw = json.loads(text)
    except ValueError as e:
        raise InputError(f"queries is not valid JSON: {e}") from e
    return recon.parse_batch(raw)


async def _answer(
    request: Request, driver: Any, settings: Any, queries: str | None
) -> dict[str, Any]:
    if queries is None:
        return manifest(request, settings.base_iri)
    batch = _parse_queries(queries)
    result: dict[str, Any] = await run_in_threadpool(
        recon.reconcile, driver, settings.neo4j_database, batch
    )
    return result


QueriesParam = Annotated[
    str | None,
    Query(description="a JSON object of named queries; without it, the service manifest"),
]


@router.get("", summary="Service manifest, or the results of a batch of queries")
async def reconcile_get(
    request: Request, driver: DriverDep, settings: SettingsDep, queries: QueriesParam = None
) -> dict[str, Any]:
    return await _answer(request, driver, settings, queries)


@router.post("", summary="Results of a batch of queries (form field `queries`)")
async def reconcile_post(
    request: Request, driver: DriverDep, settings: SettingsDep, queries: QueriesParam = None
) -> dict[str, Any]:
    if queries is None:
        body = (await request.body()).decode("utf-8", errors="replace")
        form = parse_qs(body, keep_blank_values=True)
        if "queries" not in form:
            raise InputError("a POST needs the form field queries (a JSON object of queries)")
        queries = form["queries"][0]
    return await _answer(request, driver, settings, queries)


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
def suggest_entity(
    driver: DriverDep,
    settings: SettingsDep,
    prefix: Prefix,
    type: Annotated[str | None, Query(description="restrict to this type")] = None,
    cursor: Annotated[int, Query(ge=0, le=10_000, description="results to skip")] = 0,
) -> dict[str, Any]:
    type_ids = recon.types_of(recon.ReconQuery(type=type), "suggest")
    found = recon.suggest_entities(
        driver, settings.neo4j_database, prefix, type_ids, limit=cursor + 10
    )
    return {"result": found[cursor:]}


@router.get("/suggest/type", summary="Types whose name starts with the prefix")
def suggest_type(prefix: Prefix = "") -> dict[str, Any]:
    return {"result": recon.suggest_from(recon.TYPES, prefix)}


@router.get("/suggest/property", summary="Properties whose name starts with the prefix")
def suggest_property(prefix: Prefix = "") -> dict[str, Any]:
    return {"result": recon.suggest_from(recon.PROPERTIES, prefix)}
