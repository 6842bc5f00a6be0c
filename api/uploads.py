"""RDF (and record) uploads: media type → input kind and format, body → a temporary file the
pipeline reads like any other source."""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from fastapi import Request

from kennisgraaf import accept, rdf_formats
from kennisgraaf.api.errors import ApiError
from kennisgraaf.loaders import csv_mapping, rdf_source
from kennisgraaf.loaders.sources import KINDS
from kennisgraaf.rdf_formats import BY_MEDIA_TYPE

# A record file by its media type; which of these a kind reads, its loader says (a use-events
# file is CSV only, a project file JSON, JSON Lines or CSV).
RECORD_MEDIA_TYPES: dict[str, str] = {
    "application/json": ".json",
    "application/x-ndjson": ".jsonl",
    "application/jsonl": ".jsonl",
    "text/csv": ".csv",
}
# A kind whose file alone does not say what it means cannot come as one upload.
_NOT_ONE_FILE = {csv_mapping.KIND.name: "needs a mapping file besides the CSV; load it with "
                 "`kennisgraaf load --mapping`"}  # fmt: skip


def media_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


def rdf_suffix(request: Request) -> tuple[str, str]:
    """The file suffix the readers recognise and the format name of an RDF body, by its
    Content-Type (the registered media type or an alias naming the syntax, not a generic one)."""
    found = BY_MEDIA_TYPE.get(media_type(request))
    if found is None:
        raise ApiError(
            415,
            "unsupported-media-type",
            f"cannot read {media_type(request) or 'a body without Content-Type'}; "
            f"send one of: {', '.join(BY_MEDIA_TYPE)}",
        )
    return found.suffix, found.name


@dataclass(frozen=True)
class _ReportFormat:
    media_type: str
    accepted_as: tuple[str, ...] = ()


# A validation report: JSON (the default), or the SHACL report in Turtle.
REPORT_JSON = _ReportFormat("application/json")
REPORT_FORMATS: tuple[_ReportFormat | rdf_formats.RdfSyntax, ...] = (
    REPORT_JSON,
    rdf_formats.TURTLE,
)


def report_in_turtle(request: Request) -> bool:
    """Whether the client's Accept (the one rule of `kennisgraaf.accept`) prefers the report in
    Turtle; 406 when it accepts neither JSON nor Turtle."""
    chosen = accept.choose(request.headers.get("accept"), REPORT_FORMATS)
    if chosen is None:
        offered = ", ".join(f.media_type for f in REPORT_FORMATS)
        raise ApiError(406, "not-acceptable", f"a report comes as one of: {offered}")
    return chosen is rdf_formats.TURTLE


def upload_kinds() -> list[str]:
    """The input kinds an upload may name: every kind of the loaders read from one file."""
    return [kind.name for kind in KINDS if kind.name not in _NOT_ONE_FILE]


def upload_suffix(request: Request, kind: str) -> tuple[str, str]:
    """The file suffix and format name (empty for records) of an upload of `kind`: RDF by its
    media type, records as JSON, JSON Lines or CSV."""
    if kind in _NOT_ONE_FILE:
        raise ApiError(400, "bad-kind", f"kind {kind} {_NOT_ONE_FILE[kind]}")
    if kind not in upload_kinds():
        raise ApiError(400, "bad-kind", f"kind must be one of {', '.join(upload_kinds())}")
    if kind == rdf_source.KIND.name:
        return rdf_suffix(request)
    found = RECORD_MEDIA_TYPES.get(media_type(request))
    if found is None:
        raise ApiError(415, "unsupported-media-type",
                       f"{kind} records are one of {', '.join(RECORD_MEDIA_TYPES)}")  # fmt: skip
    return found, ""


# The client's name for an upload, as it may appear in messages and file names.
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")
_FILENAME = re.compile(r"""filename\s*=\s*(?:"([^"]*)"|([^;\s]*))""", re.IGNORECASE)


def upload_name(request: Request, name: str | None) -> str:
    """How messages name the upload: the `name` parameter, else the file name in
    Content-Disposition, else "upload" — never where the server keeps it."""
    if name is not None:
        if not _NAME.fullmatch(name):
            raise ApiError(400, "bad-name", "name must be 1-100 letters, digits or . _ - "
                           "and start with a letter or digit")  # fmt: skip
        return name
    found = _FILENAME.search(request.headers.get("content-disposition", ""))
    if found:
        base = (found.group(1) or found.group(2) or "").replace("\\", "/").rsplit("/", 1)[-1]
        if _NAME.fullmatch(base):
            return base
    return "upload"


def spool(body: bytes, root: Path, name: str, suffix: str) -> tuple[Path, Path]:
    """The body in a file of its own folder under `root` (the caller removes the folder): the
    folder and the file, named as the client named the upload, with the suffix its reader
    expects."""
    root.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="upload-", dir=root))
    path = folder / (name if name.lower().endswith(suffix) else name + suffix)
    path.write_bytes(body)
    return folder, path


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
