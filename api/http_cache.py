"""Caching: Cache-Control by route (kennisgraaf.api.http_policy), strong ETags and Last-Modified
from the graph's version (kennisgraaf.api.http_version), and 304 to conditional GETs.

The ETag digests the graph's version with the representation: the path and query, the media
type and content coding sent, and for HTML the page language. The version is read before the
route reads the graph, so a body is never labelled with a newer version than it shows (a graph
changing in between only costs the client one full answer more).

HTML pages follow `?lang=`, else Accept-Language: `Vary` says so on every HTML answer that was
not given `?lang=`."""

from __future__ import annotations

import email.utils
import hashlib
import logging
from typing import Any

from fastapi.concurrency import run_in_threadpool
from starlette.datastructures import Headers, MutableHeaders
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kennisgraaf.api.html import page_lang
from kennisgraaf.api.http_body import BodyDrop
from kennisgraaf.api.http_middleware import HttpMiddleware
from kennisgraaf.api.http_policy import NOT_STORED, policy_of
from kennisgraaf.api.http_version import GraphVersion, GraphVersions

log = logging.getLogger(__name__)
# What a 304 keeps of the 200 it stands for (RFC 9110 §15.4.5), besides the CORS and
# security headers every answer carries.
_NOT_IN_304 = ("content-type", "content-length", "content-encoding", "content-disposition")


class HttpCaching(HttpMiddleware):
    def __init__(self, app: ASGIApp, versions: GraphVersions) -> None:
        super().__init__(app)
        self.versions = versions

    async def http(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["method"] != "GET":  # HEAD arrives here as a GET (kennisgraaf.api.http_head)

            async def not_stored(message: Message) -> None:
                if message["type"] == "http.response.start":
                    MutableHeaders(scope=message).setdefault("Cache-Control", NOT_STORED)
                await send(message)

            await self.app(scope, receive, not_stored)
            return
        version = await self._version(scope)
        request = Headers(scope=scope)
        conditional = "if-none-match" in request or "if-modified-since" in request
        drop = BodyDrop(receive, send) if conditional else None

        async def with_validators(message: Message) -> None:
            if drop is not None and drop.dropped:
                return  # answered 304: the body is not sent
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                describe(scope, message["status"], headers, version)
                if drop is not None and not_modified(request, headers, message["status"]):
                    for name in _NOT_IN_304:
                        del headers[name]
                    await send({**message, "status": 304})
                    await drop.end()
                    return
            await send(message)

        await self.app(scope, drop.receive if drop else receive, with_validators)

    async def _version(self, scope: Scope) -> GraphVersion | None:
        found = self.versions.fresh()
        if found is not None or self.versions.recently_failed():
            return found
        state = scope["app"].state
        try:
            return await run_in_threadpool(
                self.versions.current, state.driver, state.settings.neo4j_database
            )
        except Exception as e:  # the route meets the same failure and answers for it
            log.warning("graph version unreadable, no validators: %s", e)
            return None


def describe(
    scope: Scope, status: int, headers: MutableHeaders, version: GraphVersion | None
) -> None:
    """Cache-Control, Vary, ETag and Last-Modified for a GET answer."""
    route = scope.get("route")
    policy = policy_of(route)
    is_html = headers.get("content-type", "").startswith("text/html")
    if is_html and "lang" not in _query(scope):
        add_vary(headers, "Accept-Language")
    if status not in (200, 304):
        headers.setdefault("Cache-Control", NOT_STORED)
        return
    headers.setdefault("Cache-Control", policy.cache_control)
    if status != 200 or not policy.validators or version is None or "etag" in headers:
        return
    lang = page_lang(Request(scope)) if is_html else ""
    parts = (
        version.tag, str(scope["app"].version), scope.get("root_path", ""), scope["path"],
        _query(scope), headers.get("content-type", ""), headers.get("content-encoding", ""), lang,
    )  # fmt: skip
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]
    headers["ETag"] = f'"{digest}"'
    headers["Last-Modified"] = email.utils.format_datetime(version.modified, usegmt=True)


def add_vary(headers: MutableHeaders, name: str) -> None:
    """Name a request header in Vary, once (Starlette's add_vary_header repeats names)."""
    named = [v.strip() for v in headers.get("vary", "").split(",") if v.strip()]
    if name.lower() not in {v.lower() for v in named}:
        headers["Vary"] = ", ".join([*named, name])


def _query(scope: Scope) -> str:
    raw: Any = scope.get("query_string", b"")
    return raw.decode("latin-1") if isinstance(raw, bytes) else str(raw)


def not_modified(request: Headers, response: MutableHeaders, status: int) -> bool:
    """Whether a GET's preconditions (RFC 9110 §13.2.2) make its 200 a 304."""
    if status != 200:
        return False
    etag = response.get("etag")
    if "if-none-match" in request:
        if etag is None:
            return False
        wanted = [t.strip() for t in request["if-none-match"].split(",")]
        return "*" in wanted or _opaque(etag) in {_opaque(t) for t in wanted}  # weak comparison
    since = request.get("if-modified-since")
    modified = response.get("last-modified")
    if since is None or modified is None:
        return False
    try:
        return email.utils.parsedate_to_datetime(modified) <= email.utils.parsedate_to_datetime(
            since
        )
    except (TypeError, ValueError):
        return False  # an unreadable date is ignored, as the RFC says


def _opaque(tag: str) -> str:
    return tag.removeprefix("W/")
