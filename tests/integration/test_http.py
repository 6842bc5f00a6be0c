"""HTTP for harvesters, caches and browsers, over the linked-data graph in a real Neo4j: HEAD on
every GET route, ETags and Last-Modified from the graph's version with 304s, Cache-Control per
route, Vary, CORS (preflight and simple requests) on every read route, gzip on a streamed dump,
and one Accept rule on every negotiating route."""

from __future__ import annotations

import gzip
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import anyio
import pytest
from fastapi import FastAPI
from fastapi.routing import iter_route_contexts
from fastapi.testclient import TestClient
from neo4j import Driver
from starlette.routing import Mount

from kennisgraaf.api.http_policy import POLICIES, PRIVATE, policy_of
from kennisgraaf.api.http_version import TTL_S
from kennisgraaf.loaders.pipeline import LoadOptions, load_file
from kennisgraaf.settings import Settings
from tests.api_client import api_client

Q01 = "/id/question/q01"
ORIGIN = "https://yasgui.example"
ASK = "ASK { ?s ?p ?o }"
# What a path parameter is filled with, to reach each route's handler.
EXAMPLES = {"path": "question/q01", "suffix": "ttl", "key": "q01", "import_id": "none"}
EXTRA = """\
@prefix kg:   <https://w3id.org/kennisgraaf/def#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
<https://w3id.org/kennisgraaf/id/person/http-test> a kg:Person ; foaf:name "HTTP Test" .
"""


