"""rdflib logs a traceback for every literal it cannot convert; tests of ill-typed literals
import this autouse fixture to keep those expected tracebacks out of the output."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def _quiet_rdflib() -> Iterator[None]:
    logger = logging.getLogger("rdflib.term")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    yield
    logger.setLevel(level)
