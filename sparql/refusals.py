"""What the SPARQL endpoint answers instead of results: each refusal carries the HTTP status and
the error name it is answered with (the API turns it into its JSON problem; nothing here speaks
HTTP otherwise)."""

from __future__ import annotations

import math

from kennisgraaf.errors import KennisgraafError


class SparqlError(KennisgraafError):
    """A query refused, or one that could not be answered."""

    def __init__(self, status: int, kind: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.kind = kind


class RetryLaterError(SparqlError):
    """A refusal for now (503): the client is told after how many seconds to try again."""

    def __init__(self, kind: str, message: str, retry_after_s: float) -> None:
        super().__init__(503, kind, message)
        self.retry_after = str(max(1, math.ceil(retry_after_s)))


class NotAcceptableError(SparqlError):
    """None of the media types the client accepts can carry the answer (406); `available`
    lists those that can."""

    def __init__(self, message: str, available: list[str]) -> None:
        super().__init__(406, "not-acceptable", message)
        self.available = available


def refuse_update(what: str) -> SparqlError:
    return SparqlError(
        400, "update-refused",
        f"this endpoint is read-only: SPARQL Update ({what}) is refused; the graph changes "
        "only through imports",
    )  # fmt: skip


def too_long(length: int, limit: int, unit: str = "characters") -> SparqlError:
    return SparqlError(
        400, "query-too-long",
        f"the query has {length:,} {unit}; at most {limit:,} characters are accepted "
        "(sparql_max_query_chars)",
    )  # fmt: skip
