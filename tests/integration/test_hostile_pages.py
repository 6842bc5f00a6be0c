"""Hostile data on every kind of page: a source whose literals and IRIs are script, script links
(`javascript:`, `data:`, `vbscript:`, `file:`) and attribute breakers goes through the real
pipeline into Neo4j; every page that shows it — the resource page, the trace of a question that
references it, a study's page, search, /dataset, the reconciliation preview, 404s — must show
it as text only, with no link a browser would run, no markup from data, and the headers that keep
a browser from running or sniffing anything (Content-Security-Policy, nosniff)."""

from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient
from httpx import Response
from neo4j import Driver

from kennisgraaf.api.app import create_app
from kennisgraaf.loaders.pipeline import LoadOptions, load_file
from kennisgraaf.settings import Settings
from tests.database import Declare
from tests.ld_helpers import app_settings, vocabularies_path

BASE = "https://w3id.org/kennisgraaf/"
ID = BASE + "id/"
SCRIPT = "<script>alert(1)</script>"
BREAK_DOUBLE = '" onmouseover="alert(2)'
BREAK_SINGLE = "'><svg onload=alert(3)>"
SCRIPT_LINKS = [
    "javascript:alert(4)",
    "JaVaScRiPt:alert(5)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCg2KTwvc2NyaXB0Pg==",
    "data:text/html,%3Cscript%3Ealert(7)%3C/script%3E",
    "vbscript:msgbox(8)",
    "file:///etc/passwd",
]
# Valid IRIs, so every parser takes them: `'`, `=` and `(` may stand in an IRI.
BREAKER_IRI = "https://example.org/x'onmouseover='alert(9)"
OFF_SITE = BASE + "/evil.example/x"  # under the base, one slash too many: not "//evil.example"
SCRIPT_PERSON = "javascript:alert(10)//person"  # a person whose IRI is a script link


def lit(text: str) -> str:
    """A Turtle string literal."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


# One licence per dataset, as the shapes ask: one source dataset per hostile licence.
DATASETS = "\n".join(
    f"""<{ID}dataset/hostile-{n}> a dcat:Dataset ;
    dcterms:title {lit(f"hostile {n} {SCRIPT}")}@en ;
    dcterms:issued "2024-01-01"^^xsd:date ;
    dcterms:license <{licence}> .
"""
    for n, licence in enumerate([*SCRIPT_LINKS, BREAKER_IRI])
)
HOSTILE_TTL = f"""\
@prefix kg:      <https://w3id.org/kennisgraaf/def#> .
@prefix foaf:    <http://xmlns.com/foaf/0.1/> .
@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix dcat:    <http://www.w3.org/ns/dcat#> .
@prefix prov:    <http://www.w3.org/ns/prov#> .
@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .
@prefix fn:      <https://w3id.org/kennisgraaf/def/function/> .
@prefix sector:  <https://w3id.org/kennisgraaf/def/sector/> .
@prefix theme:   <https://w3id.org/kennisgraaf/def/theme/> .
@prefix design:  <https://w3id.org/kennisgraaf/def/study-design/> .
@prefix evidence: <https://w3id.org/kennisgraaf/def/evidence-strength/> .
@prefix qstatus: <https://w3id.org/kennisgraaf/def/question-status/> .

{DATASETS}
# Both people consented to be named, so the pages print their hostile names (as text).
<{ID}person/hostile> a kg:Person ;
    kg:consentToBeNamed true ;
    foaf:name {lit("Hostilia " + SCRIPT + BREAK_DOUBLE)} ;
    foaf:homepage {" , ".join(f"<{i}>" for i in SCRIPT_LINKS)} , <{OFF_SITE}> ;
    rdfs:seeAlso <{BREAKER_IRI}> ;
    rdfs:comment {lit(BREAK_SINGLE)} , {lit(BREAK_DOUBLE)} .

<{SCRIPT_PERSON}> a kg:Person ;
    kg:consentToBeNamed true ;
    foaf:name {lit("Scriptor " + BREAK_SINGLE)} .

