"""What a worker process (a SPARQL query process, an upload process) does for itself: speak the
framed protocol on its stdin and stdout, leave the network, cap its memory. The parent's side of
the protocol is `child_frames`.

Protocol: frames of a 4-byte big-endian length and a payload.

Why no network: a worker runs what clients send through native code (pyoxigraph fetches
`SERVICE` IRIs; parsers might resolve what they should not); the process moves itself into an
empty network namespace at start-up (Linux; unprivileged through a user namespace when needed),
where no connection can be made.

Why a memory limit: one query or upload can allocate without bound; the process limits its own
address space (RLIMIT_AS) at start-up, before it opens anything, so an allocation past it fails
in this process and not in the server.
"""

from __future__ import annotations

import ctypes
import os
import resource
import struct
import sys
from typing import IO

_LENGTH = struct.Struct(">I")
HEAD_SIZE = _LENGTH.size
CLONE_NEWNET = 0x40000000
CLONE_NEWUSER = 0x10000000


def write_frame(out: IO[bytes], payload: bytes) -> None:
    out.write(_LENGTH.pack(len(payload)) + payload)
    out.flush()


def read_frame(inp: IO[bytes]) -> bytes | None:
    """The next frame, or None at the end of input."""
    head = inp.read(_LENGTH.size)
    if len(head) < _LENGTH.size:
        return None
    (size,) = _LENGTH.unpack(head)
    payload = inp.read(size)
    return payload if len(payload) == size else None


def frame_size(head: bytes) -> int:
    return int(_LENGTH.unpack(head)[0])


def isolate_network() -> bool:
    """Move this (still single-threaded) process into a new, empty network namespace."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
    except OSError:
        return False
    if libc.unshare(CLONE_NEWNET) == 0:
        return True
    uid, gid = os.getuid(), os.getgid()
    if libc.unshare(CLONE_NEWUSER | CLONE_NEWNET) != 0:
        return False
    # Map our own ids into the new user namespace so the store's files stay ours.
    for name, text in (("setgroups", "deny"), ("uid_map", f"{uid} {uid} 1"),
                       ("gid_map", f"{gid} {gid} 1")):  # fmt: skip
        try:
            with open(f"/proc/self/{name}", "w") as f:  # noqa: PTH123 — procfs, not a path API
                f.write(text)
        except OSError:
            pass
    return True


def limit_memory(limit_bytes: int) -> None:
    """Cap this process's address space (soft and hard: what it runs cannot lift it); 0: no
    cap."""
    if limit_bytes > 0:
        resource.setrlimit(resource.RLIMIT_AS, (limit_bytes, limit_bytes))
