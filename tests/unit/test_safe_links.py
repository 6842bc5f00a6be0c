"""Links from IRIs, without a database: only http(s) addresses become links; local IRIs become
paths on this site and never leave it; the headers middleware and the Swagger UI policy."""

from __future__ import annotations

import base64
import hashlib
import re

import pytest
from fastapi import FastAPI
from fastapi.responses import HTMLResponse, PlainTextResponse
from fastapi.testclient import TestClient

from kennisgraaf.api import swagger
from kennisgraaf.api.html import Site, safe_href
from kennisgraaf.api.security_headers import FRAMEABLE_CSP, NOTHING_CSP, PAGE_CSP, SecurityHeaders

BASE = "https://w3id.org/kennisgraaf/"


@pytest.mark.parametrize(
    "iri",
    [
        "https://example.org/a",
        "http://example.org",
        "HTTPS://EXAMPLE.ORG/a?b=c#d",
        "https://example.org/x'onmouseover='alert(1)",  # escaped in the attribute, still a link
        "https://user@example.org:8443/p",
    ],
)
def test_web_addresses_are_links(iri: str) -> None:
    assert safe_href(iri) == iri


@pytest.mark.parametrize(
    "iri",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "\x01javascript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
        "mailto:a@example.org",
        "urn:isbn:123",
        "https:javascript:alert(1)",  # no host
        "https:/example.org",
        "//evil.example/x",  # relative junk: another host, no scheme
        "/local/path",
        "https://example.org/a b",
        "https://example.org/a\nb",
        "https://example.org\\@evil.example",
        "https://[::1/",  # unclosed bracket: not a URL at all
        "",
    ],
)
def test_everything_else_is_text(iri: str) -> None:
    assert safe_href(iri) is None
    assert Site(BASE).href(iri) is None


def test_local_iris_become_paths_on_this_site() -> None:
    site = Site(BASE)
    assert site.href(BASE + "id/person/x") == "/id/person/x"
    assert site.href(BASE + "def#Person") == "/def#kg-Person"
    assert site.href(BASE + "def/sector/PO") == "/def/sector/PO"
    # A path of the form //host would lead to another site: the extra slashes are escaped.
    assert site.href(BASE + "/evil.example/x") == "/%2Fevil.example/x"
    assert site.href(BASE + "///evil.example") == "/%2F%2F%2Fevil.example"
    assert Site("https://data.nro.nl/kg/").href("https://data.nro.nl/kg//e.example") == (
        "/kg/%2Fe.example"
    )
    # Control characters in a local IRI are encoded, never passed through.
    assert site.href(BASE + "id/a\nb") == "/id/a%0Ab"


def _app() -> FastAPI:
    app = FastAPI(docs_url=None, redoc_url=None)
    app.add_middleware(SecurityHeaders)

    @app.get("/page")
    def page() -> HTMLResponse:
        return HTMLResponse("<p>x</p>")

    @app.get("/framed")
    def framed() -> HTMLResponse:
        return HTMLResponse("<p>x</p>", headers={"Content-Security-Policy": FRAMEABLE_CSP})

    @app.get("/text")
    def text() -> PlainTextResponse:
        return PlainTextResponse("x")

    swagger.include(app)
    return app


def test_middleware_adds_what_a_response_lacks() -> None:
    with TestClient(_app()) as client:
        for path, csp in (
            ("/page", PAGE_CSP),
            ("/framed", FRAMEABLE_CSP),  # a route's own policy stays
            ("/text", NOTHING_CSP),
            ("/missing", NOTHING_CSP),  # the framework's 404
        ):
            response = client.get(path)
            assert response.headers["content-security-policy"] == csp, path
            assert response.headers["x-content-type-options"] == "nosniff", path
            assert len(response.headers.get_list("content-security-policy")) == 1


def test_swagger_ui_policy_allows_exactly_its_files_and_script() -> None:
    with TestClient(_app()) as client:
        response = client.get("/docs")
    html = response.text
    scripts = re.findall(r"<script>(.*?)</script>", html, re.DOTALL)
    assert len(scripts) == 1 and "SwaggerUIBundle" in scripts[0]
    digest = base64.b64encode(hashlib.sha256(scripts[0].encode()).digest()).decode()
    directives = dict(
        d.strip().split(" ", 1) for d in response.headers["content-security-policy"].split(";")
    )
    assert directives["default-src"] == "'none'"
    assert directives["script-src"] == f"{swagger.JS_URL} 'sha256-{digest}'"
    assert directives["style-src"] == swagger.CSS_URL
    assert directives["connect-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "fastapi.tiangolo.com" not in html and '"validatorUrl": null' in html
