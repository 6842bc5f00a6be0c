"""The SPARQL projection is updated from each import's changes, and what it holds is exactly
what a rebuild from the whole graph holds — the public statements the exporter gives — after
loads, replacements of a source, consent withdrawn, and changes no import recorded (which make
it rebuild). Several processes share one projection: one updates, the others use its result."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from neo4j import Driver

from kennisgraaf.api import void
from kennisgraaf.graph.erasure import erase_person
from kennisgraaf.graph.exporter import iter_triples
from kennisgraaf.graph.model import natural_datatypes
from kennisgraaf.graph.schema import ensure_schema
from kennisgraaf.graph.writer import GraphWriter, WriteCounts
from kennisgraaf.settings import Settings
from kennisgraaf.sparql.repair import verify
from kennisgraaf.sparql.store import INCREMENTAL, REBUILD, DerivedStore, Generation, store_for
from tests.conftest import wipe_database
from tests.pipeline_helpers import load

BASE = "https://w3id.org/kennisgraaf/"
PREFIXES = """\
@prefix kg: <https://w3id.org/kennisgraaf/def#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix fn: <https://w3id.org/kennisgraaf/def/function/> .
@prefix sector: <https://w3id.org/kennisgraaf/def/sector/> .
@prefix netkind: <https://w3id.org/kennisgraaf/def/network-kind/> .
@prefix p: <https://w3id.org/kennisgraaf/id/person/> .
@prefix n: <https://w3id.org/kennisgraaf/id/network/> .
"""
SECRET = "Xander Geheim"  # a person who gave no consent: never in a public output


def person(key: str, name: str, consent: bool | None = True) -> str:
    said = "" if consent is None else f" ; kg:consentToBeNamed {str(consent).lower()}"
    return f'p:{key} a kg:Person ; foaf:name "{name}"{said} .\n'


def network(key: str, members: list[str]) -> str:
    return (
        f'n:{key} a kg:Network ; foaf:name "Netwerk {key}" ; kg:networkKind netkind:werkplaats ;'
        ' kg:sector sector:PO ; kg:region "Utrecht" ; kg:servesFunction fn:sharing ;'
        f" org:hasMember {', '.join(f'p:{m}' for m in members)} .\n"
    )


def write(tmp_path: Path, name: str, *parts: str) -> Path:
    path = tmp_path / f"{name}.ttl"
    path.write_text(PREFIXES + "".join(parts))
    return path


def public_triples(driver: Driver, database: str) -> set[ox.Triple]:
    """The oracle: what the public export gives."""
    return set(iter_triples(driver, database, BASE, natural_datatypes(), public=True))


def projected(generation: Generation) -> set[ox.Triple]:
    store = ox.Store.read_only(str(generation.path))
    return {q.triple for q in store}


def up_to_date(store: DerivedStore) -> Generation:
    with store.lease() as generation:
        return generation


def check(store: DerivedStore, driver: Driver, database: str, kind: str) -> set[ox.Triple]:
    generation = up_to_date(store)
    assert generation.kind == kind
    held = projected(generation)
    assert held == public_triples(driver, database)
    assert generation.triples == len(held)
    # The dataset's counts kept with the projection are those a pass over the graph gives.
    assert generation.counts is not None
    kept = void.from_counts(driver, database, generation.counts)
    assert kept == void.compute(driver, database, BASE)
    assert kept.triples == len(held)
    comparison = verify(store)
    assert comparison.equal, (comparison.missing, comparison.extra)
    assert not any(SECRET in str(t) for t in held)
    return held


def names(triples: set[ox.Triple]) -> set[str]:
    return {
        t.object.value
        for t in triples
        if t.predicate.value.endswith("/name") and isinstance(t.object, ox.Literal)
    }


def test_imports_update_the_projection_as_a_rebuild_would(
    driver: Driver, database: str, api_settings: Settings, tmp_path: Path
) -> None:
    store = store_for(api_settings, driver)
    assert projected(up_to_date(store)) == set()
    everyone = ["ans", "bas", "xander"]
    a1 = write(tmp_path, "a", person("ans", "Ans Aalbers"), person("bas", "Bas Brink"),
               person("xander", SECRET, consent=None), network("een", everyone))  # fmt: skip
    load(driver, database, a1, tmp_path)
    held = check(store, driver, database, INCREMENTAL)
    assert {"Ans Aalbers", "Bas Brink", "Netwerk een"} <= names(held)

    # Another source, about a resource of the first too.
    b1 = write(tmp_path, "b", person("cor", "Cor Cats"), network("twee", ["cor", "ans"]))
    load(driver, database, b1, tmp_path)
    held = check(store, driver, database, INCREMENTAL)
    assert "Cor Cats" in names(held)

    # A new version of the first source: Bas goes, Dirk comes, Ans withdraws her consent, the
    # network loses a member; what source b says of Ans stays (and her name is not public now).
    a2 = write(tmp_path, "a", person("ans", "Ans Aalbers", consent=False),
               person("dirk", "Dirk Dekker"), person("xander", SECRET, consent=None),
               network("een", ["dirk", "xander"]))  # fmt: skip
    load(driver, database, a2, tmp_path)
    held = check(store, driver, database, INCREMENTAL)
    assert "Dirk Dekker" in names(held)
    assert not {"Bas Brink", "Ans Aalbers"} & names(held)
    ans = ox.NamedNode(BASE + "id/person/ans")
    assert any(t.object == ans for t in held)  # network twee (source b) still has her
    assert store.updates == 4  # the first build and three incremental updates
    # Pruning keeps the change records of the current imports only (a1's went with a1).
    store._prune_journal()
    kept, _, _ = driver.execute_query(
        "MATCH (c:ProjectionChange) RETURN DISTINCT c.import AS id", database_=database
    )
    current, _, _ = driver.execute_query(
        "MATCH (i:Import {current: true}) RETURN i.id AS id", database_=database
    )
    assert len(current) == 2 and {r["id"] for r in kept} == {r["id"] for r in current}


def test_what_no_import_recorded_is_rebuilt(
    driver: Driver, database: str, api_settings: Settings, tmp_path: Path
) -> None:
    store = store_for(api_settings, driver)
    load(driver, database, write(tmp_path, "a", person("ans", "Ans Aalbers")), tmp_path)
    check(store, driver, database, REBUILD)  # the first build
    # A change that bumps the version without an import's records (an erasure does so).
    driver.execute_query(
        "MATCH (n:Resource {iri: $iri}) SET n.foaf_name = 'Anna' "
        "CREATE (:Import {id: 'erasure:1', source: 'erasure', current: true, "
        "status: 'complete', finishedAt: datetime()})",
        iri=BASE + "id/person/ans", database_=database,
    )  # fmt: skip
    held = check(store, driver, database, REBUILD)
    assert names(held) == {"Anna"}
    # An erasure's way: the current import of a source gets a new finish time, its id stays.
    driver.execute_query(
        "MATCH (n:Resource {iri: $iri}) SET n.foaf_name = 'A.' "
        "WITH n MATCH (i:Import {current: true, source: $source}) SET i.finishedAt = datetime()",
        iri=BASE + "id/person/ans", source="a.ttl", database_=database,
    )  # fmt: skip
    assert names(check(store, driver, database, REBUILD)) == {"A."}
    # A wipe empties the version: rebuilt, empty.
    wipe_database(driver, database)
    assert check(store, driver, database, REBUILD) == set()
    # An import loaded afterwards is incremental again.
    load(driver, database, write(tmp_path, "b", person("bas", "Bas Brink")), tmp_path)
    assert names(check(store, driver, database, INCREMENTAL)) == {"Bas Brink"}


def test_a_rebuild_on_demand_equals_the_incremental_result(
    driver: Driver, database: str, api_settings: Settings, tmp_path: Path
) -> None:
    store = store_for(api_settings, driver)
    up_to_date(store)
    load(driver, database, write(tmp_path, "a", person("ans", "Ans Aalbers"),
                                 network("een", ["ans"])), tmp_path)  # fmt: skip
    incremental = check(store, driver, database, INCREMENTAL)
    rebuilt = store.rebuild()
    assert rebuilt.kind == REBUILD and projected(rebuilt) == incremental
    # A projection whose update broke off is not trusted: the next update rebuilds.
    (store.root / "primary.dirty").touch()
    load(driver, database, write(tmp_path, "b", person("bas", "Bas Brink")), tmp_path)
    check(store, driver, database, REBUILD)


WORKER = """
import json, sys, time
from pathlib import Path
from kennisgraaf.graph.connection import open_driver
from kennisgraaf.settings import Settings
from kennisgraaf.sparql.store import store_for
settings = Settings(neo4j_uri=sys.argv[1], neo4j_password=None, data_dir=Path(sys.argv[2]))
go = Path(sys.argv[3])
with open_driver(settings, start_local=False) as driver:
    store = store_for(settings, driver)
    while not go.exists():
        time.sleep(0.01)
    with store.lease() as generation:
        print(json.dumps({"updates": store.updates, "generation": generation.path.name}))
