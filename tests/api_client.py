"""An API client over a graph a test module has declared, with its own data folder."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from fastapi.testclient import TestClient
from neo4j import Driver

from kennisgraaf.api.app import create_app
from kennisgraaf.settings import Settings


@contextmanager
def api_client(driver: Driver, settings: Settings, folder: Path) -> Iterator[TestClient]:
    """A TestClient of the app over `driver`, keeping its files under `folder`."""
    own = settings.model_copy(update={"data_dir": folder / "data"})
    with TestClient(create_app(own, driver=driver)) as client:
        yield client
