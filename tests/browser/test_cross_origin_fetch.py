"""Cross-origin reads as a browser makes them: a blank page served from another origin (its own
port) runs `fetch()` in real headless Chromium against every GET route the app's OpenAPI
document lists, plus SPARQL by POST (a form body, and `application/sparql-query`, which needs a
preflight), the dumps and the resource IRIs in each RDF syntax. Each read must reach the script
with the status and body a direct request gets; the token routes must not be readable."""

from __future__ import annotations

import http.server
import json
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

import pytest

from kennisgraaf.api.dumps import DUMPS
from tests.browser.devtools import DevTools
from tests.browser.test_chromium import server  # noqa: F401 (the module's fixture)
from tests.conftest import free_port

ASK = "ASK { ?s ?p ?o }"
# A real value from the sample graph for each path parameter; a new route with a parameter
# not listed here fails the test until it is given one.
PATH_VALUES: dict[str, list[str]] = {
    "/imports/{import_id}": ["no-such-import"],  # a 404 another origin may still read
    "/questions/{key}/trace": ["q01"],
    "/questions/{key}/evidence": ["q01"],
    "/questions/{key}/matches": ["q01"],
    "/questions/{key}": ["q01"],
    "/studies/{key}": ["doi/10.5555/kg-sample.s01"],
    "/products/{key}": ["p01"],
    "/people/{key}": ["eva-jansen"],
    "/organisations/{key}": ["hs-rijnvallei"],
    "/networks/{key}": ["werkplaats-rijnvallei"],
    "/analytics/geography/provinces/{province}": ["Utrecht"],
    "/analytics/citation-paths/{key}": ["q44"],
    "/id/{path}": ["question/q01", "person/eva-jansen", "question/q01.ttl", "question/q01.jsonld"],
    "/doc/{path}": ["question/q01"],
    "/def/{path}": ["sector", "vocabularies.ttl"],
    "/dumps/kennisgraaf.{suffix}": sorted(DUMPS),
}
QUERY_VALUES: dict[str, str] = {
    "/sparql": urlencode({"query": ASK}),
    "/reconcile/preview": urlencode({"id": "https://w3id.org/kennisgraaf/id/question/q01"}),
    "/reconcile/suggest/entity": urlencode({"prefix": "read"}),
}
# GET routes no other origin may read: their answers are for the token holder only.
PRIVATE_GETS = {"/restricted/resource"}
# Answers that legitimately differ between two requests (a clock, a running count).
VOLATILE = {"/health"}
BLANK = b"<!doctype html><title>another origin</title><p>blank</p>"


class _Blank(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(BLANK)))
        self.end_headers()
        self.wfile.write(BLANK)

    def log_message(self, format: str, *args: Any) -> None:
        return


