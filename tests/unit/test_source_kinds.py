"""The registry of source kinds: a kind is found by its name, a new kind is one entry, a
converted source is converted once and fails whole before its first batch."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from kennisgraaf.errors import InputError
from kennisgraaf.loaders import sources
from kennisgraaf.loaders.converted_source import ConvertedSource
from kennisgraaf.loaders.kennisrotonde import RecordConverter, example_path
from kennisgraaf.loaders.pipeline import LoadOptions, validate_file
from kennisgraaf.loaders.record_conversion import RdfTriple
from kennisgraaf.loaders.source_kind import SourceKind, SourceOptions
from kennisgraaf.loaders.sources import open_source, source_checksum
from kennisgraaf.ontology.files import dataset_path

BASE = "https://w3id.org/kennisgraaf/"
NAME = URIRef("http://xmlns.com/foaf/0.1/name")


def test_unknown_kind_names_the_registered_ones(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match=r"unknown input kind 'zip'; known: rdf, csv, kennisrot"):
        open_source(path, kind="zip")
    with pytest.raises(InputError, match="a CSV file needs --mapping"):
        open_source(path, kind="csv")


def _lines(path: Path) -> Iterator[list[RdfTriple]]:
    """A made-up converter: each line a record of two statements; a line 'bad' is refused."""
    lines = path.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, start=1):
        subject = URIRef(f"{BASE}id/thing/{number}")
        yield [(subject, NAME, Literal(line)), (subject, NAME, Literal(f"{line}!"))]
    if "bad" in lines:
        raise InputError(f"{path.name}: a bad line")


def _lines_kind(converted: list[int]) -> SourceKind:
    def source(path: Path, _options: SourceOptions) -> ConvertedSource:
        def convert() -> Iterator[list[RdfTriple]]:
            converted.append(1)
            return _lines(path)

        return ConvertedSource(path, "lines", convert)

    return SourceKind("lines", lambda _path, _options: None, source)


def test_a_new_kind_is_one_entry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    converted: list[int] = []
    monkeypatch.setattr(sources, "KINDS", (*sources.KINDS, _lines_kind(converted)))
    path = tmp_path / "things.txt"
    path.write_text("a\nb\nc\nd\ne\n", encoding="utf-8")
    source = open_source(path, kind="lines")
    assert source.count() == 10
    # Whole records, a batch closed once it holds the size asked (or more).
    assert [len(b.statements) for b in source.batches(3)] == [4, 4, 2]
    assert [b.index for b in source.batches(4)] == [0, 1, 2]
    assert [len(b.statements) for b in source.batches(100)] == [10]
    assert converted == [1]  # counted and read three times from one conversion
    path.write_text("a\nbad\nc\n", encoding="utf-8")
    bad = open_source(path, kind="lines")
    with pytest.raises(InputError, match="a bad line"):
        bad.batches(1)  # before the first batch, though the bad record comes after it


@pytest.mark.parametrize(
    ("path", "kind"),
    [(dataset_path("seed"), "rdf"), (example_path("kennisrotonde-example.json"), "kennisrotonde")],
)
def test_upload_checksum_is_the_sources(path: Path, kind: str) -> None:
    # The API names an import by its bytes alone, as the pipeline's source of that kind does.
    assert source_checksum(path, kind) == open_source(path, kind=kind).checksum()


def test_validate_converts_each_file_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    triples = RecordConverter.triples

    def counted(self: RecordConverter, record: object) -> object:
        calls.append(1)
        return triples(self, record)  # type: ignore[arg-type]

    monkeypatch.setattr(RecordConverter, "triples", counted)
    options = LoadOptions(
        base_iri=BASE, quarantine_dir=tmp_path, kind="kennisrotonde", batch_size=25
    )
    report = validate_file(example_path("kennisrotonde-example.json"), options)
    assert report.rejections == []
    assert len(calls) == 8  # the example's eight records, each converted once
