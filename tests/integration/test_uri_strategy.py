"""The URI strategy (deploy/README.md): `/id/…` answers 200 with `Content-Location` naming the
document `/doc/…`, which answers too; the w3id.org rules (deploy/w3id/.htaccess) and the
reverse-proxy example (deploy/nginx/kennisgraaf.conf) bring every kind of IRI the app mints to a
route that answers it, each behind a base IRI with a path; OpenRefine's view and preview links
resolve. Over the linked-data graph (tests/ld_helpers.py) in a real Neo4j."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from fastapi import FastAPI
from fastapi.routing import iter_route_contexts
from fastapi.testclient import TestClient
from httpx import Response
from neo4j import Driver
from rdflib import Graph, URIRef
from rdflib.namespace import FOAF, VOID

from kennisgraaf.settings import Settings
from tests.ld_clients import ld_client
from tests.ld_helpers import ID, OTHER_BASE

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
W3ID = "https://w3id.org/kennisgraaf/"
PUBLISHER = "https://kennisgraaf.example.org/"  # the host deploy/w3id/.htaccess names


@pytest.fixture(scope="module")
def w3id_app(
    ld_graph: Graph,
    session_driver: Driver,
    neo4j_settings: Settings,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[TestClient]:
    """The app behind w3id.org: base IRI https://w3id.org/kennisgraaf/, served at the root."""
    tmp = tmp_path_factory.mktemp("w3id")
    with ld_client(session_driver, neo4j_settings, tmp, public_url=PUBLISHER) as client:
        yield client


@pytest.fixture(scope="module")
def own_domain(
    ld_graph: Graph,
    session_driver: Driver,
    neo4j_settings: Settings,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[TestClient]:
    """The app behind the nginx example: base IRI https://data.nro.nl/kg/, served at /kg/."""
    tmp = tmp_path_factory.mktemp("nro")
    with ld_client(session_driver, neo4j_settings, tmp, base_iri=OTHER_BASE,
                   public_url=OTHER_BASE) as client:  # fmt: skip
        yield client


# --- 200 with Content-Location, and /doc/ ---------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "accept", "location"),
    [
        ("/id/question/q01", "text/turtle", "doc/question/q01.ttl"),
        ("/id/question/q01", "application/ld+json", "doc/question/q01.jsonld"),
        ("/id/question/q01", "text/html", "doc/question/q01.html"),
        ("/id/question/q01.nt", "text/html", "doc/question/q01.nt"),
        ("/id/question/q01?format=trig", None, "doc/question/q01.trig"),
        ("/doc/question/q01", "application/rdf+xml", "doc/question/q01.rdf"),
        ("/id/study/doi/10.5555/kg-sample.s01", None, "doc/study/doi/10.5555/kg-sample.s01.ttl"),
    ],
)
def test_a_thing_answers_200_naming_its_document(
    w3id_app: TestClient, path: str, accept: str | None, location: str
) -> None:
    response = w3id_app.get(path, headers={"Accept": accept} if accept else {})
    assert response.status_code == 200
    assert response.headers["content-location"] == W3ID + location


def test_the_document_is_what_the_thing_answers(w3id_app: TestClient) -> None:
    thing = w3id_app.get("/id/question/q01", headers={"Accept": "text/turtle"})
    document = w3id_app.get("/doc/question/q01", headers={"Accept": "text/turtle"})
    assert document.status_code == 200 and document.content == thing.content
    served = Graph().parse(data=document.text, format="turtle")
    q01, doc = URIRef(ID + "question/q01"), URIRef(W3ID + "doc/question/q01")
    assert served.value(q01, FOAF.isPrimaryTopicOf) == doc
    assert served.value(doc, FOAF.primaryTopic) == q01
    assert w3id_app.get("/doc/question/q99", headers={"Accept": "text/turtle"}).status_code == 404
    assert "content-location" not in w3id_app.get("/id/question/q99").headers


# --- w3id.org ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    pattern: re.Pattern[str]
    target: str
    status: int


