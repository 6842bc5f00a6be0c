"""The parent's side of the framed protocol its worker processes speak (SPARQL queries,
uploads): a length-prefixed JSON request written to the child's stdin, frames read from its
stdout within a deadline. Shared by the pools; each maps the two ways a read ends early —
the deadline passed, the child closed its end — to its own errors."""

from __future__ import annotations

import json
import os
import select
import subprocess
import time
from typing import Any

from kennisgraaf.worker_process import HEAD_SIZE, frame_size


class FrameTimeoutError(Exception):
    """The deadline passed before the frame was complete."""


class ChildClosedError(Exception):
    """The child closed its output (it ended, or is ending) before the frame was complete."""


def send_request(proc: subprocess.Popen[bytes], request: dict[str, Any]) -> None:
    """Write one request frame; OSError when the child is gone."""
    payload = json.dumps(request).encode()
    data = memoryview(len(payload).to_bytes(HEAD_SIZE, "big") + payload)
    assert proc.stdin is not None
    while data:
        data = data[proc.stdin.write(data) or 0 :]


def read_frame(proc: subprocess.Popen[bytes], deadline: float) -> bytes:
    """One frame from the child, by `deadline` (time.monotonic())."""
    return _read(proc, frame_size(_read(proc, HEAD_SIZE, deadline)), deadline)


def _read(proc: subprocess.Popen[bytes], n: int, deadline: float) -> bytes:
    assert proc.stdout is not None
    fd = proc.stdout.fileno()
    buf = bytearray()
    while len(buf) < n:
        remaining = deadline - time.monotonic()
        if remaining <= 0 or not select.select([fd], [], [], remaining)[0]:
            raise FrameTimeoutError
        chunk = os.read(fd, min(n - len(buf), 1 << 20))
        if not chunk:
            raise ChildClosedError
        buf += chunk
    return bytes(buf)
