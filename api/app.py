"""The FastAPI application: JSON API, linked data, SPARQL, reconciliation, validation, import
and HTML pages, all over the one configured Neo4j."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from neo4j import Driver

from kennisgraaf.api import errors
from kennisgraaf.api.limits import BodySizeLimit
from kennisgraaf.settings import Settings, get_settings

DESCRIPTION = """The knowledge graph of the Dutch education knowledge infrastructure: who asks
which questions, which studies answer them, how that knowledge is organised, shared and used.
Every resource IRI dereferences here (JSON-LD, Turtle, N-Triples, RDF/XML, HTML)."""


def create_app(settings: Settings | None = None, driver: Driver | None = None) -> FastAPI:
    """The app; with `driver` given (tests), that driver is used and not closed by the app."""
    s = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        from kennisgraaf.graph.connection import open_driver

        own = driver is None
        app.state.driver = driver or open_driver(s)
        try:
            yield
        finally:
            if own:
                app.state.driver.close()

    app = FastAPI(
        title="kennisgraaf",
        version="0.1.0",
        description=DESCRIPTION,
        lifespan=lifespan,
    )
    app.state.settings = s
    app.add_middleware(BodySizeLimit, max_bytes=s.max_upload_bytes)
    errors.install(app)
    from kennisgraaf.api.routers import register

    register(app)
    return app