"""


def test_worker_processes_share_one_projection(
    driver: Driver, database: str, api_settings: Settings, tmp_path: Path
) -> None:
    load(driver, database, write(tmp_path, "a", person("ans", "Ans Aalbers")), tmp_path)
    go = tmp_path / "go"
    workers = [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                WORKER,
                api_settings.bolt_uri,
                str(api_settings.data_dir),
                str(go),
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    time.sleep(3.0)  # both connected and waiting
    go.touch()
    outputs = [json.loads(w.communicate(timeout=120)[0]) for w in workers]
    assert [w.returncode for w in workers] == [0, 0]
    assert sorted(o["updates"] for o in outputs) == [0, 1]  # one built, the other used it
    assert outputs[0]["generation"] == outputs[1]["generation"]
    # A third user of the directory (an API worker started later) finds it up to date.
    store = store_for(api_settings, driver)
    assert up_to_date(store).path.name == outputs[0]["generation"]
    assert store.updates == 0


# -- withdrawal within a source's extent ------------------------------------------------------


def stored(driver: Driver, database: str) -> tuple[dict[str, Any], dict[tuple[str, str, str], Any]]:
    """Every resource (labels, properties) and relationship (properties), field for field."""
    nodes, _, _ = driver.execute_query(
        "MATCH (n:Resource) RETURN n.iri AS iri, labels(n) AS labels, properties(n) AS props",
        database_=database,
    )
    links, _, _ = driver.execute_query(
        "MATCH (a:Resource)-[r]->(b:Resource) "
        "RETURN a.iri AS s, type(r) AS t, b.iri AS o, properties(r) AS props",
        database_=database,
    )
    by_node = {r["iri"]: (sorted(r["labels"]), dict(r["props"])) for r in nodes}
    by_link: dict[tuple[str, str, str], Any] = {}
    for r in links:
        props = dict(r["props"])
        props["sources"] = sorted(props.get("sources") or [])
        assert (r["s"], r["t"], r["o"]) not in by_link  # one relationship per statement
        by_link[(r["s"], r["t"], r["o"])] = props
    return by_node, by_link


class Withdrawals:
    """Counts how each source key's stale statements were withdrawn."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.scans = self.within = 0
        scan, within = GraphWriter.withdraw_stale, GraphWriter.withdraw_within

        def counted_scan(writer: GraphWriter, key: str, import_id: str) -> WriteCounts:
            self.scans += 1
            return scan(writer, key, import_id)

        def counted_within(
            writer: GraphWriter, key: str, import_id: str, subjects: list[str]
        ) -> WriteCounts:
            self.within += 1
            return within(writer, key, import_id, subjects)

        monkeypatch.setattr(GraphWriter, "withdraw_stale", counted_scan)
        monkeypatch.setattr(GraphWriter, "withdraw_within", counted_within)


