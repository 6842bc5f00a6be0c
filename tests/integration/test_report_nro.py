"""`kennisgraaf report --html` over the sample graph carries the NRO overview: the Kennisrotonde's
referral share and the programme view, with the figures worked out by hand from the header of
ontology/datasets/sample.ttl (see tests/integration/test_home_nro.py for the arithmetic)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from neo4j import Driver

from kennisgraaf.queries.analytics.report_html import render_report
from kennisgraaf.settings import Settings
from tests.integration.test_cli_queries import _cli
from tests.integration.test_home_nro import HOSTILE, PROGRAMMES, REFERRALS, REUSED, table_rows


def test_report_shows_the_referral_share_and_the_programmes(
    sample_graph: tuple[Driver, str], neo4j_settings: Settings, tmp_path: Path
) -> None:
    html = tmp_path / "report.html"
    result = _cli(neo4j_settings, "report", "--html", str(html))
    assert result.returncode == 0, result.stderr
    assert (
        "Kennisrotonde: 12 questions handled, 3 referred to an earlier answer (25%), 1 to "
        "another source, 1 routed to research" in result.stdout
    )
    cells = [[c.strip() for c in line.split("│")[1:-1]] for line in result.stdout.splitlines()]
    assert ["kennissynthese", "1", "4", "2 (50%)", "0", "0"] in cells
    assert ["praktijkgericht-onderzoek", "3", "7", "1 (14%)", "6", "4"] in cells
    page = html.read_text(encoding="utf-8")
    assert "Of 12 questions the Kennisrotonde handled, 3 were answered by" in page
    assert "referral share 25%" in page
    tables = {css: table_rows(page, css) for css in ("referrals", "reused", "programmes")}
    assert tables == {"referrals": REFERRALS, "reused": REUSED, "programmes": PROGRAMMES}
    assert "/id/person/" not in page and "<script" not in page


# Mutation caught: linking every IRI as it is (href="javascript:…") in the report.
def test_report_shows_titles_and_iris_from_data_as_text() -> None:
    page = render_report({}, {}, [], [], [], dt.datetime(2025, 1, 1, tzinfo=dt.UTC), HOSTILE)
    assert "<script>x" not in page and "&lt;script&gt;x&lt;/script&gt;" in page
    assert 'href="javascript' not in page
    assert '<a href="https://example.org/p">&lt;b&gt;P&lt;/b&gt;</a>' in page
    assert "<td>0 (–)</td>" in page  # no outputs: no share
