"""The read commands of the CLI against the sample graph: trace, query, report."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from neo4j import Driver

from kennisgraaf.settings import Settings


def _cli(settings: Settings, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NEO4J_URI": settings.bolt_uri, "COLUMNS": "200"}
    return subprocess.run(
        [sys.executable, "-m", "kennisgraaf", *args],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


@pytest.fixture
def sample(sample_graph: tuple[Driver, str]) -> None:
    """The vocabularies and the sample dataset (declared once for the module)."""


@pytest.mark.usefixtures("sample")
def test_trace_json_and_timeline(neo4j_settings: Settings) -> None:
    result = _cli(neo4j_settings, "trace", "q04", "--json", "--depth", "0")
    assert result.returncode == 0, result.stderr
    body = json.loads(result.stdout)
    assert body["reached"] == ["articulation", "creation", "organisation", "sharing", "use"]
    assert len(body["stages"]["sharing"]) == 2
    timeline = _cli(neo4j_settings, "trace", "q03")
    assert timeline.returncode == 0
    assert "organisation (kennisorganisatie) — missing" in timeline.stdout
    unknown = _cli(neo4j_settings, "trace", "q99")
    assert unknown.returncode == 2 and "no knowledge question" in unknown.stderr
    assert "Traceback" not in unknown.stderr


@pytest.mark.usefixtures("sample")
def test_query_runs_named_queries_read_only_with_checked_parameters(
    neo4j_settings: Settings,
) -> None:
    listing = _cli(neo4j_settings, "query")
    assert "cycle.question_stages" in listing.stdout and "admin.wipe_all" not in listing.stdout
    rows = _cli(
        neo4j_settings, "query", "cycle.question_stages", "-p", "since=2025-01-01", "--json"
    )
    assert rows.returncode == 0, rows.stderr
    assert sorted(r["iri"].rsplit("/", 1)[-1] for r in json.loads(rows.stdout)) == [
        "q39", "q40", "q41", "q44", "q45", "q46", "q47", "q48", "q49",
    ]  # fmt: skip
    bad = _cli(neo4j_settings, "query", "cycle.question_stages", "-p", "since=yesterday")
    assert bad.returncode == 2 and "is not a date" in bad.stderr
    internal = _cli(neo4j_settings, "query", "admin.wipe_all")
    assert internal.returncode == 2 and "internal" in internal.stderr


@pytest.mark.usefixtures("sample")
def test_report_tables_and_html(neo4j_settings: Settings, tmp_path: Path) -> None:
    html = tmp_path / "report.html"
    result = _cli(neo4j_settings, "report", "--by", "sector", "--html", str(html))
    assert result.returncode == 0, result.stderr
    assert "funnel by sector" in result.stdout
    page = html.read_text()
    assert page.count("<svg") == 6  # one funnel per sector: PO VO MBO HBO WO SO
    assert "<script" not in page
