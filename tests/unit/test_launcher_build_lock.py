"""Two engines starting at once build the Neo4j launcher one after the other: the build runs
under an exclusive lock on a file next to it (graph/local_engine.py), held until the build ends."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from kennisgraaf.graph.local_engine import _build_lock

TRY_LOCK = """
import fcntl, sys
with open(sys.argv[1], "a") as handle:
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        sys.exit(3)
"""


def _other_process_may_lock(lock_file: Path) -> bool:
    done = subprocess.run([sys.executable, "-c", TRY_LOCK, str(lock_file)], check=False)
    return done.returncode == 0


def test_a_second_process_waits_while_a_build_holds_the_lock(tmp_path: Path) -> None:
    lock_file = tmp_path / "launcher-abc.lock"
    with _build_lock(tmp_path, "abc"):
        assert lock_file.exists()
        assert not _other_process_may_lock(lock_file)
    assert _other_process_may_lock(lock_file)  # released when the build is over
