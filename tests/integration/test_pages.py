"""The HTML pages over the sample graph: home with the funnel, search, resource pages of every
type, the trace diagram of question pages, and escaping of everything that comes from data."""

from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver
from rdflib import Graph

from kennisgraaf.api.app import create_app
from kennisgraaf.settings import Settings
from tests.ld_helpers import OTHER_BASE, app_settings

HTML = {"Accept": "text/html"}


@pytest.fixture(scope="module")
def pages(
    ld_graph: Graph,
    session_driver: Driver,
    neo4j_settings: Settings,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[TestClient]:
    settings = app_settings(neo4j_settings, tmp_path_factory.mktemp("app"))
    with TestClient(create_app(settings, driver=session_driver)) as client:
        yield client


class Elements(HTMLParser):
    """Start tags with their attributes, and the text inside chosen elements."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.texts: dict[str, list[str]] = {}
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._open:
            while self._open and self._open.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if self._open:
            self.texts.setdefault(self._open[-1], []).append(data)

    def attrs(self, tag: str, name: str) -> list[str]:
        return [a[name] for t, a in self.tags if t == tag and name in a]


def parse(html: str) -> Elements:
    found = Elements()
    found.feed(html)
    return found


def get_page(client: TestClient, path: str) -> str:
    response = client.get(path, headers=HTML)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert "script-src" not in response.headers["content-security-policy"]
    assert response.headers["content-security-policy"].startswith("default-src 'none'")
    assert response.headers["x-content-type-options"] == "nosniff"
    text: str = response.text
    assert "<script" not in text.lower()
    return text


def test_home_shows_the_funnel(pages: TestClient) -> None:
    html = get_page(pages, "/")
    assert '<svg id="funnel-diagram"' in html
    rows = [line.strip() for line in html.splitlines() if line.strip().startswith("<tr><td>")]
    assert rows == [
        "<tr><td>Articulation (vraagarticulatie)</td><td>49</td><td>100%</td></tr>",
        "<tr><td>Creation (kenniscreatie)</td><td>29</td><td>59%</td></tr>",
        "<tr><td>Organisation (kennisorganisatie)</td><td>27</td><td>55%</td></tr>",
        "<tr><td>Sharing (kennisdeling)</td><td>21</td><td>43%</td></tr>",
        "<tr><td>Use (kennisbenutting)</td><td>14</td><td>29%</td></tr>",
    ]
    assert 'action="/search"' in html


def stages(html: str) -> list[tuple[str, str]]:
    return [
        (a["data-stage"], a["data-status"])
        for tag, a in parse(html).tags
        if tag == "g" and "data-stage" in a
    ]


def test_full_trace_is_drawn_with_dates_links_and_the_loop(pages: TestClient) -> None:
    html = get_page(pages, "/id/question/q01")
    assert '<svg id="trace-diagram"' in html
    assert stages(html) == [
        ("articulation", "reached"),
        ("creation", "reached"),
        ("organisation", "reached"),
        ("sharing", "reached"),
        ("use", "reached"),
    ]
    svg = html[html.index('<svg id="trace-diagram"') : html.index("</svg>")]
    for date in ("2019-09-12", "2021-06-30", "2021-11-15", "2022-02-10", "2022-04-01"):
        assert f'class="date" text-anchor="middle">{date}</text>' in svg
    links = set(parse(svg).attrs("a", "href"))
    assert {
        "/id/articulation/q01",
        "/id/creation/doi/10.5555/kg-sample.s01",
        "/id/study/doi/10.5555/kg-sample.s01",
        "/id/organising/p01",
        "/id/product/p01",
        "/id/sharing/sh01",
        "/id/use/u01",
        "/id/person/iris-bos",
        "/id/network/kennistafel-begrijpend-lezen",
        "/id/organisation/obs-de-lindenhof",
        "/id/question/q02",  # raised by its use
    } <= links
    assert 'class="loop"' in svg
    assert "From articulation to first use: 932 days." in html


def test_missing_stages_are_marked(pages: TestClient) -> None:
    # q03 stopped after creation; q09 was answered straight from background studies.
    assert stages(get_page(pages, "/id/question/q03")) == [
        ("articulation", "reached"),
        ("creation", "reached"),
        ("organisation", "not-reached"),
        ("sharing", "not-reached"),
        ("use", "not-reached"),
    ]
    html = get_page(pages, "/id/question/q09")
    assert stages(html) == [
        ("articulation", "reached"),
        ("creation", "skipped"),
        ("organisation", "reached"),
        ("sharing", "reached"),
        ("use", "reached"),
    ]
    assert ">skipped</text>" in html
    assert 'class="loop"' not in get_page(pages, "/id/question/q37")


@pytest.mark.parametrize(
    ("path", "kind", "name", "links"),
    [
        (
            "/id/study/doi/10.5555/kg-sample.s01",
            "study",
            "Explicit strategy instruction in reading comprehension in grades 6-8",
            {
                "/id/question/q01",
                "/id/product/p01",
                "/id/use/u01",
                "/id/organisation/nro",
                "/id/organising/p01",
            },
        ),
        (
            "/id/product/p01",
            "knowledge product",
            "Reading comprehension: explicit strategy instruction",
            {"/id/question/q01", "/id/sharing/sh01", "/id/use/u01"},
        ),
        (
            "/id/person/iris-bos",
            "person",
            "Iris Bos",
            {"/id/articulation/q01", "/id/network/kennistafel-begrijpend-lezen"},
        ),
        (
            "/id/organisation/obs-de-lindenhof",
            "organisation",
            "OBS De Lindenhof",
            {"/id/use/u01", "/id/organisation/spo-rijnvallei"},
        ),
        (
            "/id/network/kennistafel-begrijpend-lezen",
            "network",
            "Kennistafel Begrijpend Lezen",
            {"/id/person/iris-bos", "/id/sharing/sh01"},
        ),
        (
            "/id/organisation/ror/04pp8hn57",
            "organisation",
            "Universiteit Utrecht",
            {"/def/sector/WO"},
        ),
    ],
)
def test_resource_pages_show_properties_and_links_both_ways(
    pages: TestClient, path: str, kind: str, name: str, links: set[str]
) -> None:
    html = get_page(pages, path)
    found = parse(html)
    assert found.texts["h1"] == [name]
    assert f'<p class="kind">{kind}</p>' in html
    assert links <= set(found.attrs("a", "href"))
    for suffix in (".ttl", ".jsonld", ".nt", ".rdf"):
        assert '<link rel="alternate"' in html and f'href="{path}{suffix}"' in html


def test_study_page_shows_where_it_was_used(pages: TestClient) -> None:
    html = get_page(pages, "/id/study/doi/10.5555/kg-sample.s01")
    assert "Serves the questions:" in html and "on 2022-04-01" in html


def test_every_literal_is_escaped_and_no_script_iri_becomes_a_link(pages: TestClient) -> None:
    settings: Settings = pages.app.state.settings  # type: ignore[attr-defined]
    other = settings.model_copy(update={"base_iri": OTHER_BASE})
    with TestClient(create_app(other, driver=pages.app.state.driver)) as nro:  # type: ignore[attr-defined]
        html = nro.get("/kg/id/person/script-kiddie", headers=HTML).text
    assert "<script>" not in html
    assert "<h1>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;Kiddie&#34;</h1>" in html
    assert 'href="javascript:' not in html
    assert 'title="javascript:alert(2)">javascript:alert(2)</span>' in html  # text, no link
    reflected = pages.get("/search", params={"q": "<script>alert(3)</script>"}, headers=HTML)
    assert "<script>" not in reflected.text
    assert 'value="&lt;script&gt;alert(3)&lt;/script&gt;"' in reflected.text


def hits(client: TestClient, q: str) -> list[str]:
    html = get_page(client, "/search?q=" + q)
    ol = html[html.index('<ol class="hits">') :] if '<ol class="hits">' in html else ""
    return parse(ol).attrs("a", "href")


def test_search_finds_questions_studies_products_and_names(pages: TestClient) -> None:
    assert set(hits(pages, "lezen")) == {
        "/id/network/kennistafel-begrijpend-lezen",
        "/id/product/p01",
        "/id/study/doi/10.5555/kg-sample.sb01",
        "/id/question/q01",
        "/id/question/q02",
        "/id/question/q44",  # as asked: "Mijn leerlingen lezen mijn feedback niet."
        "/id/study/doi/10.5555/kg-sample.s01",
    }
    assert hits(pages, "Iris Bos") == ["/id/person/iris-bos"]
    assert hits(pages, "lindenh") == ["/id/organisation/obs-de-lindenhof"]  # a prefix


@pytest.mark.parametrize("q", ['")(*:~\\', "AND OR NOT", "lezen~0.1^9 +x -y", "_", " "])
def test_search_syntax_in_user_text_is_harmless(pages: TestClient, q: str) -> None:
    response = pages.get("/search", params={"q": q}, headers=HTML)
    assert response.status_code == 200


def test_search_without_query_is_a_form(pages: TestClient) -> None:
    html = get_page(pages, "/search")
    assert "Type words to look for" in html


def test_ontology_docs_and_dataset_pages(pages: TestClient) -> None:
    assert "<title>kennisgraaf ontology</title>" in get_page(pages, "/def")
    dataset = get_page(pages, "/dataset")
    assert 'href="/dumps/kennisgraaf.ttl"' in dataset and "EUPL-1.2" in dataset


def test_stylesheet_is_served(pages: TestClient) -> None:
    response = pages.get("/static/kennisgraaf.css")
    assert response.status_code == 200 and "svg.trace" in response.text
