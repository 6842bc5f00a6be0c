"""The FastAPI application: JSON API, linked data, SPARQL, reconciliation, validation, import
and HTML pages, all over the one configured Neo4j."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import partial

from fastapi import FastAPI
from fastapi.concurrency import run_in_threadpool
from neo4j import Driver
from starlette.middleware.gzip import GZipMiddleware

from kennisgraaf.api import errors, swagger
from kennisgraaf.api.html import base_path
from kennisgraaf.api.http_cache import HttpCaching
from kennisgraaf.api.http_cors import Cors
from kennisgraaf.api.http_head import HeadAsGet
from kennisgraaf.api.http_version import GraphVersions
from kennisgraaf.api.import_jobs import ImportJobs
from kennisgraaf.api.limits import BodySizeLimit
from kennisgraaf.api.rate_limit import RateLimit, groups
from kennisgraaf.api.routers import register
from kennisgraaf.api.security_headers import SecurityHeaders
from kennisgraaf.api.upload_pool import UploadPool
from kennisgraaf.graph.connection import open_driver, remember_bookmarks
from kennisgraaf.settings import Settings, get_settings

DESCRIPTION = """The knowledge graph of the Dutch education knowledge infrastructure: who asks
which questions, which studies answer them, how that knowledge is organised, shared and used.
Every resource IRI dereferences here (JSON-LD, Turtle, N-Triples, RDF/XML, HTML)."""
GZIP_MIN_BYTES = 1024  # smaller bodies gain too little for the work of compressing them


def create_app(settings: Settings | None = None, driver: Driver | None = None) -> FastAPI:
    """The app; with `driver` given (tests), that driver is used and not closed by the app."""
    s = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        own = driver is None
        app.state.driver = driver or open_driver(s)
        # Uploads are parsed in worker processes; imports run as jobs in processes of their own.
        app.state.upload_pool = UploadPool(s)
        app.state.import_jobs = ImportJobs(
            s, on_commit=partial(remember_bookmarks, app.state.driver)
        )
        try:
            yield
        finally:
            # The running import commits its batch in flight and is recorded as interrupted.
            await run_in_threadpool(app.state.import_jobs.stop, s.import_stop_timeout_s)
            app.state.upload_pool.close()
            if own:
                app.state.driver.close()

    app = FastAPI(
        title="kennisgraaf",
        version="0.1.0",
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,  # served by api.swagger under its own Content-Security-Policy
        redoc_url=None,
    )
    app.state.settings = s
    app.add_middleware(BodySizeLimit, max_bytes=s.max_upload_bytes)
    if s.rate_limit_enabled:
        # outside the size limit: a client over its rate is refused before its body is read
        app.add_middleware(RateLimit, groups=groups(s, base_path(s.base_iri) + "/search"))
    # Level 6: most of level 9's gain at a fraction of its time, so dumps stream on apace.
    app.add_middleware(GZipMiddleware, minimum_size=GZIP_MIN_BYTES, compresslevel=6)
    app.add_middleware(HttpCaching, versions=GraphVersions())  # sees the coding gzip chose
    app.add_middleware(Cors)  # outside the rate limit: a browser may read a 429 too
    app.add_middleware(HeadAsGet)
    app.add_middleware(SecurityHeaders)  # outermost: refusals of the size limit get it too
    errors.install(app)
    swagger.include(app)
    register(app)
    return app
