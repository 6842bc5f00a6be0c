"""Researchers' own Cypher, run only when its text and Neo4j's plan both show it only reads.

Two gates, the first deciding alone where it can. The text gate (api/cypher_text.py) allows
listed clauses, procedures and functions and caps length, tokens and nesting, so commands such
as TERMINATE TRANSACTIONS and texts that overflow Neo4j's parser are refused (400) before
Neo4j sees them. Then an EXPLAIN (which runs nothing, under the query's timeout) must report
query type `r` and a plan free of LOAD CSV, SHOW commands and procedure calls other than the
listed read-only ones (403). The query then runs in a READ-mode auto-commit transaction — the
server refuses writes there too — with the configured timeout, and stops after the row cap.
The query text is the user's by design and goes to Neo4j unchanged; only the keyword EXPLAIN
is put in front of it for the check. A database that does not answer in time is a 504, one
that cannot be reached or is busy a 503, the query's own timeout a 408 — never a 500.
"""

from __future__ import annotations

import base64
import datetime as dt
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import neo4j
from neo4j import Driver
from neo4j._exceptions import BoltError, SocketDeadlineExceededError
from neo4j.exceptions import (
    ClientError,
    ConnectionPoolError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)
from neo4j.graph import Node, Path, Relationship
from neo4j.spatial import Point
from neo4j.time import Date, DateTime, Duration, Time

from kennisgraaf.api.cypher_text import ALLOWED_PROCEDURES, TextLimits, check_text
from kennisgraaf.api.errors import ApiError

log = logging.getLogger(__name__)

REFUSED_OPERATORS = {
    "LoadCSV": "uses LOAD CSV",
}
_TIMED_OUT = (
    "Neo.ClientError.Transaction.TransactionTimedOut",
    "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration",
)


@dataclass(frozen=True)
class CypherRows:
    columns: list[str]
    rows: list[dict[str, Any]]
    truncated: bool


def _operators(plan: dict[str, Any]) -> list[tuple[str, str]]:
    """(operator, details) of every step of the plan."""
    args = plan.get("args") or {}
    found = [(str(plan.get("operatorType", "")).split("@", 1)[0], str(args.get("Details", "")))]
    for child in plan.get("children", []):
        found += _operators(child)
    return found


@contextmanager
def _database_errors(timeout_s: float, step: str = "running") -> Iterator[None]:
    """Neo4j's refusals and failures as HTTP answers with a JSON body."""
    try:
        yield
    except Neo4jError as e:
        if e.code in _TIMED_OUT:
            raise ApiError(
                408,
                "query-timeout",
                f"{step} the query took longer than {timeout_s:g} s and was stopped",
            ) from e
        if not isinstance(e, ClientError):  # transient and database errors are the server's
            raise _unavailable(e) from e
        raise ApiError(400, "bad-query", _message(e)) from e
    except (TimeoutError, SocketDeadlineExceededError) as e:
        raise _timed_out(e) from e
    except (ServiceUnavailable, SessionExpired, ConnectionPoolError, BoltError, OSError) as e:
        raise (_timed_out(e) if _caused_by_timeout(e) else _unavailable(e)) from e


def _caused_by_timeout(error: BaseException) -> bool:
    seen: BaseException | None = error
    for _ in range(10):  # a cause chain is short; a cycle must not loop
        if seen is None:
            return False
        if isinstance(seen, TimeoutError | SocketDeadlineExceededError):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _timed_out(error: BaseException) -> ApiError:
    log.warning("read-only cypher: Neo4j did not answer in time: %s", error)
    return ApiError(504, "database-timeout", "the database did not answer in time; try again")


def _unavailable(error: BaseException) -> ApiError:
    log.warning("read-only cypher: Neo4j unavailable: %s", error)
    return ApiError(
        503, "database-unavailable", "the database cannot serve the query now; try again"
    )


def check_read_only(
    driver: Driver, database: str, query: str, parameters: dict[str, Any], timeout_s: float
) -> None:
    """Refuse (403) anything the plan shows is not a plain read of this database; planning
    is stopped after `timeout_s` (408)."""
    with (
        _database_errors(timeout_s, "planning"),
        driver.session(database=database, default_access_mode=neo4j.READ_ACCESS) as session,
    ):
        try:
            plan = session.run(neo4j.Query("EXPLAIN " + query, timeout=timeout_s), parameters)
            summary = plan.consume()
        except Neo4jError as e:
            if e.code in _TIMED_OUT or not isinstance(e, ClientError):
                raise
            raise ApiError(400, "bad-query", f"Neo4j cannot plan the query: {_message(e)}") from e
    if summary.query_type != "r":
        raise ApiError(403, "not-read-only", "only read-only queries are allowed")
    if summary.database and summary.database != database:
        raise ApiError(403, "not-read-only", f"queries may only read the {database!r} database")
    for operator, details in _operators(summary.plan or {}):
        if operator in REFUSED_OPERATORS:
            raise ApiError(
                403,
                "not-read-only",
                f"the query {REFUSED_OPERATORS[operator]}, which is not allowed",
            )
        if operator.startswith("Show"):
            raise ApiError(403, "not-read-only", "administration commands (SHOW …) are not allowed")
        procedure = details.split("(", 1)[0].strip()
        if operator == "ProcedureCall" and procedure.casefold() not in ALLOWED_PROCEDURES:
            raise ApiError(
                403, "not-read-only", f"the query calls the procedure {procedure}, not allowed"
            )


def run_read_only(
    driver: Driver,
    database: str,
    query: str,
    parameters: dict[str, Any],
    timeout_s: float,
    max_rows: int,
    limits: TextLimits,
    plan_timeout_s: float,
) -> CypherRows:
    check_text(query, limits)
    check_read_only(driver, database, query, parameters, plan_timeout_s)
    rows: list[dict[str, Any]] = []
    truncated = False
    with (
        _database_errors(timeout_s),
        driver.session(database=database, default_access_mode=neo4j.READ_ACCESS) as session,
    ):
        result = session.run(neo4j.Query(query, timeout=timeout_s), parameters)
        columns = list(result.keys())
        for record in result:
            if len(rows) == max_rows:
                truncated = True
                break
            rows.append({k: to_json(v) for k, v in zip(columns, record, strict=True)})
        # discard what the cap left unread, so the server stops producing it
        result.consume()
    log.info("read-only cypher: %d rows%s", len(rows), " (truncated)" if truncated else "")
    return CypherRows(columns, rows, truncated)


def _message(error: Neo4jError) -> str:
    return error.message or str(error)


def to_json(value: Any) -> Any:
    """A JSON value for anything Neo4j returns."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list | tuple):
        return [to_json(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, Node):
        return {
            "element_id": value.element_id,
            "labels": sorted(value.labels),
            "properties": to_json(dict(value)),
        }
    if isinstance(value, Relationship):
        return {
            "element_id": value.element_id,
            "type": value.type,
            "start": value.start_node.element_id if value.start_node else None,
            "end": value.end_node.element_id if value.end_node else None,
            "properties": to_json(dict(value)),
        }
    if isinstance(value, Path):
        return {
            "nodes": [to_json(n) for n in value.nodes],
            "relationships": [to_json(r) for r in value.relationships],
        }
    if isinstance(value, Date | DateTime | Time | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, Duration | dt.timedelta):
        return str(value)
    if isinstance(value, Point):
        return {"srid": value.srid, "coordinates": list(value)}
    if isinstance(value, bytes | bytearray):
        return base64.b64encode(bytes(value)).decode("ascii")
    return str(value)
