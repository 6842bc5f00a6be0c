"""Validation (nothing stored) and authenticated import (exactly the CLI pipeline)."""

from __future__ import annotations

import json
import re
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from kennisgraaf.api.auth import require_scope
from kennisgraaf.api.deps import DriverDep, SettingsDep
from kennisgraaf.api.errors import ApiError
from kennisgraaf.api.uploads import (
    RECORD_MEDIA_TYPES,
    media_type,
    preferred_language,
    rdf_suffix,
    spooled,
)
from kennisgraaf.loaders.pipeline import (
    FileReport,
    LoadOptions,
    load_file,
    report_graph,
    validate_file,
)
from kennisgraaf.queries.registry import get_query

router = APIRouter(tags=["validation and import"])
_SOURCE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$")
_RDF_BODY = {
    "content": {t: {"schema": {"type": "string"}} for t in ("text/turtle", "application/ld+json")}
}


def _report_json(report: FileReport) -> dict[str, Any]:
    return {
        **report.summary(),
        "conforms": not report.rejections,
        "violations": [r.__dict__ for r in report.rejections],
        "warnings": [w.__dict__ for w in report.warnings],
    }


@router.post(
    "/validate",
    summary="Validate RDF against the SHACL shapes; nothing is stored",
    description="Send RDF with its media type (text/turtle, application/ld+json, "
    "application/n-triples, application/n-quads, application/trig, application/rdf+xml). "
    "The report comes as JSON, or as a SHACL report in Turtle with `Accept: text/turtle`; "
    "messages follow `Accept-Language` (nl or en).",
    openapi_extra={"requestBody": _RDF_BODY},
)
async def validate(request: Request, settings: SettingsDep) -> Response:
    suffix, fmt = rdf_suffix(request)
    body = await request.body()
    options = LoadOptions(base_iri=settings.base_iri, lang=preferred_language(request), format=fmt)
    with spooled(body, suffix) as path:
        report = validate_file(path, options)
    if "text/turtle" in request.headers.get("accept", ""):
        return Response(report_graph(report).serialize(format="turtle"), media_type="text/turtle")
    return JSONResponse(_report_json(report))


@router.post(
    "/imports",
    status_code=201,
    summary="Validate and load data (needs a token with the write scope)",
    description="Runs the same pipeline as `kennisgraaf load`: SHACL gate, quarantine, "
    "provenance. RDF by media type; Kennisrotonde records as application/json or text/csv "
    "with `kind=kennisrotonde`. `source` names the source: a later import under the same name "
    "replaces what it said.",
    openapi_extra={"requestBody": _RDF_BODY},
)
async def create_import(
    request: Request,
    driver: DriverDep,
    settings: SettingsDep,
    source: str,
    kind: str = "rdf",
) -> JSONResponse:
    require_scope(request, "write")
    if not _SOURCE.match(source):
        raise ApiError(400, "bad-source", "source must be 1-200 letters, digits or . _ : -")
    if kind == "rdf":
        suffix, fmt = rdf_suffix(request)
    elif kind == "kennisrotonde":
        found = RECORD_MEDIA_TYPES.get(media_type(request))
        if found is None:
            raise ApiError(415, "unsupported-media-type",
                           "Kennisrotonde records are application/json or text/csv")  # fmt: skip
        suffix, fmt = found, ""
    else:
        raise ApiError(400, "bad-kind", "kind must be rdf or kennisrotonde")
    body = await request.body()
    options = LoadOptions(
        base_iri=settings.base_iri,
        lang=preferred_language(request),
        quarantine_dir=settings.data_dir / "quarantine",
        source=source,
        format=fmt or None,
        kind=kind,
    )
    with spooled(body, suffix) as path:
        report = load_file(path, driver, settings.neo4j_database, options)
    return JSONResponse(
        _report_json(report), status_code=201 if report.status != "unchanged" else 200
    )


@router.get("/imports/{import_id}", summary="An import and its report")
def get_import(import_id: str, driver: DriverDep, settings: SettingsDep) -> dict[str, Any]:
    query = get_query("load.import_by_id")
    records, _, _ = driver.execute_query(
        query.text, query.bind({"id": import_id}), database_=settings.neo4j_database
    )
    if not records:
        raise ApiError(404, "not-found", f"no import with id {import_id!r}")
    row = records[0].data()
    row["summary"] = json.loads(row["summary"]) if row.get("summary") else None
    return row
