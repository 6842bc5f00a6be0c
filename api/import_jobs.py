"""Imports as jobs: `POST /imports` queues one and answers at once; a runner thread takes the jobs
one at a time and runs each in its own `upload_worker` process (`load` mode), so a native crash
ends only that process and the server keeps serving.

A job's id is the import id the pipeline gives the same source, body and model, so the job's URL
is the import's URL, during the run and after it. State lives here while the server runs:
queued → waiting (another load holds the database's writer lease; `waiting_for` names it, until
this upload has been read) →
reading (the whole upload is parsed and counted) → loading (batch k of n committed) →
done (the report) | failed (the error) | interrupted (stopped after a committed batch; send the
same body again to resume). The Import node in Neo4j keeps the record beyond a restart.

Stopping (server shutdown) sends SIGTERM to the running import's process: the pipeline lets the
batch in flight commit, records the import as interrupted and ends; queued jobs are dropped as
interrupted.
"""

from __future__ import annotations

import json
import logging
import math
import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kennisgraaf.api.errors import status_of
from kennisgraaf.api.upload_pool import ended, rebuild_error, settings_env
from kennisgraaf.settings import Settings
from kennisgraaf.worker_process import read_frame, write_frame

log = logging.getLogger(__name__)
FINAL = frozenset({"done", "failed", "interrupted"})
# How many finished jobs are remembered (their Import nodes keep the record beyond that).
KEEP_FINISHED = 1000


@dataclass
class Job:
    id: str
    source: str
    name: str
    folder: Path  # the spooled upload's private folder, removed when the job ends
    path: Path
    options: dict[str, Any]
    batch_size: int
    state: str = "queued"
    queued_at: str = field(default_factory=lambda: datetime.now(UTC).isoformat())
    started_at: str | None = None
    finished_at: str | None = None
    statements_total: int | None = None
    statements_done: int = 0
    batches_done: int = 0
    report: dict[str, Any] | None = None
    error: dict[str, Any] | None = None
    waiting_for: str | None = None  # the running load this one waits for (writer lease)
    bookmarks: list[str] = field(default_factory=list)  # Neo4j's, of the committed import

    def view(self) -> dict[str, Any]:
        shown: dict[str, Any] = {
            "import": self.id,
            "source": self.source,
            "upload": self.name,
            "state": self.state,
            "queued_at": self.queued_at,
            "started_at": self.started_at,
            "finished_at": self.finished_at,
        }
        if self.statements_total is not None:
            shown["progress"] = {
                "statements_total": self.statements_total,
                "statements_done": self.statements_done,
                "batches_done": self.batches_done,
                "batches_total": max(1, math.ceil(self.statements_total / self.batch_size)),
            }
        if self.waiting_for is not None and self.state == "waiting":
            shown["waiting_for"] = self.waiting_for
        if self.report is not None:
            shown["report"] = self.report
        if self.error is not None:
            shown["error"] = self.error
        return shown


