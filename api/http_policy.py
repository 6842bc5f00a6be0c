"""What each route may tell caches and other origins, by the tag of its router.

Every GET route's tag must be in `POLICIES` (a test holds the app to it), so a new area of the
API gets a decision, not a default. A route outside any tagged router (the OpenAPI document,
Swagger UI) is described by `UNTAGGED`, static files by `STATIC`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from starlette.routing import Match, Mount, Route
from starlette.types import Scope


@dataclass(frozen=True)
class Policy:
    cache_control: str
    validators: bool  # ETag and Last-Modified from the graph's version
    cross_origin: frozenset[str]  # methods another origin may use (CORS)


READ = frozenset({"GET", "HEAD"})
QUERY = frozenset({"GET", "HEAD", "POST"})  # POST carries a query, not a write

# Data derived from the graph: kept a minute, then revalidated (a 304 costs one small query).
DATA = Policy("public, max-age=60, must-revalidate", True, READ)
# SPARQL results: the same, kept half as long; POSTed queries are never stored (see NOT_STORED).
SPARQL = Policy("public, max-age=30", True, QUERY)
RECONCILIATION = Policy("public, max-age=60, must-revalidate", True, QUERY)
# State that changes without the graph changing (a running import, the server's health).
VOLATILE = Policy("no-store", False, READ)
# Token routes (writes, Cypher) and uploads: never stored, never called from another origin.
PRIVATE = Policy("no-store", False, frozenset())
STATIC = Policy("public, max-age=3600", False, READ)
UNTAGGED = DATA
NOT_STORED = "no-store"

POLICIES: dict[str, Policy] = {
    "linked data": DATA,
    "pages": DATA,
    "questions": DATA,
    "resources": DATA,
    "analytics": DATA,
    "sparql": SPARQL,
    "reconciliation": RECONCILIATION,
    "service": VOLATILE,
    "validation and import": VOLATILE,
    "cypher": PRIVATE,
    "restricted": PRIVATE,
}


def policy_of(route: Any) -> Policy:
    """The policy of a matched route (a scope's "route"); PRIVATE when no route matched."""
    if route is None:
        return PRIVATE
    if isinstance(route, Mount):
        return STATIC
    tags = getattr(route, "tags", None) or []
    if not tags:
        return UNTAGGED
    return POLICIES.get(str(tags[0]), PRIVATE)


def cross_origin(route: Any, method: str) -> bool:
    """Whether another origin may make this request (GET and HEAD count alike)."""
    allowed = policy_of(route).cross_origin
    if route is None:
        return method in READ  # an unknown path: its 404 may be read
    return method in allowed


def route_for(scope: Scope, sent: Scope, method: str) -> Any:
    """The route a request with `method` would reach: the one routing recorded in `scope`, else
    the app's own route matching the request as it was `sent` (the router records none when only
    the method did not match)."""
    found = scope.get("route")
    if found is not None:
        return found
    probe = {**sent, "method": method}
    for route in scope["app"].router.routes:
        if isinstance(route, Route | Mount) and route.matches(probe)[0] == Match.FULL:
            return route
    return None