def replacements(tmp_path: Path) -> list[Path | str]:
    """Loads (files) and erasures (person keys): sources that shrink, grow, and hand statements
    over to each other."""
    everyone = ["ans", "bas", "xander"]
    a1 = write(tmp_path, "a1", person("ans", "Ans Aalbers"), person("bas", "Bas Brink"),
               person("xander", SECRET, consent=None), network("een", everyone))  # fmt: skip
    b1 = write(tmp_path, "b1", person("cor", "Cor Cats"), network("twee", ["cor", "ans"]))
    # a shrinks: Bas and Xander go (nothing else speaks of them), the network loses members.
    a2 = write(tmp_path, "a2", person("ans", "Ans Aalbers"), network("een", ["ans"]))
    # a grows again: Bas comes back, Dirk and a new network come, Ans withdraws her consent.
    a3 = write(tmp_path, "a3", person("ans", "Ans Aalbers", consent=False),
               person("bas", "Bas Brink"), person("dirk", "Dirk Dekker"),
               network("een", ["ans", "bas", "dirk"]), network("drie", ["dirk"]))  # fmt: skip
    # a takes over what b said of Cor and network twee; then b says something else entirely.
    a4 = write(tmp_path, "a4", person("ans", "Ans Aalbers", consent=False),
               person("dirk", "Dirk Dekker"), person("cor", "Cor Cats"),
               network("een", ["ans", "dirk"]),
               network("twee", ["cor", "ans", "dirk"]))  # fmt: skip
    b2 = write(tmp_path, "b2", person("eva", "Eva Eik"), network("vier", ["eva", "cor"]))
    return [a1, b1, a2, a3, "dirk", a4, b2, a2]


