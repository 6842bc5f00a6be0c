"""RDF (and record) uploads: media type → input kind and format, body → a temporary file the
pipeline reads like any other source."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from fastapi import Request

from kennisgraaf.api.errors import ApiError

# media type → (file suffix the readers recognise, format name)
RDF_MEDIA_TYPES: dict[str, tuple[str, str]] = {
    "text/turtle": (".ttl", "turtle"),
    "application/x-turtle": (".ttl", "turtle"),
    "application/n-triples": (".nt", "ntriples"),
    "application/n-quads": (".nq", "nquads"),
    "application/trig": (".trig", "trig"),
    "application/ld+json": (".jsonld", "jsonld"),
    "application/rdf+xml": (".rdf", "rdfxml"),
}
RECORD_MEDIA_TYPES: dict[str, str] = {"application/json": ".json", "text/csv": ".csv"}


def media_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


def rdf_suffix(request: Request) -> tuple[str, str]:
    found = RDF_MEDIA_TYPES.get(media_type(request))
    if found is None:
        raise ApiError(
            415,
            "unsupported-media-type",
            f"cannot read {media_type(request) or 'a body without Content-Type'}; "
            f"send one of: {', '.join(RDF_MEDIA_TYPES)}",
        )
    return found


@contextmanager
def spooled(body: bytes, suffix: str, name: str = "upload") -> Iterator[Path]:
    if not body:
        raise ApiError(400, "empty-body", "the request body is empty")
    with tempfile.TemporaryDirectory(prefix="kennisgraaf-upload-") as folder:
        path = Path(folder) / f"{name}{suffix}"
        path.write_bytes(body)
        yield path


def preferred_language(request: Request) -> str:
    """nl or en from Accept-Language (first of the two that appears with q > 0)."""
    best, best_q = "en", -1.0
    for part in request.headers.get("accept-language", "").split(","):
        tag, _, params = part.strip().partition(";")
        lang = tag.strip().lower().split("-")[0]
        q = 1.0
        if params.strip().startswith("q="):
            try:
                q = float(params.strip()[2:])
            except ValueError:
                q = 0.0
        if lang in ("nl", "en") and q > best_q and q > 0:
            best, best_q = lang, q
    return best
