"""The API's routers, one module per area."""

from __future__ import annotations

from fastapi import FastAPI


def register(app: FastAPI) -> None:
    from kennisgraaf.api.routers import health, imports

    app.include_router(health.router)
    app.include_router(imports.router)
    from kennisgraaf.api.routers import sparql

    app.include_router(sparql.router)
    from kennisgraaf.api.routers import analytics, cypher, questions, reconcile, resources

    for area in (questions, resources, analytics, cypher, reconcile):
        app.include_router(area.router)
    from kennisgraaf.api.routers import linked_data, pages

    # Under the path the base IRI is served at; they read it from app.state.settings.
    linked_data.include(app)
    pages.include(app)
