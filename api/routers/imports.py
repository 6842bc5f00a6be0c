"""Validation (nothing stored) and authenticated import (exactly the CLI pipeline), both off the
request path: uploads are parsed and validated in worker processes (`upload_pool`), imports run
as jobs, one at a time, each in a process of its own (`import_jobs`)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response

from kennisgraaf import rdf_formats
from kennisgraaf.api.auth import require_scope
from kennisgraaf.api.deps import DriverDep, SettingsDep
from kennisgraaf.api.errors import ApiError
from kennisgraaf.api.import_jobs import ImportJobs, Job
from kennisgraaf.api.upload_pool import (
    PoolBusyError,
    UploadPool,
    UploadTimeoutError,
    WorkerDiedError,
    rebuild_error,
)
from kennisgraaf.api.uploads import (
    preferred_language,
    report_in_turtle,
    spool,
    upload_kinds,
    upload_name,
    upload_suffix,
)
from kennisgraaf.loaders.pipeline import import_id_of
from kennisgraaf.loaders.sources import source_checksum
from kennisgraaf.queries.registry import get_query
from kennisgraaf.settings import Settings

router = APIRouter(tags=["validation and import"])
_SOURCE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,199}")
_RDF_BODY = {
    "content": {
        s.media_type: {"schema": {"type": "string"}}
        for s in (rdf_formats.TURTLE, rdf_formats.JSONLD)
    }
}
NameParam = Annotated[
    str | None,
    Query(description="the client's name for the upload, used in messages (default: the "
          "Content-Disposition file name, else `upload`)"),
]  # fmt: skip
KindParam = Annotated[
    str,
    Query(description="input kind: " + ", ".join(upload_kinds()) + " (records as "
          "application/json, application/x-ndjson or text/csv)"),
]  # fmt: skip


def _validate_in_worker(
    pool: UploadPool, settings: Settings, body: bytes, name: str, suffix: str,
    options: dict[str, Any], turtle: bool,
) -> tuple[dict[str, Any], bytes]:  # fmt: skip
    folder, path = spool(body, settings.data_dir / "uploads", name, suffix)
    request = {"path": str(path), "folder": str(folder), "options": options, "turtle": turtle}
    try:
        meta, report = pool.run(request, settings.validate_timeout_s)
    except UploadTimeoutError as e:
        limit = settings.validate_timeout_s
        raise ApiError(
            413,
            "too-slow",
            f"validating the upload took longer than {limit:g} s; "
            "send it in smaller parts, or validate it with the CLI",
        ) from e
    except WorkerDiedError as e:
        raise ApiError(
            422, "parser-died", f"the upload could not be parsed: the parser process died ({e})"
        ) from e
    except PoolBusyError as e:
        raise ApiError(503, "busy", "every validation process is busy; try again later") from e
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if not meta["ok"]:
        raise rebuild_error(meta["error"], meta["message"], meta.get("fields"))
    return meta["report"], report


@router.post(
    "/validate",
    summary="Validate RDF against the SHACL shapes; nothing is stored",
    description="Send RDF with its media type ("
    + ", ".join(s.media_type for s in rdf_formats.RDF_SYNTAXES)
    + "). "
    "Records with `kind=`, as for POST /imports. The report comes as JSON, or as a SHACL "
    "report in Turtle with `Accept: text/turtle`; "
    "messages follow `Accept-Language` (nl or en).",
    openapi_extra={"requestBody": _RDF_BODY},
)
async def validate(
    request: Request, settings: SettingsDep, kind: KindParam = "rdf", name: NameParam = None
) -> Response:
    suffix, fmt = upload_suffix(request, kind)
    upload = upload_name(request, name)
    body = await request.body()
    options = {"base_iri": settings.base_iri, "lang": preferred_language(request),
               "format": fmt or None, "kind": kind}  # fmt: skip
    turtle = report_in_turtle(request)
    report, report_turtle = await run_in_threadpool(
        _validate_in_worker, request.app.state.upload_pool, settings, body, upload, suffix,
        options, turtle,
    )  # fmt: skip
    if turtle:
        return Response(report_turtle, media_type=rdf_formats.TURTLE.content_type)
    return JSONResponse(report)


def _checksum(path: Path, options: dict[str, Any]) -> str:
    """The upload's checksum as the pipeline's source reads it (so the job's id is the import's
    id), from the bytes alone: the pre-scan and parsing are the import process's work."""
    return source_checksum(path, options["kind"], options["format"])