def w3id_rules() -> list[Rule]:
    """The RewriteRules of deploy/w3id/.htaccess (each `[R=…,L]`: the first match answers)."""
    rules = []
    for line in (DEPLOY / "w3id" / ".htaccess").read_text(encoding="utf-8").splitlines():
        words = line.split()
        if words and words[0] == "RewriteRule":
            pattern, target, flags = words[1:4]
            status = re.fullmatch(r"\[R=(\d{3}),L\]", flags)
            assert status is not None, line
            rules.append(Rule(re.compile(pattern), target, int(status[1])))
    return rules


def redirect(iri: str) -> tuple[int, str]:
    """What w3id.org answers for `iri`: the rules see the path below the folder, without the
    query string, which Apache appends to the target unchanged."""
    assert iri.startswith(W3ID)
    path, _, query = iri[len(W3ID) :].partition("?")
    for rule in w3id_rules():
        m = rule.pattern.search(path)
        if m:
            target = m.expand(re.sub(r"\$(\d)", r"\\\1", rule.target))  # $1 → \1
            return rule.status, target + ("?" + query if query else "")
    raise AssertionError(f"no rule for {iri}")


# Every kind of IRI the app mints or serves under its base, and what follows the redirect.
MINTED = [
    ("id/question/q01", "GET", 303),
    ("id/study/doi/10.5555/kg-sample.s01", "GET", 303),
    ("doc/question/q01", "GET", 302),
    ("doc/question/q01.ttl", "GET", 302),
    ("def", "GET", 303),
    ("def/sector/PO", "GET", 303),
    ("dumps/kennisgraaf.nq", "GET", 302),
    (".well-known/void", "GET", 302),
    ("dataset", "GET", 302),
    ("sparql?query=ASK%20%7B%7D", "GET", 307),
    ("sparql", "POST", 307),
    ("reconcile", "GET", 307),
    ("reconcile/preview?id=" + ID + "question/q01", "GET", 307),
    ("", "GET", 302),
]


def send(client: TestClient, method: str, path: str) -> Response:
    """A GET, or a POST of a SPARQL query (the one route of MINTED that takes a body)."""
    response: Response
    if method == "POST":
        response = client.post(path, content="ASK {}", headers={
            "Content-Type": "application/sparql-query"})  # fmt: skip
    else:
        response = client.get(path)
    return response


@pytest.mark.parametrize(("path", "method", "status"), MINTED)
def test_w3id_sends_every_iri_to_the_route_that_answers_it(
    w3id_app: TestClient, path: str, method: str, status: int
) -> None:
    code, target = redirect(W3ID + path)
    assert (code, target) == (status, PUBLISHER + path)
    local = "/" + target[len(PUBLISHER) :]
    response = send(w3id_app, method, local)  # 307: the method and the body go along
    assert response.status_code == 200, (path, response.text[:200])