<{ID}question/hostile> a kg:KnowledgeQuestion ;
    kg:questionText {lit(f"Hostile question {SCRIPT} {BREAK_SINGLE}")}@en ;
    prov:wasGeneratedBy <{ID}articulation/hostile> ;
    kg:sector sector:PO ;
    kg:theme theme:curriculum-and-pedagogy ;
    kg:status qstatus:open .
<{ID}articulation/hostile> a kg:QuestionArticulation ;
    kg:function fn:articulation ;
    dcterms:date "2024-01-10"^^xsd:date ;
    prov:wasAssociatedWith <{ID}person/hostile> , <{SCRIPT_PERSON}> .

<{ID}study/hostile> a kg:ResearchProject ;
    dcterms:title {lit("Hostile study " + SCRIPT)}@en ;
    prov:wasGeneratedBy <{ID}creation/hostile> ;
    kg:studyDesign design:rct ;
    kg:evidenceStrength evidence:2 .
<{ID}creation/hostile> a kg:KnowledgeCreation ;
    kg:function fn:creation ;
    dcterms:date "2024-06-30"^^xsd:date ;
    prov:used <{ID}question/hostile> ;
    prov:wasAssociatedWith <{ID}person/hostile> , <{SCRIPT_PERSON}> .
"""

HTML = {"Accept": "text/html"}
# Every attribute the templates write; anything else came out of data.
TEMPLATE_ATTRIBUTES = {
    "action", "aria-labelledby", "charset", "class", "content", "cx", "cy", "d", "data-stage",
    "data-status", "datetime", "fill", "for", "height", "href", "id", "lang", "marker-end",
    "markerheight", "markerwidth", "method", "name", "orient", "placeholder", "r", "refx", "refy",
    "rel", "role", "rx", "scope", "stroke", "stroke-width", "target", "text-anchor", "title",
    "type", "value", "viewbox", "width", "x", "x1", "x2", "y", "y1", "y2",
}  # fmt: skip
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "data"}


def load_hostile(driver: Driver, database: str, folder: Path) -> Driver:
    """The vocabularies and the hostile names and links."""
    source = folder / "hostile.ttl"
    source.write_text(HOSTILE_TTL, encoding="utf-8")
    options = LoadOptions(base_iri=BASE, quarantine_dir=folder / "quarantine")
    for path in (vocabularies_path(), source):
        report = load_file(Path(path), driver, database, options)
        assert report.rejections == [], report.rejections
    return driver


@pytest.fixture(scope="module")
def hostile(
    module_graph: Declare, neo4j_settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TestClient]:
    app = create_app(
        app_settings(neo4j_settings, tmp_path_factory.mktemp("app")),
        driver=module_graph(load_hostile),
    )
    with TestClient(app) as client:
        yield client


class Document(HTMLParser):
    """Start tags with their attributes (entities decoded, as a browser reads them) and text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str]]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, [(k, v or "") for k, v in attrs]))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def assert_safe_html(response: Response) -> Document:
    """No markup, attribute or link from data; the headers every HTML response carries."""
    assert response.headers["content-type"].startswith("text/html")
    csp = response.headers.get("content-security-policy", "")
    assert csp.startswith("default-src 'none'"), (response.url, csp)
    assert "script-src" not in csp and "unsafe" not in csp, csp
    assert response.headers.get("x-content-type-options") == "nosniff"
    doc = Document()
    doc.feed(response.text)
    doc.close()
    for tag, attrs in doc.tags:
        assert tag not in ("script", "iframe", "object", "embed", "base", "meta") or (
            tag == "meta" and {k for k, _ in attrs} <= {"charset", "name", "content"}
        ), (tag, attrs)
        for name, value in attrs:
            assert name in TEMPLATE_ATTRIBUTES, f"attribute {name}={value!r} on <{tag}> from data"
            if name in URL_ATTRIBUTES:
                assert_safe_url(value)
    return doc


def assert_safe_url(value: str) -> None:
    parts = urlsplit(value)
    if parts.scheme:
        assert parts.scheme in ("http", "https") and parts.netloc, f"link to {value!r}"
        assert value.strip() == value and not any(c < " " for c in value), value
    else:  # a path on this site, or a fragment
        assert value[:1] in ("/", "#", "?") and not value.startswith("//"), f"link to {value!r}"


def text_of(doc: Document) -> str:
    return "".join(doc.text)


