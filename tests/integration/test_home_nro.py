"""The home page's NRO blocks over the sample graph: the Kennisrotonde's referral share with the
earlier answers reused most, and per programme its grants, outputs, open-access share and
follow-up. The figures are worked out by hand from the header of ontology/datasets/sample.ttl:

- handled by the Kennisrotonde: 12 questions — 7 answered by an answer of their own (q09 q11 q16
  q22 q25 q29 q44), 3 referred to an earlier answer (q45 q46 → p11, q47 → p44), 1 to another
  source (q48), 1 routed to research (q49); referral share 3/12 = 25 %, 1/12 ≈ 8 %, 7/12 ≈ 58 %.
- praktijkgericht-onderzoek: grants 001 002 003, outputs s01 p01 r01 s04 p04 s17 p17 (7), open
  r01 (1/7 ≈ 14 %), shared all but r01 (6), used s01 p01 s04 p04 (4); kennissynthese: grant 004,
  outputs t01 t02 p11r rp01 (4), open t01 p11r (50 %), none shared or used.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from kennisgraaf.api.diagrams import funnel_diagram
from kennisgraaf.api.html import Site, render
from kennisgraaf.queries.analytics.nro_overview import (
    NroOverview,
    ProgrammeView,
    ReferralView,
    ReusedAnswer,
)
from kennisgraaf.settings import Settings
from tests.api_client import api_client

REFERRALS = [
    ["an answer of its own", "7", "58%"],
    ["referral to an earlier answer", "3", "25%"],
    ["referral to another source", "1", "8%"],
    ["routing to research", "1", "8%"],
]
REUSED = [["Summer schools against learning delays", "2"], ["Feedback pupils act on", "1"]]
PROGRAMMES = [
    ["Knowledge synthesis and Kennisrotonde", "1", "4", "2 (50%)", "0", "0"],
    ["Practice-based educational research", "3", "7", "1 (14%)", "6", "4"],
]

# Titles and IRIs as loaded data may give them: shown as text, linked only when safe.
HOSTILE = NroOverview(
    referrals=ReferralView(
        questions=1, answered=0, earlier_answer=1, other_source=0, research=0,
        earlier_answer_share=1.0,
        reused=(ReusedAnswer(iri="javascript:alert(1)", title={"en": "<script>x</script>"},
                             questions=1),),
    ),
    programmes=(ProgrammeView(programme="https://example.org/p", title={"en": "<b>P</b>"},
                              grants=1, outputs=0, open=0, open_share=None, shared=0, used=0),),
)  # fmt: skip


def table_rows(html: str, css: str) -> list[list[str]]:
    """The body rows of the table of that class, each as the texts of its cells."""
    start = html.index(f'<table class="{css}">')
    table = html[start : html.index("</table>", start)]
    rows = re.findall(r"<tr>(.*?)</tr>", table, re.DOTALL)[1:]  # after the header row
    return [
        [
            re.sub(r"<[^>]+>", "", cell).strip()
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r, re.DOTALL)
        ]
        for r in rows
    ]


@pytest.fixture(scope="module")
def home_client(
    sample_graph: tuple[Driver, str],
    neo4j_settings: Settings,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[TestClient]:
    with api_client(sample_graph[0], neo4j_settings, tmp_path_factory.mktemp("home")) as client:
        yield client


def home(client: TestClient, lang: str) -> str:
    response = client.get("/", params={"lang": lang}, headers={"Accept": "text/html"})
    assert response.status_code == 200, response.text
    text: str = response.text
    return text


def test_home_shows_the_referral_share_and_the_answers_reused_most(
    home_client: TestClient,
) -> None:
    html = home(home_client, "en")
    assert "Of 12 questions the Kennisrotonde handled, 3 were answered by" in html
    assert "a referral share of 25%" in html
    assert table_rows(html, "referral-table") == REFERRALS
    assert table_rows(html, "reused-table") == REUSED
    assert 'href="/id/product/p11"' in html


# Mutation caught: counting outputs that are not open access as open → 3 (75%), 6 (86%).
def test_home_shows_each_programme_with_its_outputs_and_follow_up(
    home_client: TestClient,
) -> None:
    assert table_rows(home(home_client, "en"), "programme-table") == PROGRAMMES
    dutch = table_rows(home(home_client, "nl"), "programme-table")
    assert [row[0] for row in dutch] == [
        "Kennissynthese en Kennisrotonde",
        "Praktijkgericht onderwijsonderzoek",
    ]


def test_home_names_no_asker_and_no_lead_applicant(home_client: TestClient) -> None:
    html = home(home_client, "en")
    block = html[html.index('id="kennisrotonde-referrals"') : html.index('<section class="more">')]
    # the askers' schools and the grants' lead applicants stay off the page
    for private in ("bs-het-zeepaard", "obs-de-lindenhof", "hanna-mulder", "femke-willems",
                    "/id/person/", "/id/question/"):  # fmt: skip
        assert private not in block


def test_home_shows_titles_and_iris_from_data_as_text() -> None:
    page = render("home.html", site=Site("https://w3id.org/kennisgraaf/"), lang="en",
                  title="Home", funnel=funnel_diagram({}, 0), nro=HOSTILE, query="")  # fmt: skip
    html = bytes(page.body).decode()
    assert "<script>x" not in html and "&lt;script&gt;x&lt;/script&gt;" in html
    assert 'href="javascript' not in html
    assert '<a href="https://example.org/p">&lt;b&gt;P&lt;/b&gt;</a>' in html
