"""Liveness and the server it talks to."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from kennisgraaf.graph.connection import server_info

router = APIRouter(tags=["service"])


@router.get("/health", summary="Is the service up, and which Neo4j does it use?")
def health(request: Request) -> dict[str, Any]:
    settings = request.app.state.settings
    info = server_info(request.app.state.driver, settings.neo4j_database)
    jobs = request.app.state.import_jobs
    imports = {"running": jobs.running_pid() is not None, **jobs.counts()}
    return {"status": "ok", "neo4j": info, "base_iri": settings.base_iri, "imports": imports}
