"""The bulk initial load (loaders/bulk_load.py) against a normal load of the same files: the seed,
the sample and a generated file with ill-typed dates go once through Neo4j's offline importer
into a local engine of their own and once through the normal load into the session's database.
The two graphs must be the same — every resource with its provenance properties, every
relationship with its sources, the export, the import records and the quarantine — and stay
the same when a new version of one source is loaded normally on top of each. A bulk load into a
database that holds something is refused and changes nothing."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from neo4j import Driver, GraphDatabase
from rdflib import Graph
from rdflib.compare import isomorphic

from kennisgraaf.graph.exporter import export
from kennisgraaf.graph.local_engine import LocalEngine
from kennisgraaf.graph.model import natural_datatypes
from kennisgraaf.graph.schema import ensure_schema
from kennisgraaf.loaders.bulk_load import BulkLoadRefusedError, BulkReport, bulk_load
from kennisgraaf.loaders.pipeline import FileReport, load_file
from kennisgraaf.ontology.files import dataset_path
from kennisgraaf.settings import Settings
from tests.conftest import build_cache, free_port, wipe_database
from tests.database import fingerprint
from tests.pipeline_helpers import BASE, options

EDGE_CASES = """\
<https://example.org/untyped> <http://xmlns.com/foaf/0.1/name> "" .
<https://example.org/untyped> <http://purl.org/dc/terms/description> "say \\"hi\\",\\nthen; go" .
<https://example.org/untyped> <http://purl.org/dc/terms/title> "titel"@nl .
<https://example.org/untyped> <http://purl.org/dc/terms/title> "title"@en .
<https://example.org/untyped> <http://example.org/p,q> _:b1 .
_:b1 <http://example.org/when> "2021-06-30"^^<http://www.w3.org/2001/XMLSchema#date> .
_:b1 <http://example.org/when> "007"^^<http://www.w3.org/2001/XMLSchema#integer> .
"""
IMPORT_FIELDS = (
    "id", "source", "checksum", "format", "status", "current", "batchesCommitted",
    "statementsLoaded", "rejected", "sourceKeys", "graphs", "batchSize",
)  # fmt: skip
IMPORTS = "MATCH (i:Import) RETURN properties(i) AS p"
REPOSITORY = Path(__file__).resolve().parents[2]  # the benchmarks are its scripts
# What ensure_schema builds: the constraints' indexes and the full-text ones (a normal load's
# writer may add indexes of its own bookkeeping when it first needs them).
SCHEMA = (
    "SHOW INDEXES YIELD name, type, owningConstraint "
    "WHERE owningConstraint IS NOT NULL OR type = 'FULLTEXT' RETURN name"
)


@dataclass
class Pair:
    normal: Driver
    normal_db: str
    bulk: Driver
    normal_reports: list[FileReport]
    bulk_report: BulkReport
    folder: Path
    generated: Path


def _generated(folder: Path) -> Path:
    """A few thousand statements of realistic shape; some dates ill-typed (quarantined)."""
    out = folder / "generated.nt"
    subprocess.run(
        [sys.executable, "-m", "benchmarks.generate", "--triples", "3000", "--out", str(out),
         "--seed", "7", "--dirty-every", "500"],
        cwd=REPOSITORY, check=True, capture_output=True,
    )  # fmt: skip
    return out


@pytest.fixture(scope="module")
def pair(
    session_driver: Driver, neo4j_settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Pair]:
    folder = tmp_path_factory.mktemp("bulk")
    vocabularies = Path(str(resources.files("kennisgraaf.ontology") / "vocabularies.ttl"))
    edge = folder / "edge-cases.nt"  # what the importer's CSV must carry exactly
    edge.write_text(EDGE_CASES, encoding="utf-8")
    files = [vocabularies, dataset_path("seed"), dataset_path("sample"), edge, _generated(folder)]
    db = neo4j_settings.neo4j_database
    wipe_database(session_driver, db)
    ensure_schema(session_driver, db)
    normal_reports = [
        load_file(path, session_driver, db, options(folder / "normal")) for path in files
    ]
    engine = LocalEngine(folder / "engine", free_port(), build_root=build_cache())
    engine.start(exit_with_pid=os.getpid())
    try:
        report = bulk_load(files, engine, "neo4j", options(folder / "bulk"), work_dir=folder)
        with GraphDatabase.driver(engine.uri) as bulk:
            yield Pair(session_driver, db, bulk, normal_reports, report, folder, files[-1])
    finally:
        engine.stop()


def _resources(driver: Driver, database: str) -> Counter[tuple[Any, ...]]:
    """The fingerprint of the resources and their links (bookkeeping nodes left out)."""
    return Counter(
        {
            entry: n
            for entry, n in fingerprint(driver, database).items()
            if entry[0] == "relationship" or "Resource" in entry[1]
        }
    )


def _exported(driver: Driver, database: str) -> Graph:
    buf = io.BytesIO()
    export(driver, database, buf, "ntriples", BASE, natural_datatypes(), public=False)
    return Graph().parse(data=buf.getvalue(), format="nt")


def _imports(driver: Driver, database: str) -> dict[str, dict[str, Any]]:
    records, _, _ = driver.execute_query(IMPORTS, database_=database)
    out = {}
    for record in records:
        props = record["p"]
        row = {k: props.get(k) for k in IMPORT_FIELDS}
        row["sourceKeys"] = sorted(row["sourceKeys"] or [])
        row["graphs"] = sorted(row["graphs"] or [])
        out[str(props["id"])] = row
    return out


def _same_graph(pair: Pair) -> None:
    normal = _resources(pair.normal, pair.normal_db)
    assert normal, "the normal load wrote nothing"
    assert _resources(pair.bulk, "neo4j") == normal
    assert isomorphic(_exported(pair.bulk, "neo4j"), _exported(pair.normal, pair.normal_db))
    assert _imports(pair.bulk, "neo4j") == _imports(pair.normal, pair.normal_db)


def test_bulk_load_equals_a_normal_load(pair: Pair) -> None:
    bulk = pair.bulk_report
    assert [r.import_id for r in bulk.files] == [r.import_id for r in pair.normal_reports]
    assert bulk.nodes > 1000 and bulk.relationships > 1000
    assert bulk.importer is not None and bulk.importer.peak_rss_mb > 0
    _same_graph(pair)
    schema = {r["name"] for r in pair.bulk.execute_query(SCHEMA, database_="neo4j").records}
    expected = {r["name"] for r in pair.normal.execute_query(SCHEMA).records}
    assert expected <= schema


def test_quarantine_is_the_same(pair: Pair) -> None:
    def rejections(reports: list[FileReport]) -> set[tuple[str, str, str | None, str]]:
        return {(r.source, x.focus, x.path, x.component) for r in reports for x in r.rejections}

    normal, bulk = pair.normal_reports, pair.bulk_report.files
    assert rejections(normal), "the generated file has ill-typed dates"
    assert rejections(bulk) == rejections(normal)
    for n, b in zip(normal, bulk, strict=True):
        assert (b.statements_read, b.statements_loaded, b.statements_rejected) == (
            n.statements_read,
            n.statements_loaded,
            n.statements_rejected,
        )
        assert [p.name for p in b.quarantine] == [p.name for p in n.quarantine]
        for bp, np in zip(b.quarantine, n.quarantine, strict=True):
            assert isomorphic(Graph().parse(bp), Graph().parse(np)), bp.name


def test_a_new_version_of_a_source_loads_normally_on_top(pair: Pair) -> None:
    lines = pair.generated.read_text(encoding="utf-8").splitlines()
    new_version = pair.folder / "v2" / pair.generated.name  # the same source name
    new_version.parent.mkdir(exist_ok=True)
    changed = [line for n, line in enumerate(lines) if n % 7 != 3]  # a seventh withdrawn
    changed.append('<https://example.org/new> <http://xmlns.com/foaf/0.1/name> "nieuw" .')
    new_version.write_text("\n".join(changed) + "\n", encoding="utf-8")
    before = _resources(pair.bulk, "neo4j")
    for driver, db, where in ((pair.normal, pair.normal_db, "n2"), (pair.bulk, "neo4j", "b2")):
        report = load_file(new_version, driver, db, options(pair.folder / where))
        assert report.status == "loaded"
        assert report.counts.nodes_updated + report.counts.relationships_deleted > 0
    assert _resources(pair.bulk, "neo4j") != before
    _same_graph(pair)


def test_a_bulk_load_into_a_database_with_data_is_refused(pair: Pair, tmp_path: Path) -> None:
    before = fingerprint(pair.bulk, "neo4j")
    engine_home = pair.folder / "engine"
    engine = LocalEngine(engine_home, _port_of(pair.bulk), build_root=build_cache())
    with pytest.raises(BulkLoadRefusedError, match="is not empty"):
        bulk_load([dataset_path("sample")], engine, "neo4j", options(tmp_path))
    assert fingerprint(pair.bulk, "neo4j") == before
    assert not (tmp_path / "quarantine").exists()


def _port_of(driver: Driver) -> int:
    address = driver.get_server_info().address
    return int(address.port)
