"""`kennisgraaf serve`: the API in one process, or in several worker processes on one port.

With `--workers N` uvicorn starts N processes, each with its own app built from the settings,
all on the same socket (the kernel spreads the connections). They share what lives outside a
process: Neo4j, and the SPARQL projection under the data directory (the first worker to find
it behind updates it while the others wait for its result). The flags reach the workers as
settings in their environment, and the local Neo4j (when no NEO4J_URI is set) is started once,
here, before them, so they do not race to start it.
"""

from __future__ import annotations

import contextlib
import os
import socket

from kennisgraaf.settings import Settings

APP_FACTORY = "kennisgraaf.api.app:create_app"


def serve_app(settings: Settings, workers: int = 1) -> None:
    import uvicorn

    if workers <= 1:
        from kennisgraaf.api.app import create_app

        uvicorn.run(create_app(settings), host=settings.host, port=settings.port)
        return
    if settings.uses_local_neo4j:
        from kennisgraaf.graph.connection import open_driver

        open_driver(settings).close()
    os.environ["KENNISGRAAF_HOST"] = settings.host
    os.environ["KENNISGRAAF_PORT"] = str(settings.port)
    from uvicorn.supervisors import Multiprocess

    config = uvicorn.Config(
        APP_FACTORY, factory=True, host=settings.host, port=settings.port, workers=workers
    )
    sock = no_delay(config.bind_socket())
    with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C stops the workers; not an error
        Multiprocess(config, sockets=[sock]).run()


def no_delay(sock: socket.socket) -> socket.socket:
    """Turn Nagle's algorithm off on the shared listening socket; accepted connections inherit
    it. uvicorn binds that socket without naming the TCP protocol, and asyncio then leaves Nagle
    on for its connections: a response sent in two writes waited for the client's delayed
    acknowledgement (about 40 ms per request on one keep-alive connection)."""
    if sock.family in (socket.AF_INET, socket.AF_INET6):
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock
