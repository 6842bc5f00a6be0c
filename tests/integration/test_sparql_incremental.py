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

import pyoxigraph as ox
from neo4j import Driver

from kennisgraaf.graph.exporter import iter_triples
from kennisgraaf.graph.model import natural_datatypes
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