def page(client: TestClient, path: str, status: int = 200, **params: str) -> Document:
    response = client.get(path, params=params, headers=HTML)
    assert response.status_code == status, (path, response.text[:500])
    return assert_safe_html(response)


def test_resource_page_shows_hostile_values_as_text(hostile: TestClient) -> None:
    text = text_of(page(hostile, "/id/person/hostile"))
    assert f"Hostilia {SCRIPT}{BREAK_DOUBLE}" in text
    assert BREAK_SINGLE in text
    for iri in SCRIPT_LINKS:  # shown, not linked
        assert iri in text


def test_a_person_with_a_script_iri_is_text_on_the_trace_and_study_pages(
    hostile: TestClient,
) -> None:
    question = page(hostile, "/id/question/hostile")
    assert "trace-diagram" in {v for _, attrs in question.tags for k, v in attrs if k == "id"}
    text = text_of(question)
    assert f"Hostile question {SCRIPT} {BREAK_SINGLE}" in text
    assert "Scriptor" in text and "Hostilia" in text
    study = text_of(page(hostile, "/id/study/hostile"))
    assert "Hostile question" in study and f"Hostile study {SCRIPT}" in study


def test_search_results(hostile: TestClient) -> None:
    for q, name in (("Hostilia", "Hostilia"), ("Scriptor", "Scriptor"), ("hostile", "Hostile")):
        text = text_of(page(hostile, "/search", q=q))
        assert name in text, q
    assert SCRIPT in text_of(page(hostile, "/search", q=SCRIPT))  # the query, echoed


def test_dataset_page_shows_script_licences_as_text(hostile: TestClient) -> None:
    doc = page(hostile, "/dataset")
    hrefs = {v for _, attrs in doc.tags for k, v in attrs if k == "href"}
    assert BREAKER_IRI in hrefs  # a web address stays a link
    for iri in SCRIPT_LINKS:
        assert iri in text_of(doc)


@pytest.mark.parametrize(
    "iri", [ID + "person/hostile", SCRIPT_PERSON, *SCRIPT_LINKS[:3], BREAKER_IRI, OFF_SITE]
)
def test_reconciliation_preview(hostile: TestClient, iri: str) -> None:
    response = hostile.get("/reconcile/preview", params={"id": iri})
    assert response.status_code == 200, response.text
    doc = assert_safe_html(response)
    # Framed by OpenRefine wherever it runs, and allowed nothing else.
    csp = response.headers["content-security-policy"]
    assert "frame-ancestors *" in csp and "style-src 'self';" in csp
    hrefs = [v for _, attrs in doc.tags for k, v in attrs if k == "href"]
    assert (iri in hrefs) == iri.startswith("https://")
    assert iri in text_of(doc) or "Hostilia" in text_of(doc)


def test_not_found_pages(hostile: TestClient) -> None:
    missing = f"{SCRIPT}{BREAK_SINGLE}"
    assert missing in text_of(page(hostile, "/id/" + missing, status=404))
    assert "javascript:alert(11)" in text_of(
        page(hostile, "/reconcile/preview", status=404, id="javascript:alert(11)")
    )


def test_every_response_is_nosniff_and_no_json_runs(hostile: TestClient) -> None:
    for path in ("/id/person/hostile.ttl", "/id/nothing", "/dataset?format=jsonld", "/health"):
        response = hostile.get(path, headers={"Accept": "application/json"})
        assert response.headers["x-content-type-options"] == "nosniff", path
        assert response.headers["content-security-policy"].startswith("default-src 'none'"), path
    css = hostile.get("/static/kennisgraaf.css")
    assert css.status_code == 200 and css.headers["x-content-type-options"] == "nosniff"


def test_swagger_ui_runs_only_its_own_script(hostile: TestClient) -> None:
    response = hostile.get("/docs")
    assert response.status_code == 200
    csp = response.headers["content-security-policy"]
    assert "unsafe" not in csp and "default-src 'none'" in csp
    assert (
        "script-src https://cdn.jsdelivr.net/npm/swagger-ui-dist@5/swagger-ui-bundle.js 'sha256-"
        in csp
    )
    assert response.headers["x-content-type-options"] == "nosniff"
    assert hostile.get("/redoc").status_code == 404
