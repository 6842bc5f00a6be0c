"""The API's routers, one module per area."""

from __future__ import annotations

from fastapi import FastAPI


def register(app: FastAPI) -> None:
    from kennisgraaf.api.routers import health, imports

    app.include_router(health.router)
    app.include_router(imports.router)
