"""A client of the real app over the linked-data graph (tests/ld_helpers.py), with settings of
the test's own: the base IRI, the public URL, the licence."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from fastapi.testclient import TestClient
from neo4j import Driver

from kennisgraaf.api.app import create_app
from kennisgraaf.settings import Settings
from tests.ld_helpers import app_settings


@contextmanager
def ld_client(
    driver: Driver, neo4j_settings: Settings, tmp: Path, **update: object
) -> Iterator[TestClient]:
    base_iri = update.pop("base_iri", None)
    settings = app_settings(neo4j_settings, tmp, base_iri=str(base_iri) if base_iri else None)
    with TestClient(create_app(settings.model_copy(update=update), driver=driver)) as client:
        yield client
