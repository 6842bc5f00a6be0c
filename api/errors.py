"""One error handler: kennisgraaf's error kinds become HTTP statuses with a JSON body."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from neo4j.exceptions import DatabaseError, Neo4jError, ServiceUnavailable, SessionExpired

from kennisgraaf.errors import (
    ConfigurationError,
    InputError,
    InputLimitError,
    KennisgraafError,
    LoadBusyError,
    LoadInterruptedError,
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
    (InputLimitError, 413, "input-limit"),  # before InputError, its kind
    (InputError, 400, "bad-input"),
    (ValidationError, 422, "validation-failed"),
    (Neo4jUnavailableError, 503, "database-unavailable"),
    (LoadBusyError, 409, "load-busy"),  # another load holds the writer lease
    (LoadInterruptedError, 503, "load-interrupted"),  # stopped after a batch; send it again
    (ConfigurationError, 500, "configuration"),
]


def status_of(exc: KennisgraafError) -> tuple[int, str]:
    """The HTTP status and error name an error kind is answered with."""
    if isinstance(exc, ApiError):
        return exc.status, exc.kind
    for kind, status, name in _STATUS:
        if isinstance(exc, kind):
            return status, name
    return 500, "internal"


def problem(status: int, kind: str, message: str, **extra: object) -> JSONResponse:
    body = {"status": status, "error": kind, "message": message, **extra}
    return JSONResponse(body, status_code=status)


# Seconds a client is told to wait before asking again when the database is away.
RETRY_AFTER_S = 5


def database_problem(exc: Exception) -> JSONResponse | None:
    """The answer for a database (or connection) failure, None for anything else: a timeout is
    504, a database that cannot be reached or failed is 503 with Retry-After — the client did
    nothing wrong, and neither is a bug of ours to report as 500."""
    if _is_timeout(exc):
        return problem(504, "database-timeout",
                       "the database did not answer in time; try again later")  # fmt: skip
    if isinstance(exc, ServiceUnavailable | SessionExpired | DatabaseError | ConnectionError) or (
        isinstance(exc, Neo4jError) and exc.is_retryable()
    ):
        response = problem(503, "database-unavailable",
                           "the database is not available; try again later")  # fmt: skip
        response.headers["Retry-After"] = str(RETRY_AFTER_S)
        return response
    return None


def _is_timeout(exc: Exception) -> bool:
    if isinstance(exc, TimeoutError):  # socket timeouts included
        return True
    code = getattr(exc, "code", None) or ""
    return isinstance(exc, Neo4jError) and ("TimedOut" in code or "Timeout" in code)


def install(app: FastAPI) -> None:
    @app.exception_handler(KennisgraafError)
    async def _kennisgraaf(_: Request, exc: KennisgraafError) -> JSONResponse:
        if isinstance(exc, ApiError):
            refusal = problem(exc.status, exc.kind, str(exc))
            if exc.status == 503:  # whatever is unavailable: when to ask again
                refusal.headers.setdefault("Retry-After", str(RETRY_AFTER_S))
            return refusal
        for kind, status, name in _STATUS:
            if isinstance(exc, kind):
                if status >= 500:
                    log.error("%s: %s", name, exc)
                answer = problem(status, name, str(exc))
                if isinstance(exc, Neo4jUnavailableError):
                    answer.headers["Retry-After"] = str(RETRY_AFTER_S)
                return answer
        log.error("unexpected kennisgraaf error: %s", exc)
        return problem(500, "internal", str(exc))

    async def _database(_: Request, exc: Exception) -> JSONResponse:
        answer = database_problem(exc)
        if answer is None:
            raise exc  # not a database failure: the server's own error handling takes it
        log.warning("database failure answered %d: %s", answer.status_code, exc)
        return answer

    for failure in (Neo4jError, ServiceUnavailable, SessionExpired, TimeoutError, ConnectionError):
        app.add_exception_handler(failure, _database)

    @app.exception_handler(RequestValidationError)
    async def _request(_: Request, exc: RequestValidationError) -> JSONResponse:
        details = [
            {"where": ".".join(str(p) for p in e.get("loc", ())), "problem": e.get("msg", "")}
            for e in exc.errors()
        ]
        return problem(422, "invalid-parameters", "the request's parameters are not valid",
                       details=details)  # fmt: skip
