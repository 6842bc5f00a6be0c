"""Read-only Cypher for researchers, behind a token with the `query` scope."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool

from kennisgraaf.api.auth import require_scope
from kennisgraaf.api.deps import DriverDep, SettingsDep
from kennisgraaf.api.models import CypherRequest, CypherResult
from kennisgraaf.api.readonly_cypher import run_read_only

router = APIRouter(tags=["cypher"])


@router.post(
    "/cypher",
    response_model=CypherResult,
    summary="Run a read-only Cypher query",
    responses={
        401: {"description": "no valid bearer token"},
        403: {"description": "the token lacks the query scope, or the query is not read-only"},
        408: {"description": "the query ran longer than the configured timeout"},
    },
)
async def cypher(
    body: CypherRequest, request: Request, driver: DriverDep, settings: SettingsDep
) -> dict[str, Any]:
    """The query is refused unless Neo4j's plan (EXPLAIN) is read-only and free of procedure
    calls, LOAD CSV and SHOW commands. It runs in a READ transaction, is stopped after the
    configured timeout, and returns at most the configured number of rows (`truncated` says
    when there were more)."""
    require_scope(request, "query")
    result = await run_in_threadpool(
        run_read_only,
        driver,
        settings.neo4j_database,
        body.query,
        body.parameters,
        settings.cypher_timeout_s,
        settings.cypher_max_rows,
    )
    return {
        "columns": result.columns,
        "rows": result.rows,
        "truncated": result.truncated,
        "row_limit": settings.cypher_max_rows,
    }
