"""One error handler: kennisgraaf's error kinds become HTTP statuses with a JSON body."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from kennisgraaf.errors import (
    ConfigurationError,
    InputError,
    KennisgraafError,
    Neo4jUnavailableError,
    ValidationError,
)

log = logging.getLogger(__name__)


class ApiError(KennisgraafError):
    """An HTTP-level refusal (authentication, media type, size) with its status code."""

    def __init__(self, status: int, kind: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.kind = kind


_STATUS: list[tuple[type[KennisgraafError], int, str]] = [
    (InputError, 400, "bad-input"),
    (ValidationError, 422, "validation-failed"),
    (Neo4jUnavailableError, 503, "database-unavailable"),
    (ConfigurationError, 500, "configuration"),
]


def problem(status: int, kind: str, message: str, **extra: object) -> JSONResponse:
    body = {"status": status, "error": kind, "message": message, **extra}
    return JSONResponse(body, status_code=status)


def install(app: FastAPI) -> None:
    @app.exception_handler(KennisgraafError)
    async def _kennisgraaf(_: Request, exc: KennisgraafError) -> JSONResponse:
        if isinstance(exc, ApiError):
            return problem(exc.status, exc.kind, str(exc))
        for kind, status, name in _STATUS:
            if isinstance(exc, kind):
                if status >= 500:
                    log.error("%s: %s", name, exc)
                return problem(status, name, str(exc))
        log.error("unexpected kennisgraaf error: %s", exc)
        return problem(500, "internal", str(exc))

    @app.exception_handler(RequestValidationError)
    async def _request(_: Request, exc: RequestValidationError) -> JSONResponse:
        details = [
            {"where": ".".join(str(p) for p in e.get("loc", ())), "problem": e.get("msg", "")}
            for e in exc.errors()
        ]
        return problem(422, "invalid-parameters", "the request's parameters are not valid",
                       details=details)  # fmt: skip
