"""The OpenAPI documentation page (Swagger UI at /docs) under a policy allowing exactly what it
loads: the two Swagger UI files from the CDN, its one inline script by hash, and requests to this
server for the OpenAPI document and "Try it out". No third-party favicon, no online validator.
ReDoc is not served: it needs inline styles, web fonts and blob workers."""

from __future__ import annotations

import base64
import hashlib
import re

from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse

JS_URL = "https://cdn.jsdelivr.net/npm/swagger-ui-dist@5/swagger-ui-bundle.js"
CSS_URL = "https://cdn.jsdelivr.net/npm/swagger-ui-dist@5/swagger-ui.css"
FAVICON = "data:,"
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


def script_hashes(html: str) -> list[str]:
    """CSP sources for the inline scripts of a page this module generated (never for data)."""
    return [
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"
        for s in _INLINE_SCRIPT.findall(html)
    ]


def docs_csp(html: str) -> str:
    return (
        f"default-src 'none'; script-src {JS_URL} {' '.join(script_hashes(html))}; "
        f"style-src {CSS_URL}; img-src 'self' data:; connect-src 'self'; "
        "form-action 'none'; base-uri 'none'; frame-ancestors 'none'"
    )


def docs_page(openapi_url: str, title: str) -> HTMLResponse:
    html = bytes(
        get_swagger_ui_html(
            openapi_url=openapi_url,
            title=title,
            swagger_js_url=JS_URL,
            swagger_css_url=CSS_URL,
            swagger_favicon_url=FAVICON,
            swagger_ui_parameters={"validatorUrl": None},
        ).body
    ).decode()
    return HTMLResponse(html, headers={"Content-Security-Policy": docs_csp(html)})


def include(app: FastAPI, path: str = "/docs") -> None:
    """Serve the page at `path`; the app must be made with `docs_url=None`."""

    def swagger_ui(request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "")
        return docs_page(root + (app.openapi_url or "/openapi.json"), app.title + " – API")

    app.add_route(path, swagger_ui, include_in_schema=False)
