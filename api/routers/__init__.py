"""The API's routers, one module per area."""

from __future__ import annotations

from fastapi import FastAPI

from kennisgraaf.api.routers import (
    analytics,
    cypher,
    health,
    imports,
    linked_data,
    nro,
    pages,
    questions,
    reconcile,
    resources,
    restricted,
    sparql,
)


def register(app: FastAPI) -> None:
    # The fixed paths first; linked data and pages serve everything under the base IRI's path.
    for area in (
        health,
        imports,
        sparql,
        questions,
        resources,
        analytics,
        nro,
        cypher,
        reconcile,
        restricted,
    ):
        app.include_router(area.router)
    linked_data.include(app)
    pages.include(app)
