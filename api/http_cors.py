"""Cross-origin reads (CORS): every read route answers any origin (`*`, never with credentials),
SPARQL and reconciliation take POSTed queries too, and preflight OPTIONS requests are answered
for exactly those. Token routes (imports, Cypher) get no CORS headers at all: a page on another
origin cannot send them a token, nor read their answers. Headers a route sets itself (the
reconciliation service's) are kept."""

from __future__ import annotations

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import Message, Receive, Scope, Send

from kennisgraaf.api.http_middleware import HttpMiddleware
from kennisgraaf.api.http_policy import cross_origin, policy_of, route_for
from kennisgraaf.sparql.service import LIMIT_HEADER, TRUNCATED_HEADER

ALLOW_HEADERS = "Accept, Accept-Language, Content-Type, If-None-Match, If-Modified-Since"
EXPOSE_HEADERS = ", ".join(
    ("ETag", "Last-Modified", "Content-Location", "Content-Disposition", "Link", "Retry-After",
     TRUNCATED_HEADER, LIMIT_HEADER)
)  # fmt: skip
PREFLIGHT_MAX_AGE = "86400"


class Cors(HttpMiddleware):
    async def http(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Headers(scope=scope)
        asked = request.get("access-control-request-method", "").upper()
        preflight = scope["method"] == "OPTIONS" and "origin" in request and bool(asked)
        if preflight:
            await self._preflight(scope, receive, send, asked)
            return

        async def with_cors(message: Message) -> None:
            if message["type"] == "http.response.start" and cross_origin(
                scope.get("route"), scope["method"]
            ):
                headers = MutableHeaders(scope=message)
                headers.setdefault("Access-Control-Allow-Origin", "*")
                headers.setdefault("Access-Control-Expose-Headers", EXPOSE_HEADERS)
            await send(message)

        await self.app(scope, receive, with_cors)

    async def _preflight(self, scope: Scope, receive: Receive, send: Send, asked: str) -> None:
        """The route's own OPTIONS answer where it has one; else, when the path's route lets
        another origin use the method asked about, 204 with what it may use."""
        answered = False
        sent = dict(scope)  # routing rewrites the scope's paths

        async def answer(message: Message) -> None:
            nonlocal answered
            route = route_for(scope, sent, asked)
            own = route is not None and "OPTIONS" in (getattr(route, "methods", None) or ())
            if message["type"] == "http.response.start":
                if own and message["status"] < 400:
                    headers = MutableHeaders(scope=message)
                    headers.setdefault("Access-Control-Allow-Origin", "*")
                    headers.setdefault("Access-Control-Max-Age", PREFLIGHT_MAX_AGE)
                elif route is not None and cross_origin(route, asked):
                    await send(_preflight_start(policy_of(route).cross_origin))
                    await send({"type": "http.response.body", "body": b""})
                    answered = True
                    return
            if not answered:
                await send(message)

        await self.app(scope, receive, answer)


def _preflight_start(methods: frozenset[str]) -> Message:
    order = ("GET", "HEAD", "POST", "OPTIONS")
    headers = MutableHeaders()
    headers["Access-Control-Allow-Origin"] = "*"
    allowed = methods | {"OPTIONS"}
    headers["Access-Control-Allow-Methods"] = ", ".join(m for m in order if m in allowed)
    headers["Access-Control-Allow-Headers"] = ALLOW_HEADERS
    headers["Access-Control-Max-Age"] = PREFLIGHT_MAX_AGE
    headers["Cache-Control"] = "public, max-age=" + PREFLIGHT_MAX_AGE
    headers["Content-Length"] = "0"
    return {"type": "http.response.start", "status": 204, "headers": headers.raw}
