"""`/sparql`: a read-only SPARQL 1.1 Protocol endpoint over the graph (see `kennisgraaf.sparql`).

GET `?query=`, POST `application/sparql-query` and POST form `query=`; `default-graph-uri` and
`named-graph-uri` as the protocol has them. SELECT/ASK answer as SPARQL results JSON (default),
XML, CSV or TSV; CONSTRUCT/DESCRIBE in every RDF format of `kennisgraaf.rdf_formats` (Turtle
the default).
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any
from urllib.parse import parse_qs

from fastapi import APIRouter, FastAPI, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from kennisgraaf.api.errors import ApiError, problem
from kennisgraaf.sparql.formats import GRAPH_FORMATS, RESULT_FORMATS
from kennisgraaf.sparql.refusals import (
    NotAcceptableError,
    RetryLaterError,
    SparqlError,
    refuse_update,
    too_long,
)
from kennisgraaf.sparql.service import LIMIT_HEADER, TRUNCATED_HEADER, SparqlService

_creating = threading.Lock()


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    yield
    service: SparqlService | None = getattr(app.state, "sparql", None)
    if service is not None:
        app.state.sparql = None
        await run_in_threadpool(service.close)


router = APIRouter(tags=["sparql"], lifespan=_lifespan)

_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "Query results (SELECT/ASK) or a graph (CONSTRUCT/DESCRIBE). The header "
        f"`{TRUNCATED_HEADER}` says whether `{LIMIT_HEADER}` cut the results.",
        "content": {
            **{f.media_type: {} for f in RESULT_FORMATS},
            **{f.media_type: {} for f in GRAPH_FORMATS},
        },
    },
    400: {
        "description": "Syntax error (with line and column); update or SERVICE refused; "
        "query too long, too deeply nested or past the memory limit of a query"
    },
    406: {"description": "No acceptable format for this kind of query"},
    415: {"description": "POST body neither a SPARQL query nor a form"},
    503: {
        "description": "The query overran the time limit and was stopped, or every query "
        "process is busy (with Retry-After)"
    },
}
_EXAMPLE = "SELECT ?question ?text WHERE { ?question a <https://w3id.org/kennisgraaf/def#KnowledgeQuestion> ; <http://purl.org/dc/terms/title> ?text } LIMIT 10"  # noqa: E501
GraphsParam = Annotated[list[str] | None, Query()]


def _create_service(state: Any) -> SparqlService:
    """The app's SPARQL service, made on first use (it starts processes: not on the loop)."""
    with _creating:
        service: SparqlService | None = getattr(state, "sparql", None)
        if service is None:
            service = state.sparql = SparqlService(state.settings, state.driver)
        return service


async def _answer(
    request: Request, query: str, default_graphs: list[str], named_graphs: list[str]
) -> Response:
    if not query.strip():
        raise ApiError(400, "missing-query", "the query is empty")
    state = request.app.state
    service: SparqlService | None = getattr(state, "sparql", None)
    if service is None:
        service = await run_in_threadpool(_create_service, state)
    try:
        answer = await run_in_threadpool(
            service.execute, query, request.headers.get("accept"), default_graphs, named_graphs
        )
    except RetryLaterError as e:
        refusal = problem(e.status, e.kind, str(e))
        refusal.headers["Retry-After"] = e.retry_after
        return refusal
    except NotAcceptableError as e:
        refusal = problem(e.status, e.kind, str(e), available=e.available)
        refusal.headers["Vary"] = "Accept"
        return refusal
    except SparqlError as e:
        raise _api_error(e) from e
    headers = {
        "Vary": "Accept",
        TRUNCATED_HEADER: "true" if answer.truncated else "false",
        LIMIT_HEADER: str(service.settings.sparql_max_results),
    }
    return Response(answer.body, media_type=answer.media_type, headers=headers)


def _api_error(e: SparqlError) -> ApiError:
    """The refusal as the API answers every refusal (a 503 also says when to try again)."""
    return ApiError(e.status, e.kind, str(e))


def _single(values: list[str], name: str) -> str | None:
    if len(values) > 1:
        raise ApiError(400, "invalid-parameters", f"give '{name}' once, not {len(values)} times")
    return values[0] if values else None


@router.get("/sparql", summary="SPARQL 1.1 query (GET)", responses=_RESPONSES)
async def sparql_get(
    request: Request,
    query: Annotated[
        str | None, Query(description="A SPARQL 1.1 query", examples=[_EXAMPLE])
    ] = None,
    default_graph_uri: Annotated[list[str] | None, Query(alias="default-graph-uri")] = None,
    named_graph_uri: Annotated[list[str] | None, Query(alias="named-graph-uri")] = None,
) -> Response:
    params = request.query_params
    if "update" in params:
        raise _api_error(refuse_update("the 'update' parameter"))
    text = _single(params.getlist("query"), "query")
    if text is None:
        raise ApiError(400, "missing-query", "give a SPARQL query in the 'query' parameter")
    return await _answer(request, text, default_graph_uri or [], named_graph_uri or [])


@router.post(
    "/sparql",
    summary="SPARQL 1.1 query (POST: a query body or a form)",
    responses=_RESPONSES,
    openapi_extra={
        "requestBody": {
            "content": {
                "application/sparql-query": {
                    "schema": {"type": "string"}, "example": _EXAMPLE},
                "application/x-www-form-urlencoded": {
                    "schema": {
                        "type": "object",
                        "properties": {
                            "query": {"type": "string"},
                            "default-graph-uri": {"type": "array", "items": {"type": "string"}},
                            "named-graph-uri": {"type": "array", "items": {"type": "string"}},
                        },
                        "required": ["query"],
                    }
                },
            },
            "required": True,
        }
    },
)  # fmt: skip
async def sparql_post(request: Request) -> Response:
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    body = await request.body()
    # A character takes at most 4 bytes of UTF-8, 12 once percent-encoded in a form: a body
    # past that is refused before it is decoded or parsed on the event loop.
    limit = request.app.state.settings.sparql_max_query_chars
    if len(body) > limit * (12 if media == "application/x-www-form-urlencoded" else 4):
        raise _api_error(too_long(len(body), limit, "bytes"))
    if media == "application/sparql-update":
        raise _api_error(refuse_update("an application/sparql-update request"))
    if media == "application/sparql-query":
        params = request.query_params
        return await _answer(request, _utf8(body), params.getlist("default-graph-uri"),
                             params.getlist("named-graph-uri"))  # fmt: skip
    if media == "application/x-www-form-urlencoded":
        try:
            form = parse_qs(body.decode("ascii"), keep_blank_values=True, errors="strict")
        except UnicodeDecodeError as e:
            raise ApiError(400, "bad-input", "the form is not valid URL-encoded UTF-8") from e
        if "update" in form:
            raise _api_error(refuse_update("the 'update' form field"))
        text = _single(form.get("query", []), "query")
        if text is None:
            raise ApiError(400, "missing-query", "give a SPARQL query in the 'query' form field")
        return await _answer(request, text, form.get("default-graph-uri", []),
                             form.get("named-graph-uri", []))  # fmt: skip
    raise ApiError(
        415, "unsupported-media-type",
        "POST a query as application/sparql-query or as a form "
        f"(application/x-www-form-urlencoded), not {media or 'without a Content-Type'}",
    )  # fmt: skip


def _utf8(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as e:
        raise ApiError(400, "bad-input", f"the query is not UTF-8 (byte {e.start})") from e
