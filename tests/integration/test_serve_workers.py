"""`kennisgraaf serve --workers 2`: two API processes on one port answer SPARQL from one
projection, built once for both."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from neo4j import Driver

from kennisgraaf.settings import Settings
from tests.conftest import free_port
from tests.pipeline_helpers import load

QUERY = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 (loopback)
            return int(response.status), bytes(response.read())
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def test_two_workers_share_one_projection(
    driver: Driver, database: str, api_settings: Settings, tmp_path: Path
) -> None:
    people = tmp_path / "people.ttl"
    people.write_text(
        "@prefix kg: <https://w3id.org/kennisgraaf/def#> .\n"
        "@prefix foaf: <http://xmlns.com/foaf/0.1/> .\n"
        '<https://w3id.org/kennisgraaf/id/person/w> a kg:Person ; foaf:name "W" ;'
        " kg:consentToBeNamed true .\n"
    )
    load(driver, database, people, tmp_path)
    port = free_port()
    env = {
        **os.environ,
        "NEO4J_URI": api_settings.bolt_uri,
        "KENNISGRAAF_DATA_DIR": str(api_settings.data_dir),
        "KENNISGRAAF_RATE_LIMIT_ENABLED": "false",
    }
    env.pop("NEO4J_PASSWORD", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "kennisgraaf", "serve", "--port", str(port), "--workers", "2"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while get_or_none(base + "/health") != 200:
            assert server.poll() is None, server.stderr.read() if server.stderr else ""
            assert time.monotonic() < deadline, "the workers did not start"
            time.sleep(0.5)
        url = base + "/sparql?" + urllib.parse.urlencode({"query": QUERY})
        with ThreadPoolExecutor(8) as pool:
            answers = list(pool.map(lambda _: get(url), range(16)))
        assert {status for status, _ in answers} == {200}
        counts = {json.loads(body)["results"]["bindings"][0]["n"]["value"] for _, body in answers}
        assert counts == {"3"}
        state = json.loads((api_settings.data_dir / "sparql/projection/state.json").read_text())
        assert state["number"] == 1  # built once, for both workers
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)


def get_or_none(url: str) -> int | None:
    try:
        return get(url)[0]
    except OSError:
        return None