def test_w3id_sends_a_source_iri_of_the_dumps_to_its_description(w3id_app: TestClient) -> None:
    described = Graph().parse(data=w3id_app.get("/id/question/q01.ttl").text, format="turtle")
    doc = URIRef(W3ID + "doc/question/q01")
    (source,) = described.objects(doc, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"))
    code, target = redirect(str(source))
    assert code == 303
    assert w3id_app.get("/" + target[len(PUBLISHER) :]).status_code == 200


def test_openrefine_view_and_preview_links_resolve(w3id_app: TestClient) -> None:
    manifest = w3id_app.get("/reconcile").json()
    iri = ID + "question/q01"
    view = manifest["view"]["url"].replace("{{id}}", iri)
    code, target = redirect(view)
    assert code == 303
    page = w3id_app.get("/" + target[len(PUBLISHER) :], headers={"Accept": "text/html"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    preview = manifest["preview"]["url"].replace("{{id}}", iri)
    assert preview.startswith(PUBLISHER)
    assert w3id_app.get("/" + preview[len(PUBLISHER) :]).status_code == 200


# --- a publisher's own domain, behind nginx ---------------------------------------------------


@dataclass(frozen=True)
class Proxy:
    """The locations of deploy/nginx/kennisgraaf.conf: regular-expression locations first (the
    first that matches, with its rewrite), else the longest prefix location (path unchanged)."""

    regex: list[tuple[re.Pattern[str], re.Pattern[str], str]]
    prefixes: list[str]

    @classmethod
    def read(cls) -> Proxy:
        text = (DEPLOY / "nginx" / "kennisgraaf.conf").read_text(encoding="utf-8")
        regex = []
        for m in re.finditer(r"location ~ (\S+) \{(.*?)\n    \}", text, re.S):
            rewrite = re.search(r"rewrite (\S+) (\S+) break;", m[2])
            assert rewrite is not None and "proxy_pass http://kennisgraaf;" in m[2]
            target = re.sub(r"\$(\d)", r"\\\1", rewrite[2])
            regex.append((re.compile(m[1]), re.compile(rewrite[1]), target))
        prefixes = re.findall(r"location (/\S*) \{\s*proxy_pass http://kennisgraaf;", text)
        return cls(regex, prefixes)

    def upstream_path(self, path: str) -> str | None:
        """The path the app receives for a request to `path` on the publisher's domain."""
        for location, rewrite, target in self.regex:
            if location.search(path):
                m = rewrite.fullmatch(path)
                assert m is not None
                return m.expand(target)
        if any(path.startswith(prefix) for prefix in self.prefixes):
            return path
        return None


def test_the_proxy_reaches_every_route_of_the_app(own_domain: TestClient) -> None:
    proxy = Proxy.read()
    assert proxy.prefixes == [urlsplit(OTHER_BASE).path]  # the base IRI's path, /kg/
    assert isinstance(own_domain.app, FastAPI)
    paths = {str(c.path) for c in iter_route_contexts(own_domain.app.routes)}
    assert "/sparql" in paths and "/kg/id/{path:path}" in paths
    for path in paths:
        public = path if path.startswith("/kg/") else "/kg" + path
        assert proxy.upstream_path(public) == path, public


@pytest.mark.parametrize(
    ("path", "method"), [(p, m) for p, m, _ in MINTED if p.startswith(("id/", "doc/", "def"))]
    + [("dumps/kennisgraaf.nq", "GET"), (".well-known/void", "GET"), ("catalog", "GET"),
       ("sparql?query=ASK%20%7B%7D", "GET"), ("sparql", "POST"), ("reconcile", "GET")],
)  # fmt: skip
def test_behind_the_proxy_every_iri_reaches_its_route(
    own_domain: TestClient, path: str, method: str
) -> None:
    # The other publisher's resource stands in for the sample's under this base.
    path = re.sub(r"question/q01|study/doi/10\.5555/kg-sample\.s01", "person/script-kiddie", path)
    parts = urlsplit(OTHER_BASE + path)
    public, query = parts.path, parts.query
    upstream = Proxy.read().upstream_path(public)
    assert upstream is not None, public
    target = upstream + ("?" + query if query else "")
    response = send(own_domain, method, target)
    assert response.status_code == 200, path
    if path.startswith(("id/", "doc/")):
        location = response.headers["content-location"]
        assert location.startswith(OTHER_BASE + "doc/person/script-kiddie.")
        assert own_domain.get(Proxy.read().upstream_path(urlsplit(location).path) or "").is_success


def test_the_dataset_names_a_sparql_endpoint_the_proxy_reaches(own_domain: TestClient) -> None:
    upstream = Proxy.read()
    void = Graph().parse(data=own_domain.get("/kg/.well-known/void").text, format="turtle")
    endpoint = void.value(URIRef(OTHER_BASE + "dataset"), VOID.sparqlEndpoint)
    assert endpoint == URIRef(OTHER_BASE + "sparql")
    path = upstream.upstream_path(urlsplit(str(endpoint)).path)
    assert path == "/sparql"
    assert own_domain.get(path, params={"query": "ASK {}"}).status_code == 200