@pytest.fixture(scope="module")
def http(
    ld_graph: object,
    session_driver: Driver,
    neo4j_settings: Settings,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[TestClient]:
    with api_client(session_driver, neo4j_settings, tmp_path_factory.mktemp("app")) as client:
        yield client


def get_routes(app: FastAPI) -> list[tuple[str, Any]]:
    """(an example URL path, the route) of every route a GET reaches, from the app itself."""
    found: list[tuple[str, Any]] = []
    for context in iter_route_contexts(app.routes):
        route: Any = getattr(context, "original_route", context)
        path = str(context.path)
        if isinstance(route, Mount):
            found.append((path + "/style.css", route))
        elif "GET" in (context.methods or ()):
            example = re.sub(r"\{(\w+)(?::\w+)?\}", lambda m: EXAMPLES.get(m[1], "x"), path)
            found.append((example, route))
    return found


def routes_of(client: TestClient) -> list[tuple[str, Any]]:
    assert isinstance(client.app, FastAPI)
    return get_routes(client.app)


def test_the_enumeration_sees_every_area(http: TestClient) -> None:
    paths = {path for path, _ in routes_of(http)}
    expected = {Q01, "/def", "/dumps/kennisgraaf.ttl", "/.well-known/void", "/sparql",
                "/reconcile", "/health", "/studies", "/openapi.json",
                "/static/style.css"}  # fmt: skip
    assert expected <= paths


def test_every_get_route_has_a_policy(http: TestClient) -> None:
    for path, route in routes_of(http):
        tags = getattr(route, "tags", None) or []
        assert not tags or tags[0] in POLICIES, f"{path}: no HTTP policy for tag {tags[0]!r}"


def test_head_on_every_get_route_is_its_get_without_body(http: TestClient) -> None:
    for path, _ in routes_of(http):
        got = http.get(path)
        head = http.head(path)
        assert head.status_code == got.status_code, path
        assert head.status_code != 405, path
        assert head.content == b"", path
        assert dict(head.headers) == dict(got.headers), path
        if "etag" in got.headers:  # a strong ETag: the same bytes every time
            assert http.get(path).content == got.content, path


def test_head_on_a_dump_sends_no_body(http: TestClient) -> None:
    head = http.head("/dumps/kennisgraaf.nt", headers={"Accept-Encoding": "gzip"})
    assert head.status_code == 200
    assert head.content == b""
    assert head.headers["content-encoding"] == "gzip"
    assert head.headers["etag"]


def test_resource_has_strong_etag_last_modified_cache_control_and_vary(http: TestClient) -> None:
    response = http.get(Q01, headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    assert re.fullmatch(r'"[0-9a-f]{32}"', response.headers["etag"])  # strong: no W/
    assert response.headers["last-modified"].endswith(" GMT")
    assert response.headers["cache-control"] == "public, max-age=60, must-revalidate"
    vary = {v.strip() for v in response.headers["vary"].split(",")}
    assert {"Accept", "Accept-Language"} <= vary
    again = http.get(Q01, headers={"Accept": "text/turtle"})
    assert again.headers["etag"] == response.headers["etag"]


def test_if_none_match_gives_304_without_body(http: TestClient) -> None:
    first = http.get(Q01, headers={"Accept": "text/turtle"})
    etag = first.headers["etag"]
    for tags in (etag, f'"other", {etag}', f"W/{etag}", "*"):
        second = http.get(Q01, headers={"Accept": "text/turtle", "If-None-Match": tags})
        assert second.status_code == 304, tags
        assert second.content == b""
        assert second.headers["etag"] == etag
        assert second.headers["cache-control"] == first.headers["cache-control"]
        assert second.headers["vary"] == first.headers["vary"]
        assert "content-length" not in second.headers or second.headers["content-length"] == "0"
    stale = http.get(Q01, headers={"Accept": "text/turtle", "If-None-Match": '"stale"'})
    assert stale.status_code == 200
    assert stale.content == first.content


def test_if_modified_since(http: TestClient) -> None:
    first = http.get(Q01, headers={"Accept": "text/turtle"})
    modified = first.headers["last-modified"]
    same = http.get(Q01, headers={"Accept": "text/turtle", "If-Modified-Since": modified})
    assert same.status_code == 304
    assert same.content == b""
    before = http.get(
        Q01, headers={"Accept": "text/turtle", "If-Modified-Since": "Mon, 01 Jan 2001 00:00:00 GMT"}
    )
    assert before.status_code == 200
    # If-None-Match wins over If-Modified-Since
    both = http.get(
        Q01,
        headers={"Accept": "text/turtle", "If-Modified-Since": modified, "If-None-Match": '"x"'},
    )
    assert both.status_code == 200


def test_each_representation_has_its_own_etag(http: TestClient) -> None:
    etags = {
        http.get(Q01, headers={"Accept": accept, "Accept-Language": lang}).headers["etag"]
        for accept, lang in (
            ("text/turtle", "en"), ("application/ld+json", "en"), ("text/html", "en"),
            ("text/html", "nl"),
        )
    }  # fmt: skip
    assert len(etags) == 4
    plain = http.get("/dumps/kennisgraaf.nt", headers={"Accept-Encoding": "identity"})
    packed = http.get("/dumps/kennisgraaf.nt", headers={"Accept-Encoding": "gzip"})
    assert plain.headers["etag"] != packed.headers["etag"]
    # a 304 for the gzip variant is not given to the identity one
    cross = http.get(
        "/dumps/kennisgraaf.nt",
        headers={"Accept-Encoding": "identity", "If-None-Match": packed.headers["etag"]},
    )
    assert cross.status_code == 200


def test_a_changed_graph_changes_the_etag(
    http: TestClient, session_driver: Driver, neo4j_settings: Settings, tmp_path: Path
) -> None:
    before = http.get(Q01, headers={"Accept": "text/turtle"})
    extra = tmp_path / "extra.ttl"
    extra.write_text(EXTRA, encoding="utf-8")
    options = LoadOptions(base_iri="https://w3id.org/kennisgraaf/", quarantine_dir=tmp_path / "q")
    load_file(extra, session_driver, neo4j_settings.neo4j_database, options)
    time.sleep(TTL_S + 0.1)  # the version is cached that long
    after = http.get(
        Q01, headers={"Accept": "text/turtle", "If-None-Match": before.headers["etag"]}
    )
    assert after.status_code == 200
    assert after.headers["etag"] != before.headers["etag"]


@pytest.mark.parametrize(
    ("path", "cache_control"),
    [
        (Q01, "public, max-age=60, must-revalidate"),
        ("/def", "public, max-age=60, must-revalidate"),
        ("/.well-known/void", "public, max-age=60, must-revalidate"),
        ("/dumps/kennisgraaf.ttl", "public, max-age=60, must-revalidate"),
        ("/studies", "public, max-age=60, must-revalidate"),
        ("/sparql?query=" + ASK, "public, max-age=30"),
        ("/health", "no-store"),
        ("/imports/none", "no-store"),  # 404
        ("/id/question/none", "no-store"),  # 404
    ],
)
def test_cache_control_per_route(http: TestClient, path: str, cache_control: str) -> None:
    response = http.get(path)
    assert response.headers["cache-control"] == cache_control
    if cache_control == "no-store":
        assert "etag" not in response.headers


def test_posts_and_token_routes_are_not_stored(http: TestClient) -> None:
    sparql = http.post("/sparql", content=ASK, headers={"Content-Type": "application/sparql-query"})
    assert sparql.status_code == 200
    assert sparql.headers["cache-control"] == "no-store"
    assert "etag" not in sparql.headers
    cypher = http.post("/cypher", json={"query": "RETURN 1"})
    assert cypher.status_code == 401
    assert cypher.headers["cache-control"] == "no-store"


def test_html_varies_with_accept_language(http: TestClient) -> None:
    page = http.get("/", headers={"Accept": "text/html"})
    assert "Accept-Language" in page.headers["vary"]
    by_lang = http.get(Q01 + ".html?lang=nl")
    assert "Accept-Language" not in by_lang.headers.get("vary", "")
    suffixed = http.get(Q01 + ".ttl")
    assert "Accept" not in suffixed.headers.get("vary", "").replace("Accept-Encoding", "")


# --- CORS -----------------------------------------------------------------------------------


def test_every_read_route_answers_another_origin(http: TestClient) -> None:
    for path, route in routes_of(http):
        if policy_of(route) is PRIVATE:
            continue  # a token route: below
        simple = http.get(path, headers={"Origin": ORIGIN})
        assert simple.headers.get("access-control-allow-origin") == "*", path
        assert "access-control-allow-credentials" not in simple.headers, path
        preflight = http.options(
            path,
            headers={"Origin": ORIGIN, "Access-Control-Request-Method": "GET",
                     "Access-Control-Request-Headers": "if-none-match"},
        )  # fmt: skip
        assert preflight.status_code in (200, 204), path
        assert preflight.headers["access-control-allow-origin"] == "*", path
        assert "GET" in preflight.headers["access-control-allow-methods"], path


def test_cors_exposes_the_validators(http: TestClient) -> None:
    response = http.get(Q01, headers={"Origin": ORIGIN})
    exposed = {
        h.strip().lower() for h in response.headers["access-control-expose-headers"].split(",")
    }
    assert {"etag", "last-modified", "content-location"} <= exposed


def test_sparql_takes_posted_queries_from_another_origin(http: TestClient) -> None:
    preflight = http.options(
        "/sparql",
        headers={"Origin": ORIGIN, "Access-Control-Request-Method": "POST",
                 "Access-Control-Request-Headers": "content-type"},
    )  # fmt: skip
    assert preflight.status_code == 204
    assert preflight.headers["access-control-allow-methods"] == "GET, HEAD, POST, OPTIONS"
    assert "content-type" in preflight.headers["access-control-allow-headers"].lower()
    assert "authorization" not in preflight.headers["access-control-allow-headers"].lower()
    posted = http.post(
        "/sparql",
        content=ASK,
        headers={"Origin": ORIGIN, "Content-Type": "application/sparql-query"},
    )
    assert posted.status_code == 200
    assert posted.headers["access-control-allow-origin"] == "*"


@pytest.mark.parametrize(
    ("path", "method"),
    [("/cypher", "POST"), ("/imports", "POST"), ("/restricted/resource", "GET")],
)
def test_token_routes_refuse_other_origins(http: TestClient, path: str, method: str) -> None:
    preflight = http.options(
        path, headers={"Origin": ORIGIN, "Access-Control-Request-Method": method}
    )
    assert "access-control-allow-origin" not in preflight.headers
    assert preflight.status_code == 405
    direct = http.request(method, path, headers={"Origin": ORIGIN})
    assert "access-control-allow-origin" not in direct.headers
    assert direct.headers["cache-control"] == "no-store"


# --- compression ----------------------------------------------------------------------------


def test_a_dump_is_gzipped_and_still_streams(http: TestClient) -> None:
    plain = http.get("/dumps/kennisgraaf.nt", headers={"Accept-Encoding": "identity"})
    messages = http.portal.call(_raw_get, http.app, "/dumps/kennisgraaf.nt")  # type: ignore[union-attr]
    start = messages[0]
    headers = {k.decode(): v.decode() for k, v in start["headers"]}
    assert headers["content-encoding"] == "gzip"
    assert "Accept-Encoding" in headers["vary"]
    assert "content-length" not in headers  # streamed, not buffered whole
    bodies = [m for m in messages[1:] if m["type"] == "http.response.body"]
    assert sum(1 for m in bodies if m.get("more_body")) >= 2
    assert gzip.decompress(b"".join(m["body"] for m in bodies)) == plain.content


def test_small_answers_are_not_compressed(http: TestClient) -> None:
    response = http.get("/health", headers={"Accept-Encoding": "gzip"})
    assert "content-encoding" not in response.headers


async def _raw_get(app: Any, path: str) -> list[dict[str, Any]]:
    """The ASGI messages of a GET with gzip accepted, as the server would get them."""
    messages: list[dict[str, Any]] = []
    requested = False

    async def receive() -> dict[str, Any]:
        nonlocal requested
        if not requested:
            requested = True
            return {"type": "http.request", "body": b"", "more_body": False}
        await anyio.sleep_forever()
        raise AssertionError

    async def send(message: dict[str, Any]) -> None:
        messages.append(message)

    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET",
        "scheme": "http", "path": path, "raw_path": path.encode(), "root_path": "",
        "query_string": b"", "headers": [(b"host", b"testserver"), (b"accept-encoding", b"gzip")],
        "client": ("127.0.0.1", 1), "server": ("testserver", 80),
    }  # fmt: skip
    await app(scope, receive, send)
    return messages


# --- one Accept rule ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "default"),
    [
        (Q01, "text/turtle"),
        ("/def", "text/turtle"),
        ("/.well-known/void", "text/turtle"),
        ("/sparql?query=" + ASK, "application/sparql-results+json"),
    ],
)
def test_one_accept_rule_on_every_negotiating_route(
    http: TestClient, path: str, default: str
) -> None:
    for accept in (None, "*/*", "garbage"):  # absent, anything, unparseable: the default
        headers = {"Accept": accept} if accept is not None else {}
        response = http.get(path, headers=headers)
        assert response.status_code == 200, accept
        assert response.headers["content-type"].startswith(default), accept
    refused = http.get(path, headers={"Accept": "image/png"})
    assert refused.status_code == 406
    assert default in refused.json()["available"]


def test_a_dump_is_named_by_its_suffix_whatever_the_accept(http: TestClient) -> None:
    # as /id/….ttl: a suffix names the format, Accept is not asked
    for accept in ("garbage", "image/png", "*/*"):
        response = http.get("/dumps/kennisgraaf.ttl", headers={"Accept": accept})
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/turtle")
