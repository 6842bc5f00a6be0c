"""`kennisgraaf serve`: the API in one process, or in several worker processes on one port.

With `--workers N` uvicorn starts N processes, each with its own app built from the settings,
all on the same socket (the kernel spreads the connections). They share what lives outside a
process: Neo4j, and the SPARQL projection under the data directory (the first worker to find
it behind updates it while the others wait for its result). The flags reach the workers as
settings in their environment, and the local Neo4j (when no NEO4J_URI is set) is started once,
here, before them, so they do not race to start it.
"""

from __future__ import annotations

import os

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
    uvicorn.run(APP_FACTORY, factory=True, host=settings.host, port=settings.port, workers=workers)
