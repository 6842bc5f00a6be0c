"""A small pool of SPARQL query processes (`sparql_worker`), each killed and replaced when a query
overruns its time limit.

A request takes an idle process (waiting at most the time limit for one; 503 when none frees up),
sends the query and reads the answer against a deadline. Past the deadline the process is killed
— that is what stops the query — and a fresh one is started in its place; its start-up (about a
tenth of a second) is not charged to the next query's time limit. Processes are separate
interpreters started with `python -m`, not forks of this multi-threaded server.
"""

from __future__ import annotations

import json
import logging
import os
import queue
import select
import subprocess
import sys
import threading
import time
from typing import Any

from kennisgraaf.api.sparql_worker import HEAD_SIZE, frame_size

log = logging.getLogger(__name__)
STARTUP_TIMEOUT_S = 30.0


class QueryTimeoutError(Exception):
    """The query ran past its deadline; its process has been killed."""


class WorkerFailedError(Exception):
    """The query process died or broke the protocol."""


class PoolBusyError(Exception):
    """No query process became free in time."""


class Worker:
    def __init__(self, prefixes: dict[str, str]) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "kennisgraaf.api.sparql_worker", str(os.getpid()),
             json.dumps(prefixes)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            bufsize=0,
            start_new_session=True,  # a Ctrl-C at the terminal is the server's to handle
        )  # fmt: skip
        self.isolated: bool | None = None

    def call(self, request: dict[str, Any], deadline: float) -> tuple[dict[str, Any], bytes]:
        if self.isolated is None:
            started = time.monotonic()
            hello = json.loads(self._frame(started + STARTUP_TIMEOUT_S, startup=True))
            self.isolated = bool(hello.get("isolated"))
            if not self.isolated:
                log.warning("SPARQL query process runs with network access (no namespace)")
            deadline += time.monotonic() - started  # start-up is not the query's time
        payload = json.dumps(request).encode()
        data = memoryview(len(payload).to_bytes(HEAD_SIZE, "big") + payload)
        assert self.proc.stdin is not None
        try:
            while data:
                data = data[self.proc.stdin.write(data) or 0 :]
        except OSError as e:
            raise WorkerFailedError(f"the query process is gone: {e}") from e
        meta = json.loads(self._frame(deadline))
        return meta, self._frame(deadline)

    def _frame(self, deadline: float, startup: bool = False) -> bytes:
        size = frame_size(self._read(HEAD_SIZE, deadline, startup))
        return self._read(size, deadline, startup)

    def _read(self, n: int, deadline: float, startup: bool) -> bytes:
        assert self.proc.stdout is not None
        fd = self.proc.stdout.fileno()
        buf = bytearray()
        while len(buf) < n:
            remaining = deadline - time.monotonic()
            ready = remaining > 0 and select.select([fd], [], [], remaining)[0]
            if not ready:
                if startup:
                    raise WorkerFailedError("the query process did not start in time")
                raise QueryTimeoutError
            chunk = os.read(fd, min(n - len(buf), 1 << 20))
            if not chunk:
                raise WorkerFailedError(f"the query process ended (exit {self.proc.poll()})")
            buf += chunk
        return bytes(buf)

    def kill(self) -> None:
        self.proc.kill()
        self.proc.wait()
        for stream in (self.proc.stdin, self.proc.stdout):
            if stream is not None:
                stream.close()


class WorkerPool:
    def __init__(self, size: int, prefixes: dict[str, str]) -> None:
        self.size = size
        self.prefixes = prefixes
        self._idle: queue.Queue[Worker] = queue.Queue()
        self._all: set[Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        self.replaced = 0
        for _ in range(size):
            self._idle.put(self._start())

    def _start(self) -> Worker:
        worker = Worker(self.prefixes)
        with self._lock:
            self._all.add(worker)
        return worker

    def run(self, request: dict[str, Any], timeout_s: float) -> tuple[dict[str, Any], bytes]:
        """Answer `request` in a pooled process within `timeout_s`."""
        try:
            worker = self._idle.get(timeout=timeout_s)
        except queue.Empty as e:
            raise PoolBusyError from e
        healthy = False
        try:
            answer = worker.call(request, time.monotonic() + timeout_s)
            healthy = True
            return answer
        finally:
            self._give_back(worker, healthy)

    def _give_back(self, worker: Worker, healthy: bool) -> None:
        if healthy and not self._closed:
            self._idle.put(worker)
            return
        with self._lock:
            self._all.discard(worker)
        worker.kill()
        if not self._closed:
            self.replaced += 1
            self._idle.put(self._start())

    def close(self) -> None:
        self._closed = True
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            worker.kill()