def run(
    steps: list[Path | str],
    driver: Driver,
    database: str,
    tmp_path: Path,
    *,
    forget_extents: bool = False,
    store: DerivedStore | None = None,
) -> list[tuple[dict[str, Any], dict[tuple[str, str, str], Any]]]:
    """Each step done in turn; the stored graph after each. With `forget_extents` the graph
    looks, before every load, as one written by a version that kept no extents."""
    after = []
    for step in steps:
        if isinstance(step, str):
            erase_person(driver, database, BASE, step, "test", natural_datatypes())
            if store is not None:
                check(store, driver, database, REBUILD)  # an erasure leaves no change record
        else:
            if forget_extents:
                driver.execute_query(
                    "MATCH (e:SourceExtent|SourceExtentComplete) DELETE e", database_=database
                )
            source = step.stem.rstrip("0123456789") + ".ttl"
            load(driver, database, step, tmp_path, source=source)
            if store is not None:
                check(store, driver, database, INCREMENTAL)
        after.append(stored(driver, database))
    return after


def test_withdrawal_within_the_extent_equals_the_full_scan(
    driver: Driver,
    database: str,
    api_settings: Settings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    steps = replacements(tmp_path)
    store = store_for(api_settings, driver)
    up_to_date(store)
    counted = Withdrawals(monkeypatch)
    within = run(steps, driver, database, tmp_path, store=store)
    # Every replacement withdrew within the extent; a source's first load has nothing to withdraw.
    assert (counted.scans, counted.within) == (0, 5)
    people = {iri.rsplit("/", 1)[-1] for iri in within[2][0] if "/person/" in iri}
    assert people == {"ans", "cor"}  # the shrink deleted Bas and Xander

    wipe_database(driver, database)
    ensure_schema(driver, database)
    counted.scans = counted.within = 0
    scanned = run(steps, driver, database, tmp_path, forget_extents=True)
    assert (counted.scans, counted.within) == (5, 0)  # no extent: the whole graph scanned
    for step, (a, b) in zip(steps, zip(within, scanned, strict=True), strict=True):
        assert a[0] == b[0], step
        assert a[1] == b[1], step


def test_the_extent_follows_the_source(
    driver: Driver, database: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The extent records kept are those of each key's current import only, and without the
    complete mark (a graph from before extents) the full scan is taken once, then no more."""
    steps = replacements(tmp_path)
    counted = Withdrawals(monkeypatch)
    run(steps[:3], driver, database, tmp_path)
    kept, _, _ = driver.execute_query(
        "MATCH (e:SourceExtent) RETURN DISTINCT e.key AS key, e.import AS import",
        database_=database,
    )
    current, _, _ = driver.execute_query(
        "MATCH (i:Import {current: true}) UNWIND i.sourceKeys AS key RETURN key, i.id AS import",
        database_=database,
    )
    assert {(r["key"], r["import"]) for r in kept} == {(r["key"], r["import"]) for r in current}
    driver.execute_query("MATCH (c:SourceExtentComplete) DELETE c", database_=database)
    counted.scans = counted.within = 0
    run(steps[3:4], driver, database, tmp_path)
    assert (counted.scans, counted.within) == (1, 0)
    run(steps[5:6], driver, database, tmp_path)
    assert (counted.scans, counted.within) == (1, 1)
