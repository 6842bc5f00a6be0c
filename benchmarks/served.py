"""`kennisgraaf serve` for a benchmark: started over a given Neo4j, ready once /health answers."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path


def wait_for_health(
    proc: subprocess.Popen[bytes], port: int, timeout_s: float = 120.0, what: str = "the API"
) -> subprocess.Popen[bytes]:
    """`proc` once /health on `port` answers 200; killed, and an exit, if it never does."""
    import httpx

    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=5).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.3)
    proc.kill()
    raise SystemExit(f"{what} did not come up")


def serve(uri: str, data_dir: Path, port: int, timeout_s: float = 120.0) -> subprocess.Popen[bytes]:
    """This tree's `kennisgraaf serve` on `port`, over the Neo4j at `uri` (no password)."""
    env = {**os.environ, "NEO4J_URI": uri, "KENNISGRAAF_DATA_DIR": str(data_dir)}
    env.pop("NEO4J_PASSWORD", None)
    cli = Path(sys.executable).with_name("kennisgraaf")
    proc = subprocess.Popen([str(cli), "serve", "--port", str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    return wait_for_health(proc, port, timeout_s, "kennisgraaf serve")
