"""Run a named query read-only and check that an IRI names what a caller expects."""

from __future__ import annotations

import datetime as dt
from typing import Any

import neo4j
from neo4j import Driver

from kennisgraaf.errors import InputError
from kennisgraaf.queries.registry import get_query


def read(driver: Driver, database: str, name: str, **params: Any) -> list[dict[str, Any]]:
    """Rows of the named query, its parameters checked by the registry, in a READ transaction."""
    query = get_query(name)
    records, _, _ = driver.execute_query(
        query.text, query.bind(params), database_=database, routing_=neo4j.RoutingControl.READ
    )
    return [dict(r) for r in records]


def labels_of(driver: Driver, database: str, iri: str) -> frozenset[str]:
    """The labels of the resource, or an InputError naming the IRI when the graph lacks it."""
    if not iri:
        raise InputError("an IRI is required")
    rows = read(driver, database, "lookup.resource_labels", iri=iri)
    if not rows:
        raise InputError(f"no resource with IRI {iri!r} in the graph")
    return frozenset(rows[0]["labels"])


def to_date(value: Any) -> dt.date | None:
    """A Python date from a neo4j Date (or None)."""
    if value is None:
        return None
    to_native = getattr(value, "to_native", None)
    native = to_native() if callable(to_native) else value
    return native if isinstance(native, dt.date) else None


def check_limit(limit: int, maximum: int = 1000) -> int:
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= maximum:
        raise InputError(f"limit must be an integer between 1 and {maximum}, not {limit!r}")
    return limit
