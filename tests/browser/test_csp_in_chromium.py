"""The pages under their Content-Security-Policy in real headless Chromium: every page type
renders with its stylesheet and Chromium reports no blocked style, script or image; the
reconciliation preview may be framed by another origin (OpenRefine's), a resource page may not."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.browser.test_chromium import chromium, server  # noqa: F401 (the module's fixture)
from tests.conftest import free_port

CSP_REPORT = "Content Security Policy"
PERSON = "https://w3id.org/kennisgraaf/id/person/iris-bos"


def console(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in result.stderr.splitlines() if ":CONSOLE" in line]


def load(tmp_path: Path, url: str) -> tuple[str, list[str]]:
    result = chromium(
        tmp_path / "profile",
        "--enable-logging=stderr",
        "--v=0",
        "--virtual-time-budget=3000",
        "--dump-dom",
        url,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout, console(result)


@pytest.mark.parametrize(
    ("path", "shows"),
    [
        ("/", '<svg id="funnel-diagram"'),
        ("/id/question/q01", '<svg id="trace-diagram"'),
        ("/id/study/doi/10.5555/kg-sample.s01", "In the knowledge cycle"),
        ("/search?q=lezen", '<ol class="hits">'),
        ("/dataset", "The kennisgraaf dataset"),
        ("/def/sector", "concept scheme"),
        ("/def", "kennisgraaf ontology"),
        ("/id/nothing/here", "Not found"),
        ("/reconcile/preview?id=" + quote(PERSON, safe=""), "Iris Bos"),
    ],
)
def test_page_renders_with_nothing_blocked(
    server: str,  # noqa: F811
    tmp_path: Path,
    path: str,
    shows: str,
) -> None:
    dom, messages = load(tmp_path, server + path)
    assert shows in dom
    assert [m for m in messages if CSP_REPORT in m] == []


@pytest.fixture
def other_origin(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A static server on another port: a different origin, as OpenRefine's page is."""
    root = tmp_path / "other-origin"
    root.mkdir()
    port = free_port()
    command = [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"]
    process = subprocess.Popen(
        [*command, "--directory", str(root)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        try:
            urllib.request.urlopen(base + "/", timeout=2).close()  # noqa: S310 (loopback)
            break
        except OSError:
            if time.monotonic() > deadline:
                process.kill()
                raise
            time.sleep(0.1)
    try:
        yield base, root
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_only_the_preview_can_be_framed_by_another_origin(
    server: str,  # noqa: F811
    other_origin: tuple[str, Path],
    tmp_path: Path,
) -> None:
    base, root = other_origin
    framed = {
        "preview.html": f"{server}/reconcile/preview?id={quote(PERSON, safe='')}",
        "page.html": f"{server}/id/question/q01",
    }
    for name, url in framed.items():
        (root / name).write_text(f'<!doctype html><iframe src="{url}"></iframe>', "utf-8")
    _, preview = load(tmp_path / "preview", f"{base}/preview.html")
    assert [m for m in preview if CSP_REPORT in m] == []
    _, page = load(tmp_path / "page", f"{base}/page.html")
    assert any("frame-ancestors 'none'" in m for m in page), page
