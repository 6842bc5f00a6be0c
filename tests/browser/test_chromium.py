"""A question page in real headless Chromium: the app runs under uvicorn over the session's
Neo4j with the sample loaded; Chromium renders the page (no JavaScript involved), its DOM must
hold the drawn trace, and a screenshot is kept under artifacts/."""

from __future__ import annotations

import re
import shutil
import subprocess
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from neo4j import Driver
from rdflib import Graph

from kennisgraaf.api.app import create_app
from kennisgraaf.settings import Settings
from tests.conftest import free_port
from tests.ld_helpers import app_settings

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"
TIMEOUT_S = 90


@pytest.fixture(scope="module")
def server(
    ld_graph: Graph,
    session_driver: Driver,
    neo4j_settings: Settings,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[str]:
    settings = app_settings(neo4j_settings, tmp_path_factory.mktemp("app"))
    port = free_port()
    config = uvicorn.Config(
        create_app(settings, driver=session_driver),
        host="127.0.0.1",
        port=port,
        log_level="warning",
        lifespan="on",
    )
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, name="uvicorn-browser-test", daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while not uv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start for the browser test")
        time.sleep(0.05)
    try:
        yield base
    finally:
        uv.should_exit = True
        thread.join(timeout=10)


def chromium(user_data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: the browser tests need Debian's chromium "
            "(install it with `apt-get install -y chromium`)",
            pytrace=False,
        )
    command = [
        str(CHROMIUM),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        f"--user-data-dir={user_data}",
        *args,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_S, check=False)


def test_question_page_draws_the_trace(server: str, tmp_path: Path) -> None:
    url = f"{server}/id/question/q01"
    # The page as a browser asks for it: content negotiation must give HTML.
    request = urllib.request.Request(url, headers={"Accept": "text/html"})  # noqa: S310
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 (loopback)
        assert response.headers["Content-Type"] == "text/html; charset=utf-8"

    dump = chromium(tmp_path / "profile-dom", "--dump-dom", url)
    assert dump.returncode == 0, dump.stderr[-2000:]
    dom = dump.stdout
    assert '<svg id="trace-diagram"' in dom
    assert re.findall(r'data-stage="(\w+)" data-status="(\w+)"', dom) == [
        ("articulation", "reached"),
        ("creation", "reached"),
        ("organisation", "reached"),
        ("sharing", "reached"),
        ("use", "reached"),
    ]
    assert "How can we teach reading comprehension in grades 6 to 8 more effectively?" in dom
    assert 'href="/id/question/q02"' in dom  # the question its use raised

    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "question.png"
    shot.unlink(missing_ok=True)
    result = chromium(
        tmp_path / "profile-shot",
        f"--screenshot={shot}",
        "--window-size=1200,1600",
        "--hide-scrollbars",
        url,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 20_000  # a drawn page, not a blank one


def test_a_missing_stage_is_drawn_as_such(server: str, tmp_path: Path) -> None:
    dump = chromium(tmp_path / "profile", "--dump-dom", f"{server}/id/question/q09")
    assert dump.returncode == 0, dump.stderr[-2000:]
    assert ('data-stage="creation" data-status="skipped"') in dump.stdout
    shutil.rmtree(tmp_path / "profile", ignore_errors=True)
