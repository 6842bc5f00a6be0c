"""Liveness and the server it talks to."""

from __future__ import annotations

from fastapi import APIRouter, Request

from kennisgraaf.api.models import Health, Neo4jServer
from kennisgraaf.graph.connection import server_info

router = APIRouter(tags=["service"])


@router.get("/health", summary="Is the service up, and which Neo4j does it use?")
def health(request: Request) -> Health:
    settings = request.app.state.settings
    info = server_info(request.app.state.driver, settings.neo4j_database)
    jobs = request.app.state.import_jobs
    imports = {"running": jobs.running_pid() is not None, **jobs.counts()}
    return Health(
        status="ok", neo4j=Neo4jServer(**info), base_iri=settings.base_iri, imports=imports
    )
