"""The test session's database: wipe it, count it, and the state a test module starts from."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from neo4j import Driver

from kennisgraaf.graph.schema import ensure_schema
from kennisgraaf.queries.registry import get_query

# What a module loads: (driver, database, a folder of its own) → what the module's tests need.
Loader = Callable[[Driver, str, Path], Any]
# The `module_graph` fixture: declares the module's loader, returns what it returned.
Declare = Callable[[Loader], Any]


def wipe_database(driver: Driver, database: str) -> None:
    # CALL … IN TRANSACTIONS needs an auto-commit transaction, hence session.run.
    with driver.session(database=database) as session:
        session.run(get_query("admin.wipe_all").text).consume()


def count_all(driver: Driver, database: str) -> tuple[int, int]:
    records, _, _ = driver.execute_query(get_query("admin.count_all").text, database_=database)
    return int(records[0]["nodes"]), int(records[0]["relationships"])


class ModuleGraph:
    """The database a test module declares it starts from: emptied, the schema in place, then
    `load` run. `ensure()` runs before each of the module's tests that use it and builds the
    state again when the database no longer holds what the load left (other node or
    relationship counts: a test wiped the database or loaded more), so the module's tests pass
    in any order. A test that changes properties but no counts must undo that itself."""

    def __init__(self, driver: Driver, database: str, load: Loader, folder: Path) -> None:
        self.driver, self.database, self.load, self.folder = driver, database, load, folder
        self.value: Any = None
        self.counts: tuple[int, int] | None = None
        self.builds = 0

    def ensure(self) -> Any:
        if self.counts is not None and count_all(self.driver, self.database) == self.counts:
            return self.value
        wipe_database(self.driver, self.database)
        ensure_schema(self.driver, self.database)
        self.builds += 1
        folder = self.folder / f"build-{self.builds}"
        folder.mkdir(parents=True)
        self.value = self.load(self.driver, self.database, folder)
        self.counts = count_all(self.driver, self.database)
        return self.value
