"""HEAD on every GET route: the request goes through as a GET, so the headers are exactly
those of the GET (Content-Length, ETag, Vary and all), and the body is dropped."""

from __future__ import annotations

from starlette.types import Message, Receive, Scope, Send

from kennisgraaf.api.http_body import BodyDrop
from kennisgraaf.api.http_middleware import HttpMiddleware


class HeadAsGet(HttpMiddleware):
    async def http(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return
        drop = BodyDrop(receive, send)

        async def headers_only(message: Message) -> None:
            if message["type"] == "http.response.start":
                await send(message)
            elif message["type"] == "http.response.body":
                await drop.end()

        await self.app({**scope, "method": "GET"}, drop.receive, headers_only)
