"""Researchers' own Cypher, run only when Neo4j's plan shows it can read and nothing else.

The gate is the planner, not a parse of the text: an EXPLAIN (which runs nothing) must report
query type `r` and a plan free of procedure calls (they can write, reach outside the graph or
administer the server), LOAD CSV (fetches files and URLs) and SHOW commands (administration,
not the graph). The query then runs in a READ-mode auto-commit transaction — the server
refuses writes there too — with the configured timeout, and stops after the row cap.
The query text is the user's by design and goes to Neo4j unchanged; only the keyword EXPLAIN
is put in front of it for the check.
"""

from __future__ import annotations

import base64
import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any

import neo4j
from neo4j import Driver
from neo4j.exceptions import ClientError, Neo4jError
from neo4j.graph import Node, Path, Relationship
from neo4j.spatial import Point
from neo4j.time import Date, DateTime, Duration, Time

from kennisgraaf.api.errors import ApiError

log = logging.getLogger(__name__)

REFUSED_OPERATORS = {
    "ProcedureCall": "calls a procedure",
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


def _operators(plan: dict[str, Any]) -> list[str]:
    found = [str(plan.get("operatorType", "")).split("@", 1)[0]]
    for child in plan.get("children", []):
        found += _operators(child)
    return found


def check_read_only(driver: Driver, database: str, query: str, parameters: dict[str, Any]) -> None:
    """Refuse (403) anything the plan shows is not a plain read of this database."""
    with driver.session(database=database, default_access_mode=neo4j.READ_ACCESS) as session:
        try:
            summary = session.run("EXPLAIN " + query, parameters).consume()
        except Neo4jError as e:
            raise ApiError(400, "bad-query", f"Neo4j cannot plan the query: {_message(e)}") from e
    if summary.query_type != "r":
        raise ApiError(403, "not-read-only", "only read-only queries are allowed")
    if summary.database and summary.database != database:
        raise ApiError(403, "not-read-only", f"queries may only read the {database!r} database")
    for operator in _operators(summary.plan or {}):
        if operator in REFUSED_OPERATORS:
            raise ApiError(
                403,
                "not-read-only",
                f"the query {REFUSED_OPERATORS[operator]}, which is not allowed",
            )
        if operator.startswith("Show"):
            raise ApiError(403, "not-read-only", "administration commands (SHOW …) are not allowed")


def run_read_only(
    driver: Driver,
    database: str,
    query: str,
    parameters: dict[str, Any],
    timeout_s: float,
    max_rows: int,
) -> CypherRows:
    check_read_only(driver, database, query, parameters)
    rows: list[dict[str, Any]] = []
    truncated = False
    with driver.session(database=database, default_access_mode=neo4j.READ_ACCESS) as session:
        try:
            result = session.run(neo4j.Query(query, timeout=timeout_s), parameters)
            columns = list(result.keys())
            for record in result:
                if len(rows) == max_rows:
                    truncated = True
                    break
                rows.append({k: to_json(v) for k, v in zip(columns, record, strict=True)})
            # discard what the cap left unread, so the server stops producing it
            result.consume()
        except ClientError as e:
            if e.code in _TIMED_OUT:
                raise ApiError(
                    408,
                    "query-timeout",
                    f"the query ran longer than {timeout_s:g} s and was stopped",
                ) from e
            raise ApiError(400, "bad-query", _message(e)) from e
        except Neo4jError as e:
            raise ApiError(400, "bad-query", _message(e)) from e
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
