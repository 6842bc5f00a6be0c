"""Read-only Cypher for researchers, behind a token with the `query` scope."""

from __future__ import annotations

from fastapi import APIRouter, Request

from kennisgraaf.api.audit import audit, iris_in, token_actor
from kennisgraaf.api.auth import require_scope
from kennisgraaf.api.cypher_text import TextLimits
from kennisgraaf.api.deps import DriverDep, SettingsDep
from kennisgraaf.api.models import CypherRequest, CypherResult
from kennisgraaf.api.readonly_cypher import run_read_only
from kennisgraaf.api.restricted_cypher import check_public_query, public_rows

router = APIRouter(tags=["cypher"])


@router.post(
    "/cypher",
    summary="Run a read-only Cypher query",
    responses={
        400: {
            "description": "the query is malformed, over a cap (length, tokens, nesting) or "
            "uses something /cypher does not accept (a write, a command, a procedure or "
            "function not on its list)"
        },
        401: {"description": "no valid bearer token"},
        403: {"description": "the token lacks the query scope, or the plan is not read-only"},
        408: {"description": "planning or running the query took longer than its timeout"},
        503: {"description": "the database cannot be reached or is busy"},
        504: {"description": "the database did not answer in time"},
    },
)
def cypher(
    body: CypherRequest, request: Request, driver: DriverDep, settings: SettingsDep
) -> CypherResult:
    """Accepted: queries that begin with MATCH, OPTIONAL MATCH, WITH, UNWIND, RETURN or CALL
    and use only reading clauses (WHERE, ORDER BY, SKIP, LIMIT, UNION, CALL { … }, EXISTS /
    COUNT / COLLECT subqueries, CASE), Neo4j's built-in functions and the read-only procedures
    db.labels, db.relationshipTypes, db.propertyKeys, db.schema.* and
    db.index.fulltext.query*. Refused before Neo4j sees them (400): writes, LOAD CSV, USE,
    SHOW / TERMINATE and other commands, EXPLAIN / PROFILE / CYPHER prefixes, hints, and texts
    over the length, token or nesting caps; `\\uXXXX` escapes too (Neo4j decodes them before it
    reads the text; write the character itself). Neo4j's plan (EXPLAIN) must then be read-only.
    The query runs in a READ transaction (a plain `def` route: the driver blocks, so it runs in
    the thread pool), is stopped after the configured timeout, and returns at most the
    configured number of rows (`truncated` says when there were more)."""
    token = require_scope(request, "query")
    public = "restricted" not in token.scopes  # personal data: see api/restricted_cypher.py
    if public:
        check_public_query(body.query, body.parameters, settings.cypher_max_tokens)
    result = run_read_only(
        driver,
        settings.neo4j_database,
        body.query,
        body.parameters,
        settings.cypher_timeout_s,
        settings.cypher_max_rows,
        TextLimits(
            max_length=settings.cypher_max_length,
            max_tokens=settings.cypher_max_tokens,
            max_depth=settings.cypher_max_depth,
        ),
        settings.cypher_plan_timeout_s,
    )
    if not public:  # restricted data read: audited (api/audit.py)
        audit(settings, token_actor(token), "POST /cypher", iris_in(result.rows), query=body.query)
    return CypherResult(
        columns=result.columns,
        rows=public_rows(result.rows) if public else result.rows,
        truncated=result.truncated,
        row_limit=settings.cypher_max_rows,
    )