def _queue_import(
    jobs: ImportJobs, settings: Settings, body: bytes, name: str, suffix: str,
    options: dict[str, Any],
) -> tuple[Job, bool]:  # fmt: skip
    folder, path = spool(body, settings.data_dir / "imports", name, suffix)
    try:
        job_id = import_id_of(options["source"], _checksum(path, options))
    except Exception:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    job = Job(id=job_id, source=options["source"], name=path.name, folder=folder, path=path,
              options=options, batch_size=options["batch_size"])  # fmt: skip
    job, queued = jobs.submit(job)
    if not queued:
        shutil.rmtree(folder, ignore_errors=True)  # the same import is already queued or running
    return job, queued


@router.post(
    "/imports",
    status_code=202,
    summary="Queue an import: validate and load data (needs a token with the write scope)",
    description="Runs the same pipeline as `kennisgraaf load` (SHACL gate, quarantine, "
    "provenance) as a job: the answer comes at once, 202 with the import's URL (Location "
    "header and `url`), where `GET /imports/{id}` shows its state and, once done, its report. "
    "Imports run one at a time, in the order they came. RDF by media type; records with "
    "`kind=` (see the parameter). `source` names the "
    "source: a later import under the same name replaces what it said.",
    openapi_extra={"requestBody": _RDF_BODY},
)
async def create_import(
    request: Request,
    driver: DriverDep,
    settings: SettingsDep,
    source: str,
    kind: KindParam = "rdf",
    name: NameParam = None,
) -> JSONResponse:
    require_scope(request, "write")
    if not _SOURCE.fullmatch(source):
        raise ApiError(400, "bad-source", "source must be 1-200 letters, digits or . _ : -")
    suffix, fmt = upload_suffix(request, kind)
    upload = upload_name(request, name)
    body = await request.body()
    if not body:
        # As `kennisgraaf load` refuses an empty file: it would withdraw all the source said.
        raise ApiError(400, "empty-body", "the request body is empty; nothing to load "
                       "(an empty upload is refused, as an empty file is by the CLI)")  # fmt: skip
    options = {
        "base_iri": settings.base_iri,
        "lang": preferred_language(request),
        "quarantine_dir": str(settings.data_dir / "quarantine"),
        "source": source,
        "format": fmt or None,
        "kind": kind,
        "batch_size": settings.import_batch_size,
    }
    # A database that is away is said now (503), not only in the job's state later.
    await run_in_threadpool(driver.verify_connectivity)
    job, _ = await run_in_threadpool(
        _queue_import, request.app.state.import_jobs, settings, body, upload, suffix, options
    )
    url = str(request.url_for("get_import", import_id=job.id))
    return JSONResponse({**job.view(), "url": url}, status_code=202, headers={"Location": url})


# The Import node's status, in the words of a job's state.
_STATE = {"complete": "done", "running": "running", "interrupted": "interrupted"}


@router.get("/imports/{import_id}", summary="An import: its state while it runs, then its report")
def get_import(
    import_id: str, request: Request, driver: DriverDep, settings: SettingsDep
) -> dict[str, Any]:
    job = request.app.state.import_jobs.get(import_id)
    shown: dict[str, Any] = {}
    if job is None or job.state == "done":
        query = get_query("load.import_by_id")
        records, _, _ = driver.execute_query(
            query.text, query.bind({"id": import_id}), database_=settings.neo4j_database
        )
        if records:
            shown = records[0].data()
            shown["summary"] = json.loads(shown["summary"]) if shown.get("summary") else None
            shown["state"] = _STATE.get(shown["status"], shown["status"])
    if job is not None:
        shown.update(job.view())
    if not shown:
        raise ApiError(404, "not-found", f"no import with id {import_id!r}")
    shown["url"] = str(request.url_for("get_import", import_id=import_id))
    return shown
