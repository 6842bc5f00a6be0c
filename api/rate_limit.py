"""Per-client request rates of the public routes that cost the most: reconciliation, search,
SPARQL and validation. Above its group's rate a client gets 429 with `Retry-After` (seconds)
and the usual JSON error body, before the route reads anything.

Rates come from the settings `rate_limit_<group>` in the notation of the `limits` library
("10/second;300/minute": every rate must hold); `rate_limit_enabled` turns the whole limiter
off. Counts are kept per process in memory (a moving window), keyed by the client address the
server sees — behind a reverse proxy, run uvicorn with `--proxy-headers` and the proxy's
address in `--forwarded-allow-ips`, or every client shares the proxy's count.
"""

from __future__ import annotations

import json
import math
import time
from dataclasses import dataclass

from limits import RateLimitItem, parse_many
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter
from starlette.types import ASGIApp, Receive, Scope, Send

from kennisgraaf.errors import ConfigurationError
from kennisgraaf.settings import Settings

# Browser-based reconciliation clients must be able to read the refusal too.
_CORS = [(b"access-control-allow-origin", b"*")]


@dataclass(frozen=True)
class Group:
    name: str
    paths: tuple[str, ...]  # each path itself and everything under it
    rates: tuple[RateLimitItem, ...]
    extra_headers: tuple[tuple[bytes, bytes], ...] = ()

    def covers(self, path: str) -> bool:
        return any(path == p or path.startswith(p + "/") for p in self.paths)


def groups(settings: Settings, search_path: str) -> list[Group]:
    """The limited route groups with their rates; a rate that does not parse is a
    ConfigurationError naming its setting."""
    paths = {
        "reconcile": ("/reconcile",),
        "search": (search_path,),
        "sparql": ("/sparql",),
        "validate": ("/validate",),
    }
    found = []
    for name, group_paths in paths.items():
        setting = f"rate_limit_{name}"
        text = getattr(settings, setting)
        try:
            rates = tuple(parse_many(text))
        except ValueError as e:
            raise ConfigurationError(
                f"setting {setting}: {text!r} is not a rate such as '10/second;300/minute'"
            ) from e
        headers = tuple(_CORS) if name == "reconcile" else ()
        found.append(Group(name, group_paths, rates, headers))
    return found


class RateLimit:
    """ASGI middleware: counts each request of a limited group against its client's rates."""

    def __init__(self, app: ASGIApp, groups: list[Group]) -> None:
        self.app = app
        self.groups = groups
        self.limiter = MovingWindowRateLimiter(MemoryStorage())

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        group = self._group(scope)
        if group is None:
            await self.app(scope, receive, send)
            return
        client = (scope.get("client") or ("unknown", 0))[0]
        # Test every rate before counting, so a refused request uses up none of them.
        for rate in group.rates:
            if not self.limiter.test(rate, group.name, client):
                await self._refuse(send, group, rate, client)
                return
        for rate in group.rates:
            self.limiter.hit(rate, group.name, client)
        await self.app(scope, receive, send)

    def _group(self, scope: Scope) -> Group | None:
        # Preflight requests cost nothing and must not eat a client's allowance.
        if scope["type"] != "http" or scope.get("method") == "OPTIONS":
            return None
        path: str = scope.get("path", "")
        return next((g for g in self.groups if g.covers(path)), None)

    async def _refuse(self, send: Send, group: Group, rate: RateLimitItem, client: str) -> None:
        reset_at = self.limiter.get_window_stats(rate, group.name, client).reset_time
        retry_after = max(1, math.ceil(reset_at - time.time()))
        body = json.dumps(
            {
                "status": 429,
                "error": "too-many-requests",
                "message": f"this client sent more {group.name} requests than allowed "
                f"({rate}); try again in {retry_after} s",
                "retry_after": retry_after,
            }
        ).encode()
        headers = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
            (b"retry-after", str(retry_after).encode()),
            *group.extra_headers,
        ]
        await send({"type": "http.response.start", "status": 429, "headers": headers})
        await send({"type": "http.response.body", "body": body})
