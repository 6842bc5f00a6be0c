"""The search index follows each import as it commits: Neo4j's full-text indexes are updated in
the committing transaction (`fulltext.eventually_consistent` is false), so what an import adds
is found, and what a replacing import withdraws is not, as soon as the load returns."""

from __future__ import annotations

from pathlib import Path

from neo4j import Driver

from kennisgraaf.api.search import IndexGuard, search
from tests.integration.test_sparql_incremental import network, person, write
from tests.pipeline_helpers import load

INDEXES = {"kennisgraaf_search_nl", "kennisgraaf_search_folded"}


def found(driver: Driver, database: str, guard: IndexGuard, text: str) -> set[str]:
    return {hit.iri.rsplit("/", 1)[-1] for hit in search(driver, database, text, "nl", guard)}


def test_search_finds_an_import_as_soon_as_it_returns(
    driver: Driver, database: str, tmp_path: Path
) -> None:
    guard = IndexGuard()
    guard.ensure(driver, database)
    records, _, _ = driver.execute_query(
        "SHOW FULLTEXT INDEXES YIELD name, options RETURN name, options", database_=database
    )
    config = {r["name"]: r["options"]["indexConfig"] for r in records if r["name"] in INDEXES}
    assert set(config) == INDEXES
    assert all(c["fulltext.eventually_consistent"] is False for c in config.values())

    v1 = write(
        tmp_path, "a1", person("zonnebloem", "Ans Zonnebloem"), network("een", ["zonnebloem"])
    )
    load(driver, database, v1, tmp_path, source="a.ttl")
    assert found(driver, database, guard, "Zonnebloem") == {"zonnebloem"}
    assert found(driver, database, guard, "Klaproos") == set()

    # The next version: Ans goes, Bas comes; right after the load returns, search agrees.
    v2 = write(tmp_path, "a2", person("klaproos", "Bas Klaproos"), network("een", ["klaproos"]))
    load(driver, database, v2, tmp_path, source="a.ttl")
    assert found(driver, database, guard, "Klaproos") == {"klaproos"}
    assert found(driver, database, guard, "Zonnebloem") == set()
