"""Headers that keep what the API serves from running as script in a browser: every response
carries `X-Content-Type-Options: nosniff` and a Content-Security-Policy. A route may set a policy
of its own (the reconciliation preview, Swagger UI, the ontology documentation); every other
HTML response gets the strict page policy, every other response one that allows nothing."""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import Message, Receive, Scope, Send

from kennisgraaf.api.http_middleware import HttpMiddleware

# Pages have no script at all; data cannot add one even if escaping failed somewhere.
PAGE_CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
# OpenRefine shows the reconciliation preview in an iframe of its own page, wherever it runs
# (often http://127.0.0.1:3333): any http(s) page may frame it. It holds public data and one
# link, no form, so framing it lends nothing to a clickjacking page.
FRAMEABLE_CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; "
    "form-action 'none'; base-uri 'none'; frame-ancestors *"
)
# JSON, RDF, CSS, dumps: nothing in them may load or run anything, nor be framed.
NOTHING_CSP = "default-src 'none'; frame-ancestors 'none'"


class SecurityHeaders(HttpMiddleware):
    """ASGI middleware adding the headers a response lacks, whichever route or error made it."""

    async def http(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                add_missing(MutableHeaders(scope=message))
            await send(message)

        await self.app(scope, receive, send_with_headers)


def add_missing(headers: MutableHeaders) -> None:
    headers.setdefault("X-Content-Type-Options", "nosniff")
    if "content-security-policy" not in headers:
        is_html = headers.get("content-type", "").lower().startswith("text/html")
        headers["Content-Security-Policy"] = PAGE_CSP if is_html else NOTHING_CSP
