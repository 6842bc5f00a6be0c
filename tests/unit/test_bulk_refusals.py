"""A bulk load refuses what it cannot do before it reads or changes anything: an external Neo4j
(the way to its importer's files is named), input other than RDF files, two files of one
source. The refusals are KennisgraafErrors with an exit code, never tracebacks."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from rich.console import Console

from kennisgraaf.cli.commands_bulk import load_bulk
from kennisgraaf.errors import KennisgraafError
from kennisgraaf.loaders.bulk_load import BulkLoadRefusedError, prepare_csv
from kennisgraaf.loaders.options import LoadOptions
from kennisgraaf.settings import get_settings

BASE = "https://w3id.org/kennisgraaf/"
NT = '<https://example.org/a> <http://xmlns.com/foaf/0.1/name> "a" .\n'


@pytest.fixture
def fresh_settings() -> Iterator[None]:
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def _file(folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(NT, encoding="utf-8")
    return path


def test_an_external_neo4j_is_refused_with_the_way_to_the_csv_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_settings: None
) -> None:
    monkeypatch.setenv("NEO4J_URI", "bolt://db.example.org:7687")
    get_settings.cache_clear()
    options = LoadOptions(base_iri=BASE, quarantine_dir=tmp_path / "q")
    with pytest.raises(BulkLoadRefusedError, match="--bulk-csv") as refused:
        load_bulk([_file(tmp_path, "a.nt")], options, None, Console(file=None))
    assert isinstance(refused.value, KennisgraafError) and refused.value.exit_code == 2
    assert not (tmp_path / "q").exists()


def test_other_kinds_and_two_versions_of_a_source_are_refused(tmp_path: Path) -> None:
    out = tmp_path / "csv"
    csv_kind = LoadOptions(base_iri=BASE, quarantine_dir=tmp_path / "q", kind="csv")
    with pytest.raises(BulkLoadRefusedError, match="RDF files"):
        prepare_csv([_file(tmp_path, "a.nt")], csv_kind, out)
    options = LoadOptions(base_iri=BASE, quarantine_dir=tmp_path / "q")
    twice = [_file(tmp_path / "v1", "a.nt"), _file(tmp_path / "v2", "a.nt")]
    with pytest.raises(BulkLoadRefusedError, match=r"a\.nt"):
        prepare_csv(twice, options, out)
    assert not out.exists()


def test_the_csv_files_and_the_admin_command_for_an_external_neo4j(tmp_path: Path) -> None:
    options = LoadOptions(base_iri=BASE, quarantine_dir=tmp_path / "q")
    result = prepare_csv([_file(tmp_path, "a.nt")], options, tmp_path / "csv")
    assert result.nodes == 1 and result.relationships == 0
    assert result.command.startswith("neo4j-admin database import full ")
    assert "--nodes=" in result.command and result.command.endswith(" neo4j")
    data = (tmp_path / "csv" / "nodes-0.csv").read_text(encoding="utf-8")
    assert data.startswith('"https://example.org/a","Resource",')
    assert '"a"' in data