class ImportJobs:
    """The queue and the one runner thread; `stop()` on shutdown."""

    def __init__(
        self, settings: Settings, on_commit: Callable[[list[str]], None] | None = None
    ) -> None:
        """`on_commit` is given the bookmarks of each import that completes, before its job is
        seen as done: the app's reads then wait for the import's writes."""
        self.settings = settings
        self.on_commit = on_commit
        self._queue: queue.Queue[Job | None] = queue.Queue()
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._proc: subprocess.Popen[bytes] | None = None
        self._thread = threading.Thread(target=self._run, name="import-jobs", daemon=True)
        self._thread.start()

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def running_pid(self) -> int | None:
        proc = self._proc
        return proc.pid if proc is not None and proc.poll() is None else None

    def counts(self) -> dict[str, int]:
        with self._lock:
            states = [j.state for j in self._jobs.values()]
        return {s: states.count(s) for s in ("queued", "reading", "loading") if s in states}

    def submit(self, job: Job) -> tuple[Job, bool]:
        """Queue `job`, or give the same import already queued or running (and False)."""
        with self._lock:
            known = self._jobs.get(job.id)
            if known is not None and known.state not in FINAL:
                return known, False
            if self._stopping.is_set():
                job.state = "interrupted"
                job.error = {
                    "error": "shutting-down",
                    "message": "the server is stopping; send the import again",
                }
                self._jobs[job.id] = job
                return job, True
            self._jobs[job.id] = job
            self._forget_old()
        self._queue.put(job)
        return job, True

    def _forget_old(self) -> None:
        finished = [j for j in self._jobs.values() if j.state in FINAL]
        for job in finished[: max(0, len(finished) - KEEP_FINISHED)]:
            del self._jobs[job.id]

    def stop(self, timeout_s: float) -> None:
        """Stop after the batch in flight (SIGTERM to the import process); kill it past
        `timeout_s`. Queued jobs end as interrupted."""
        self._stopping.set()
        self._queue.put(None)
        proc = self._proc
        if proc is not None and proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
        self._thread.join(timeout_s)
        proc = self._proc
        if self._thread.is_alive() and proc is not None and proc.poll() is None:
            log.warning("import process %d did not stop within %.0f s; killing it",
                        proc.pid, timeout_s)  # fmt: skip
            proc.kill()
            self._thread.join(5.0)

    def _run(self) -> None:
        while (job := self._queue.get()) is not None:
            if self._stopping.is_set():
                self._finish(job, "interrupted", error={
                    "error": "shutting-down",
                    "message": "the server stopped before this import started; send it again",
                })  # fmt: skip
                continue
            try:
                self._load(job)
            except Exception as e:  # the runner thread outlives any one job
                log.exception("import %s failed in the runner", job.id)
                self._finish(job, "failed", error={"error": "internal", "message": str(e)})
        while True:  # what was queued behind the stop
            try:
                rest = self._queue.get_nowait()
            except queue.Empty:
                break
            if rest is not None:
                self._finish(rest, "interrupted", error={
                    "error": "shutting-down",
                    "message": "the server stopped before this import started; send it again",
                })  # fmt: skip

    def _load(self, job: Job) -> None:
        with self._lock:
            job.state = "reading"
            job.started_at = datetime.now(UTC).isoformat()
        proc = subprocess.Popen(
            [sys.executable, "-m", "kennisgraaf.api.upload_worker", "load", str(os.getpid())],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=settings_env(self.settings),  # its get_settings() is the app's settings
            start_new_session=True,  # SIGTERM/Ctrl-C reach it from the runner, in order
        )
        self._proc = proc
        if self._stopping.is_set():  # stop() came between the check and the start
            proc.send_signal(signal.SIGTERM)
        assert proc.stdin is not None and proc.stdout is not None
        request = {
            "path": str(job.path),
            "folder": str(job.folder),
            "options": job.options,
        }
        try:
            write_frame(proc.stdin, json.dumps(request).encode())
            proc.stdin.close()
        except OSError:
            pass  # it died at once: reported below
        final = False
        while (frame := read_frame(proc.stdout)) is not None:
            event = json.loads(frame)
            final = self._on_event(job, event) or final
        how = ended(proc)
        proc.stdout.close()
        self._proc = None
        if not final:
            self._finish(job, "failed", error={
                "error": "import-process-died",
                "message": f"the import process died ({how}); the batches it committed are "
                "recorded — send the same body again to resume",
            })  # fmt: skip

    def _on_event(self, job: Job, event: dict[str, Any]) -> bool:
        kind = event.get("event")
        with self._lock:
            if kind == "waiting":  # another load holds the writer lease
                job.state = "waiting"
                job.waiting_for = str(event["message"])
            elif kind == "total":
                job.state = "loading"
                job.statements_total = int(event["statements"])
            elif kind == "batch":
                job.statements_done += int(event["statements"])
                job.batches_done += 1
        if kind == "done":
            job.bookmarks = [str(b) for b in event.get("bookmarks", [])]
            if self.on_commit is not None and job.bookmarks:
                self.on_commit(job.bookmarks)
            self._finish(job, "done", report=event["report"])
        elif kind == "interrupted":
            self._finish(job, "interrupted",
                         error={"error": "interrupted", "message": event["message"]})  # fmt: skip
        elif kind == "failed":
            status, name = status_of(
                rebuild_error(event["error"], event["message"], event.get("fields"))
            )
            error = {"error": name, "status": status, "message": event["message"]}
            self._finish(job, "failed", error=error)
        return kind in ("done", "interrupted", "failed")

    def _finish(self, job: Job, state: str, *, report: dict[str, Any] | None = None,
                error: dict[str, Any] | None = None) -> None:  # fmt: skip
        with self._lock:
            job.state = state
            job.report = report
            job.error = error
            job.finished_at = datetime.now(UTC).isoformat()
        shutil.rmtree(job.folder, ignore_errors=True)
        if state != "done":
            log.warning("import %s of %s %s: %s", job.id, job.source, state,
                        (error or {}).get("message"))  # fmt: skip
