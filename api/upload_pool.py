"""Upload validation in a small pool of `upload_worker` processes, started when first needed.

A request takes an idle process (or starts one, up to the pool size; waits at most the time limit
for one to free up), sends the spooled upload's path and reads the answer against a deadline.
Past the deadline the process is killed — that is what stops a runaway parser — and a process
that dies (a native crash, the kernel's OOM killer) is dropped; either way the next request gets
a fresh process. Processes are separate interpreters started with `python -m`, not forks of this
multi-threaded server.
"""

from __future__ import annotations

import json
import logging
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from kennisgraaf import errors
from kennisgraaf.api.errors import ApiError
from kennisgraaf.child_frames import (
    ChildClosedError,
    FrameTimeoutError,
    read_frame,
    send_request,
)
from kennisgraaf.errors import KennisgraafError
from kennisgraaf.settings import Settings

log = logging.getLogger(__name__)
# Importing the validator and parsing the model, on a busy machine.
STARTUP_TIMEOUT_S = 120.0


class UploadTimeoutError(Exception):
    """The upload was not processed within the time limit; its process has been killed."""


class WorkerDiedError(Exception):
    """The upload process died (or broke the protocol) while processing the upload."""


class PoolBusyError(Exception):
    """No upload process became free in time."""


def rebuild_error(
    kinds: list[str], message: str, fields: dict[str, Any] | None = None
) -> KennisgraafError:
    """The error an upload process reported, as the same kind here, so the API answers it as
    it answers that kind anywhere (an InputError is 400, …)."""
    for name in kinds:
        kind = getattr(errors, name, None)
        if isinstance(kind, type) and issubclass(kind, KennisgraafError):
            for arguments in (fields or {}, {}):
                try:
                    return kind(message, **arguments)
                except TypeError:
                    continue  # built otherwise: try without the fields, then a general kind
    return ApiError(422, "unprocessable-upload", message)


def settings_env(settings: Settings) -> dict[str, str]:
    """This process's environment with the app's settings in it, so that `get_settings()` in a
    child process gives the app's settings (input limits, Neo4j, data directory) — not only
    what the environment said when the server started."""
    env = dict(os.environ)
    for name, info in Settings.model_fields.items():
        alias = info.validation_alias
        key = alias if isinstance(alias, str) else f"KENNISGRAAF_{name.upper()}"
        value = getattr(settings, name)
        if value is None:
            env.pop(key, None)
        elif isinstance(value, bool):
            env[key] = "true" if value else "false"
        elif isinstance(value, str | int | float | Path):
            env[key] = str(value)
        else:
            env[key] = json.dumps(value)
    return env


def ended(proc: subprocess.Popen[bytes]) -> str:
    """How a process ended, in words: 'exit 1', 'signal 9 (SIGKILL)'."""
    code = proc.wait()
    if code < 0:
        try:
            return f"signal {-code} ({signal.Signals(-code).name})"
        except ValueError:
            return f"signal {-code}"
    return f"exit {code}"


class UploadWorker:
    def __init__(self, env: dict[str, str]) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "kennisgraaf.api.upload_worker", "validate", str(os.getpid())],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
            bufsize=0,
            start_new_session=True,  # a Ctrl-C at the terminal is the server's to handle
        )
        self.ready = False

    @property
    def pid(self) -> int:
        return self.proc.pid

    def call(self, request: dict[str, Any], timeout_s: float) -> tuple[dict[str, Any], bytes]:
        if not self.ready:
            self._frame(time.monotonic() + STARTUP_TIMEOUT_S, startup=True)  # the hello
            self.ready = True
        deadline = time.monotonic() + timeout_s  # start-up is not the upload's time
        try:
            send_request(self.proc, request)
        except OSError as e:
            raise WorkerDiedError(ended(self.proc)) from e
        meta = json.loads(self._frame(deadline))
        return meta, self._frame(deadline)

    def _frame(self, deadline: float, startup: bool = False) -> bytes:
        try:
            return read_frame(self.proc, deadline)
        except FrameTimeoutError:
            if startup:
                raise WorkerDiedError("it did not start in time") from None
            raise UploadTimeoutError from None
        except ChildClosedError:
            raise WorkerDiedError(ended(self.proc)) from None

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        for stream in (self.proc.stdin, self.proc.stdout):
            if stream is not None:
                stream.close()


class UploadPool:
    def __init__(self, settings: Settings) -> None:
        self.size = settings.upload_workers
        self.env = settings_env(settings)
        self._idle: queue.Queue[UploadWorker] = queue.Queue()
        self._all: set[UploadWorker] = set()
        self._busy: set[UploadWorker] = set()
        self._lock = threading.Lock()
        self._closed = False
        self.replaced = 0

    def busy_pids(self) -> list[int]:
        """Processes working on an upload right now (tests kill one to show the pool recovers)."""
        with self._lock:
            return [w.pid for w in self._busy]

    def pids(self) -> list[int]:
        with self._lock:
            return [w.pid for w in self._all]

    def _take(self, timeout_s: float) -> UploadWorker:
        with self._lock:
            start = self._idle.empty() and len(self._all) < self.size
            if start:
                worker = UploadWorker(self.env)
                self._all.add(worker)
        if not start:
            try:
                worker = self._idle.get(timeout=timeout_s)
            except queue.Empty as e:
                raise PoolBusyError from e
        with self._lock:
            self._busy.add(worker)
        return worker

    def run(self, request: dict[str, Any], timeout_s: float) -> tuple[dict[str, Any], bytes]:
        """Answer `request` in a pooled process within `timeout_s` (start-up not counted)."""
        if self._closed:
            raise PoolBusyError
        worker = self._take(timeout_s)
        healthy = False
        try:
            answer = worker.call(request, timeout_s)
            healthy = True
            return answer
        finally:
            self._give_back(worker, healthy)

    def _give_back(self, worker: UploadWorker, healthy: bool) -> None:
        with self._lock:
            self._busy.discard(worker)
            if healthy and not self._closed:
                self._idle.put(worker)
                return
            self._all.discard(worker)
        worker.kill()
        if not self._closed:  # a replacement at once: someone may be waiting for a process
            self.replaced += 1
            log.warning("upload process %d replaced (%s)", worker.pid, ended(worker.proc))
            fresh = UploadWorker(self.env)
            with self._lock:
                self._all.add(fresh)
            self._idle.put(fresh)

    def close(self) -> None:
        self._closed = True
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            worker.kill()
