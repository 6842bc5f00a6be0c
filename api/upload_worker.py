"""An upload process: parses and validates uploads for the API (`validate` mode, pooled by
`upload_pool`), or runs one import (`load` mode, started by `import_jobs` for each job).

Why a process: the parsers are native code. Whatever one of them does on an input nobody thought
of — a crash, runaway memory, a loop — ends or stalls this process only; the API process kills
it if need be, answers the client with a clear error and keeps serving.

Protocol: frames of a 4-byte big-endian length and a payload (core/child_frames.py, as the
SPARQL worker).
- validate: the process sends a JSON hello once it is ready; then, for each JSON request, a JSON
  answer frame and a body frame (the SHACL report in Turtle when asked for, else empty).
- load: the process reads one JSON request and sends JSON event frames — `total` once the file
  is parsed, `batch` as each batch commits, then one of `done`, `failed`, `interrupted` — and ends.
  SIGTERM (or the API process going away) asks it to stop after the batch in flight.

Messages name the upload by the client's name for it, never by where it was spooled.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import IO, Any

from kennisgraaf.errors import KennisgraafError, LoadInterruptedError
from kennisgraaf.graph.connection import open_driver
from kennisgraaf.loaders.pipeline import (
    FileReport,
    LoadOptions,
    load_file,
    report_graph,
    validate_file,
)
from kennisgraaf.settings import get_settings
from kennisgraaf.worker_process import isolate_network, limit_memory, read_frame, write_frame


def report_json(report: FileReport) -> dict[str, Any]:
    return {
        **report.summary(),
        "conforms": not report.rejections,
        "violations": [r.__dict__ for r in report.rejections],
        "warnings": [w.__dict__ for w in report.warnings],
    }


def scrub(message: str, folder: str) -> str:
    """The message without the server folder the upload was spooled into."""
    return message.replace(folder.rstrip(os.sep) + os.sep, "").replace(folder, "upload")


def failure(e: BaseException, folder: str) -> dict[str, Any]:
    """An error as the API process reads it: the names of the error's kinds, most specific
    first, and a message without server paths."""
    if isinstance(e, KennisgraafError):
        kinds = [k.__name__ for k in type(e).__mro__ if issubclass(k, KennisgraafError)]
        # What the kind carries besides its message (e.g. the setting a limit comes from).
        fields = {k: v for k, v in vars(e).items() if isinstance(v, str | int | float | bool)}
        return {"error": kinds, "message": scrub(str(e), folder), "fields": fields}
    # Anything else is the parser or validator giving up on this input (RecursionError,
    # MemoryError, a library's own error): the upload cannot be processed.
    return {"error": ["UnprocessableUpload"],
            "message": scrub(f"the upload could not be processed: {type(e).__name__}: {e}",
                             folder)}  # fmt: skip


def _options(request: dict[str, Any], on_lease_wait: Any = None) -> LoadOptions:
    o = request["options"]
    return LoadOptions(
        on_lease_wait=on_lease_wait,
        base_iri=o["base_iri"],
        lang=o.get("lang", "en"),
        quarantine_dir=Path(o.get("quarantine_dir", "quarantine")),
        source=o.get("source"),
        format=o.get("format"),
        kind=o.get("kind", "rdf"),
        **({"batch_size": o["batch_size"]} if "batch_size" in o else {}),
    )


def validate(request: dict[str, Any]) -> tuple[dict[str, Any], bytes]:
    folder = request["folder"]
    try:
        report = validate_file(Path(request["path"]), _options(request))
        body = b""
        if request.get("turtle"):
            body = report_graph(report).serialize(format="turtle").encode()
        return {"ok": True, "report": report_json(report)}, body
    except Exception as e:  # an answer, never a dead process, for whatever the input did
        return {"ok": False, **failure(e, folder)}, b""


def _warm_up() -> None:
    """Validate a one-statement document now, so the first upload is not charged for loading
    the validator and parsing the model."""
    with tempfile.TemporaryDirectory(prefix="kennisgraaf-warm-up-") as folder:
        path = Path(folder) / "warm-up.nt"
        path.write_text("<urn:x:a> <urn:x:b> <urn:x:c> .\n")
        validate_file(path, LoadOptions(base_iri="https://example.org/"))


def _watch_parent(parent: int, gone: threading.Event, exit_now: bool) -> None:
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        gone.set()
        if exit_now:
            os._exit(0)

    threading.Thread(target=watch, daemon=True, name="parent-watch").start()


def serve_validation(parent: int, inp: IO[bytes], out: IO[bytes]) -> None:
    isolated = isolate_network()  # first: it needs a process without threads
    # Runaway memory on some input ends in MemoryError (answered 422) or this process's death
    # (answered 422 parser-died), never in the machine swapping.
    limit_memory(get_settings().upload_memory_limit_mb * 1024 * 1024)
    _watch_parent(parent, threading.Event(), exit_now=True)
    _warm_up()
    write_frame(out, json.dumps({"hello": True, "isolated": isolated}).encode())
    while (frame := read_frame(inp)) is not None:
        meta, body = validate(json.loads(frame))
        write_frame(out, json.dumps(meta).encode())
        write_frame(out, body)


def run_load(parent: int, inp: IO[bytes], out: IO[bytes]) -> None:
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    _watch_parent(parent, stop, exit_now=False)  # an orphaned load stops after its batch

    def send(event: str, **fields: Any) -> None:
        write_frame(out, json.dumps({"event": event, **fields}).encode())

    frame = read_frame(inp)
    if frame is None:
        return
    request = json.loads(frame)
    folder = request["folder"]
    try:
        settings = get_settings()  # the app's: its process set them in this one's environment
        with open_driver(settings, start_local=False) as driver:
            report = load_file(
                Path(request["path"]),
                driver,
                settings.neo4j_database,
                _options(request, lambda message: send("waiting", message=message)),
                progress=lambda n: send("batch", statements=n),
                on_total=lambda n: send("total", statements=n),
                should_stop=stop.is_set,
            )
            # The app's reads wait for these, even on another member of a cluster.
            bookmarks = sorted(driver.execute_query_bookmark_manager.get_bookmarks())
        send("done", report=report_json(report), bookmarks=bookmarks)
    except LoadInterruptedError as e:
        send("interrupted", message=scrub(str(e), folder))
    except Exception as e:  # reported to the job, never a silent death
        send("failed", **failure(e, folder))


def main() -> None:
    mode, parent = sys.argv[1], int(sys.argv[2])
    inp, out = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing but frames may reach the protocol stream
    if mode == "validate":
        serve_validation(parent, inp, out)
    elif mode == "load":
        run_load(parent, inp, out)
    else:
        raise SystemExit(f"unknown mode {mode!r}")


if __name__ == "__main__":
    main()
