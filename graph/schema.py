"""The graph's constraints and indexes, created idempotently by one function."""

from __future__ import annotations

import logging

from neo4j import Driver

from kennisgraaf.queries.registry import get_query

log = logging.getLogger(__name__)


def ensure_schema(driver: Driver, database: str) -> int:
    """Create every constraint and index that is missing; returns the number of statements run."""
    statements = get_query("schema.constraints").statements()
    # The full-text index reconciliation reads, kept up to date by every load from the start.
    statements += get_query("schema.reconcile_index").statements()
    # The search pages' full-text indexes (Dutch and accent-folded), likewise.
    statements += get_query("schema.search_index").statements()
    with driver.session(database=database) as session:
        for statement in statements:
            # Schema statements cannot share a transaction with each other; each is IF NOT EXISTS.
            session.run(statement).consume()
    log.info("schema ensured (%d statements)", len(statements))
    return len(statements)
