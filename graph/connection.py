"""Connecting to Neo4j: the local engine by default, an external server when `NEO4J_URI` is set.

`NEO4J_URI` may be `bolt://` (one server) or `neo4j://` (routing: a cluster or Aura spreads the
reads marked as such over its members). Every session and every `execute_query` of one driver
share one bookmark manager, so a read that follows a write in the same process — an API call
right after an import — waits for that write even when it is routed to another member.
"""

from __future__ import annotations

import logging
from collections.abc import Collection
from typing import Any

import neo4j
from neo4j import Bookmarks, Driver, GraphDatabase, Session
from neo4j.api import BookmarkManager
from neo4j.exceptions import AuthError, DriverError, Neo4jError
from neo4j.exceptions import ConfigurationError as DriverConfigurationError

from kennisgraaf.errors import ConfigurationError, Neo4jUnavailableError
from kennisgraaf.graph.local_engine import engine_from_settings
from kennisgraaf.queries.registry import get_query
from kennisgraaf.settings import Settings, get_settings

log = logging.getLogger(__name__)


def _auth(settings: Settings) -> tuple[str, str] | None:
    if settings.uses_local_neo4j or settings.neo4j_password is None:
        return None
    return (settings.neo4j_username, settings.neo4j_password)


class SharedBookmarks(BookmarkManager):
    """The driver's own `execute_query` bookmark manager, made the default of its sessions too
    (the driver takes a session default before it exists, hence the late binding)."""

    def __init__(self) -> None:
        self.target: BookmarkManager = GraphDatabase.bookmark_manager()

    def update_bookmarks(
        self, previous_bookmarks: Collection[str], new_bookmarks: Collection[str]
    ) -> None:
        self.target.update_bookmarks(previous_bookmarks, new_bookmarks)

    def get_bookmarks(self) -> Collection[str]:
        return self.target.get_bookmarks()


def open_driver(settings: Settings | None = None, *, start_local: bool = True) -> Driver:
    """A verified driver for the configured Neo4j, starting the local engine if needed."""
    s = settings or get_settings()
    uri = s.bolt_uri
    if s.uses_local_neo4j and start_local:
        status = engine_from_settings().start(timeout_s=s.neo4j_start_timeout_s)
        uri = status.uri
    shared = SharedBookmarks()
    try:
        driver = GraphDatabase.driver(
            uri,
            auth=_auth(s),
            connection_timeout=s.connect_timeout_s,
            connection_acquisition_timeout=s.connect_timeout_s * 2,
            max_transaction_retry_time=s.transaction_retry_s,
            # Unknown-label/property notices are normal on an empty or partial graph.
            notifications_min_severity="OFF",
            bookmark_manager=shared,
        )
    except (ValueError, DriverConfigurationError) as e:
        raise ConfigurationError(f"NEO4J_URI {uri!r} is not a usable Neo4j URI: {e}") from e
    shared.target = driver.execute_query_bookmark_manager
    try:
        driver.verify_connectivity()
    except AuthError as e:
        driver.close()
        raise Neo4jUnavailableError(
            f"Neo4j at {uri} refused the credentials of user {s.neo4j_username!r} "
            "(check NEO4J_USERNAME / NEO4J_PASSWORD)"
        ) from e
    except (DriverError, Neo4jError, OSError) as e:
        driver.close()
        raise Neo4jUnavailableError(f"cannot reach Neo4j at {uri}: {e}") from e
    return driver


def remember_bookmarks(driver: Driver, bookmarks: Collection[str]) -> None:
    """Make the driver's reads wait for transactions another process committed (an import run
    in a process of its own), as if this process had committed them."""
    driver.execute_query_bookmark_manager.update_bookmarks((), bookmarks)


def read_session(
    driver: Driver, database: str, *, bookmarks: Bookmarks | None = None, fetch_size: int = 1000
) -> Session:
    """A session for reads, routed to a reading member of a cluster; with `bookmarks`, it waits
    for those transactions (besides what the driver's bookmark manager already knows)."""
    return driver.session(
        database=database,
        default_access_mode=neo4j.READ_ACCESS,
        bookmarks=bookmarks,
        fetch_size=fetch_size,
    )


def server_info(driver: Driver, database: str) -> dict[str, Any]:
    q = get_query("server_version")
    records, _, _ = driver.execute_query(
        q.text, database_=database, routing_=neo4j.RoutingControl.READ
    )
    row = records[0]
    return {"name": row["name"], "version": row["version"], "edition": row["edition"]}
