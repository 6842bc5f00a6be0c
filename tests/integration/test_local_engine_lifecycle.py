"""The local engine lifecycle via the CLI: start, status, restart, SIGKILL, recovery, stop."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from neo4j import GraphDatabase

from kennisgraaf.graph.local_engine import LocalEngine, pid_alive
from tests.conftest import build_cache, free_port


def _cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kennisgraaf", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture
def engine_env(tmp_path: Path) -> dict[str, str]:
    data_dir = tmp_path / "data"
    build = data_dir / "build"
    build.parent.mkdir(parents=True)
    # Build (or find) the launcher in the machine's cache first; tests may run in any order.
    LocalEngine(tmp_path, 0, build_root=build_cache()).launcher_classpath()
    # Reuse the launcher already built for this machine rather than building it again.
    build.symlink_to(build_cache(), target_is_directory=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env.update(KENNISGRAAF_DATA_DIR=str(data_dir), KENNISGRAAF_NEO4J_PORT=str(free_port()))
    return env


def _pid(env: dict[str, str]) -> int:
    return int((Path(env["KENNISGRAAF_DATA_DIR"]) / "neo4j" / "engine.pid").read_text())


def _count_marker(uri: str, write: bool) -> int:
    with GraphDatabase.driver(uri, auth=None) as d:
        if write:
            d.execute_query("CREATE (:LifecycleMarker)")
        records, _, _ = d.execute_query("MATCH (m:LifecycleMarker) RETURN count(m) AS n")
        return int(records[0]["n"])


def test_start_status_restart_kill_recover_stop(engine_env: dict[str, str]) -> None:
    uri = f"bolt://127.0.0.1:{engine_env['KENNISGRAAF_NEO4J_PORT']}"
    try:
        assert _cli(engine_env, "neo4j", "status").returncode == 1

        first = _cli(engine_env, "neo4j", "start")
        assert first.returncode == 0, first.stderr
        assert uri in first.stdout and "ready" in first.stdout
        pid = _pid(engine_env)
        assert _count_marker(uri, write=True) == 1

        status = _cli(engine_env, "neo4j", "status")
        assert status.returncode == 0 and f"pid {pid}" in status.stdout

        second = _cli(engine_env, "neo4j", "start")
        assert second.returncode == 0 and "already running" in second.stdout
        assert _pid(engine_env) == pid

        os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + 10
        while pid_alive(pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _cli(engine_env, "neo4j", "status").returncode == 1

        recovered = _cli(engine_env, "neo4j", "start")
        assert recovered.returncode == 0, recovered.stderr
        assert "stale PID file" in recovered.stdout
        assert _pid(engine_env) != pid
        # The store survived the kill: the committed marker is still there.
        assert _count_marker(uri, write=False) == 1

        new_pid = _pid(engine_env)
        stopped = _cli(engine_env, "neo4j", "stop")
        assert stopped.returncode == 0 and "stopped" in stopped.stdout
        assert not pid_alive(new_pid)
        assert _cli(engine_env, "neo4j", "stop").stdout.strip() == "Neo4j was not running"
    finally:
        _cli(engine_env, "neo4j", "stop")


def test_start_refuses_a_port_taken_by_another_process(engine_env: dict[str, str]) -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", int(engine_env["KENNISGRAAF_NEO4J_PORT"])))
        s.listen()
        result = _cli(engine_env, "neo4j", "start")
    assert result.returncode == 4
    assert "already taken" in result.stderr and "Traceback" not in result.stderr