@pytest.fixture(scope="module")
def other_origin() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), _Blank)
    thread = threading.Thread(target=httpd.serve_forever, name="other-origin", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def page(
    other_origin: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[DevTools, str]]:
    tools = DevTools(tmp_path_factory.mktemp("chromium-cors"))
    try:
        session = tools.open(other_origin, width=800, height=600, mobile=False)
        yield tools, session
    finally:
        tools.close()


def browser_fetch(page: tuple[DevTools, str], url: str, init: dict[str, Any]) -> dict[str, Any]:
    """What a script on the other origin gets from `fetch(url, init)`: status and body, or
    the error the browser raised (a CORS refusal is a TypeError with no status)."""
    tools, session = page
    script = (
        f"fetch({json.dumps(url)}, {json.dumps(init)})"
        ".then(async r => ({status: r.status, type: r.type, body: await r.text(),"
        " origin: location.origin}))"
        ".catch(e => ({error: String(e), origin: location.origin}))"
    )
    answer = tools.send(
        "Runtime.evaluate", session, expression=script, awaitPromise=True, returnByValue=True
    )
    value: dict[str, Any] = answer["result"]["value"]
    return value


def direct(
    url: str, method: str = "GET", body: bytes | None = None, **headers: str
) -> tuple[int, str]:
    request = urllib.request.Request(url, data=body, method=method, headers=headers)  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 (loopback)
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


def read_urls(base: str) -> list[str]:
    """Every GET route of the OpenAPI document as a URL with real values filled in."""
    status, text = direct(base + "/openapi.json")
    assert status == 200
    urls = []
    for path, operations in json.loads(text)["paths"].items():
        if "get" not in operations or path in PRIVATE_GETS:
            continue
        if "{" in path:
            assert path in PATH_VALUES, f"{path}: give the test a real value for its parameter"
            template = path.split("{")[0]
            rest = path.split("}", 1)[1]
            filled = [template + value + rest for value in PATH_VALUES[path]]
        else:
            filled = [path]
        query = QUERY_VALUES.get(path)
        urls += [base + u + (f"?{query}" if query else "") for u in filled]
    return [*urls, base + "/openapi.json", base + "/docs", base + "/static/kennisgraaf.css"]


def test_the_page_is_on_another_origin(
    server: str,  # noqa: F811
    page: tuple[DevTools, str],
    other_origin: str,
) -> None:
    got = browser_fetch(page, server + "/health", {})
    assert got["origin"] == other_origin.rstrip("/") != server


def test_every_read_route_is_readable_from_another_origin(
    server: str,  # noqa: F811
    page: tuple[DevTools, str],
) -> None:
    urls = read_urls(server)
    assert len(urls) > 50
    unreadable, differing, failing = [], [], []
    for url in urls:
        got = browser_fetch(page, url, {})
        if "error" in got or got["type"] != "cors":
            unreadable.append((url, got.get("error")))
            continue
        status, body = direct(url)
        if got["status"] != status or (
            url.split("?")[0].removeprefix(server) not in VOLATILE and got["body"] != body
        ):
            differing.append((url, got["status"], status))
        if got["status"] != 200 and "no-such-import" not in url:
            failing.append((url, got["status"], got["body"][:200]))
    assert unreadable == []
    assert differing == []
    assert failing == []


@pytest.mark.parametrize(
    ("accept"),
    ["text/turtle", "application/ld+json", "application/n-triples", "application/rdf+xml"],
)
def test_a_resource_in_each_syntax_is_readable(
    server: str,  # noqa: F811
    page: tuple[DevTools, str],
    accept: str,
) -> None:
    got = browser_fetch(page, server + "/id/question/q01", {"headers": {"Accept": accept}})
    assert got.get("status") == 200, got
    assert "question/q01" in got["body"]


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("application/x-www-form-urlencoded", urlencode({"query": ASK})),
        ("application/sparql-query", ASK),  # not a simple request: preflighted
    ],
)
def test_sparql_by_post_is_readable_from_another_origin(
    server: str,  # noqa: F811
    page: tuple[DevTools, str],
    content_type: str,
    body: str,
) -> None:
    init = {
        "method": "POST",
        "headers": {"Content-Type": content_type, "Accept": "application/sparql-results+json"},
        "body": body,
    }
    got = browser_fetch(page, server + "/sparql", init)
    assert got.get("status") == 200, got
    assert json.loads(got["body"])["boolean"] is True


def test_the_sparql_preflight_names_what_may_be_sent(server: str) -> None:  # noqa: F811
    request = urllib.request.Request(  # noqa: S310
        server + "/sparql",
        method="OPTIONS",
        headers={
            "Origin": "http://elsewhere.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 (loopback)
        assert response.status == 204
        assert response.headers["Access-Control-Allow-Origin"] == "*"
        assert "POST" in response.headers["Access-Control-Allow-Methods"]
        assert "content-type" in response.headers["Access-Control-Allow-Headers"].lower()
        assert response.headers.get("Access-Control-Allow-Credentials") is None


@pytest.mark.parametrize(
    ("method", "path", "content_type", "body"),
    [
        ("POST", "/cypher", "application/json", '{"query": "MATCH (n) RETURN count(n)"}'),
        ("POST", "/cypher", "text/plain", '{"query": "MATCH (n) RETURN count(n)"}'),
        ("POST", "/validate", "text/turtle", "<urn:a> <urn:b> <urn:c> ."),
        ("POST", "/imports?source=x", "text/turtle", "<urn:a> <urn:b> <urn:c> ."),
        ("POST", "/restricted/people/eva-jansen/erase", "application/json", "{}"),
        ("GET", "/restricted/resource?iri=urn:x", None, None),
    ],
)
def test_token_routes_are_not_readable_from_another_origin(
    server: str,  # noqa: F811
    page: tuple[DevTools, str],
    method: str,
    path: str,
    content_type: str | None,
    body: str | None,
) -> None:
    init: dict[str, Any] = {"method": method}
    if content_type:
        init |= {"headers": {"Content-Type": content_type}, "body": body}
    got = browser_fetch(page, server + path, init)
    assert "status" not in got, got
    assert "TypeError" in got["error"]
    # The same request from a non-browser client does reach the route: the refusal above is
    # the browser enforcing CORS, not a server that is down.
    status, _ = direct(server + path, method, body.encode() if body else None)
    assert status in {401, 403, 405, 415, 422}, status
