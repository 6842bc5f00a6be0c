"""What route handlers need from the app: the driver, the database, the settings."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query, Request
from neo4j import Driver

from kennisgraaf.settings import Settings


def _driver(request: Request) -> Driver:
    driver: Driver = request.app.state.driver
    return driver


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


DriverDep = Annotated[Driver, Depends(_driver)]
SettingsDep = Annotated[Settings, Depends(_settings)]

# Paging parameters shared by every list route; offsets stay within Neo4j's SKIP range.
Limit = Annotated[int, Query(ge=1, le=1000, description="items per page")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="items to skip")]
