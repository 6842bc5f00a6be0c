"""The API's routers, one module per area."""

from __future__ import annotations

from fastapi import FastAPI


def register(app: FastAPI) -> None:
    from kennisgraaf.api.routers import (
        analytics,
        cypher,
        health,
        imports,
        linked_data,
        pages,
        questions,
        reconcile,
        resources,
    )

    for area in (health, imports, questions, resources, analytics, cypher, reconcile):
        app.include_router(area.router)
    # Under the path the base IRI is served at; they read it from app.state.settings.
    linked_data.include(app)
    pages.include(app)
