"""Kennisrotonde question-and-answer records → RDF, streamed record by record.

The records as the service keeps them: a JSON array (or one object), JSON Lines (``.jsonl``,
``.ndjson``) or CSV with one record a row — every field and column, and what each becomes in the
graph, in loaders/examples/KENNISROTONDE.md. The modules: kennisrotonde_files.py reads a file
into raw records, kennisrotonde_records.py checks a record's fields, kennisrotonde_tags.py turns
free tags into keywords, kennisrotonde_rdf.py makes the triples.

A bad record is refused on its own (record_conversion.RecordRefusal naming the file, the record
— ``record 3`` in a JSON array, ``line 3`` in JSON Lines and CSV, with its number — and each
field): a load quarantines it and loads the others. A Kennisrotonde number a record links to
(``referred_to`` an earlier answer, ``related``) must name an answer in the same file or one
another source has put in the graph; else the record is refused, since the shapes would let a
link to nothing pass. :func:`iter_batches` and :func:`convert_file` are strict (a file with a
bad record raises, every problem listed), for small files and tests.
"""

from __future__ import annotations

import logging
from collections.abc import Container, Iterator
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, SKOS

from kennisgraaf.errors import InputError
from kennisgraaf.loaders import record_conversion
from kennisgraaf.loaders.converted_source import ConvertedSource
from kennisgraaf.loaders.kennisrotonde_files import (
    RawRecord,
    field_label,
    prescan_file,
    read_records,
)
from kennisgraaf.loaders.kennisrotonde_rdf import KG, RecordConverter
from kennisgraaf.loaders.kennisrotonde_records import Record, parse_record
from kennisgraaf.loaders.record_conversion import Converted, FieldError, RecordError, RecordRefusal
from kennisgraaf.loaders.source_kind import SourceKind, SourceOptions

logger = logging.getLogger(__name__)

# What other modules and tests import from here.
__all__ = [
    "KIND",
    "RecordConverter",
    "convert_file",
    "example_path",
    "iter_batches",
    "parse_record",
    "prescan_file",
    "record_triples",
]


def _parse(raw: RawRecord) -> Record:
    if raw.problem is not None:
        raise RecordError([FieldError(*raw.problem)], None)
    return parse_record(raw.fields)


def _new_study_gaps(record: Record, converter: RecordConverter) -> list[FieldError]:
    """A study not yet in the graph is created, so it needs what the shapes require of one
    (a work given by its DOI alone is only cited)."""
    gaps: list[FieldError] = []
    for index, source in enumerate(record.sources, start=1):
        if source.doi_only or not converter.is_new_study(source):
            continue
        missing = [f for f in ("title", "year") if not getattr(source, f)]
        missing += [] if source.has_authors else ["authors"]
        if missing:
            what = f"DOI {source.doi}" if source.doi else "this source"
            verb = "is" if len(missing) == 1 else "are"
            why = f"{what} is not in the graph yet, so {', '.join(missing)} {verb} needed"
            gaps.append(FieldError(f"sources[{index}].{missing[0]}", f"{why} to create it"))
    return gaps


def _link_gaps(
    record: Record, answers: Container[str], converter: RecordConverter
) -> list[FieldError]:
    """Each Kennisrotonde number the record links to names an answer of this file or one the
    graph holds from another source."""
    return [
        FieldError(field, f"{number} is no answer in this file or in the graph")
        for field, number in record.links()
        if number not in answers and converter.answer_iri(number) not in converter.known_studies
    ]


def _checked(
    path: Path, position: int, raw: RawRecord, converter: RecordConverter, answers: Container[str]
) -> RecordRefusal | Record:
    """The record, or its refusal naming the file, the record and each field."""
    try:
        record = _parse(raw)
        if gaps := _new_study_gaps(record, converter) + _link_gaps(record, answers, converter):
            raise RecordError(gaps, record.number)
    except RecordError as e:
        labelled = [FieldError(field_label(err.field, raw.csv), err.reason) for err in e.errors]
        return RecordRefusal.of(path, position, raw.line, RecordError(labelled, e.number))
    return record


def _answers(path: Path, converter: RecordConverter) -> set[str]:
    """The numbers of the file's answers that will load: what a referral may name. An answer
    whose record is refused (a bad field, a study it cannot create, a link to no answer —
    followed until nothing changes) is no target."""
    links: dict[str, list[str]] = {}
    for raw in read_records(path):
        try:
            record = _parse(raw)
        except RecordError:
            continue
        if record.answered is not None and not _new_study_gaps(record, converter):
            links[record.number] = [number for _, number in record.links()]
    answers = set(links)
    while dangling := {
        n
        for n in answers
        if any(t not in answers and converter.answer_iri(t) not in converter.known_studies
               for t in links[n])
    }:  # fmt: skip
        answers -= dangling
    return answers


def record_triples(
    path: Path | str, *, base: str | None = None, known_studies: Container[URIRef] = ()
) -> Iterator[Converted]:
    """For each record, in order, its triples or its RecordRefusal, from a file that has
    passed :func:`prescan_file`. A first pass reads the file's answer numbers, so a referral
    may name an answer further down. `known_studies`: resources other sources describe in the
    graph (studies, and earlier answers a referral may name)."""
    path = Path(path)
    converter = RecordConverter(base, known_studies)
    answers = _answers(path, converter)
    position = 0
    for position, raw in enumerate(read_records(path), start=1):
        record = _checked(path, position, raw, converter, answers)
        yield record if isinstance(record, RecordRefusal) else list(converter.triples(record))
    logger.info("%s: %d Kennisrotonde records", path.name, position)
    for note in converter.notes:  # an asker's school or place the registers do not resolve
        logger.warning("%s: %s", path.name, note)


def _new_graph() -> Graph:
    graph = Graph()
    for prefix, namespace in (("kg", KG), ("prov", PROV), ("dcterms", DCTERMS), ("foaf", FOAF)):
        graph.bind(prefix, namespace)
    graph.bind("org", ORG)
    graph.bind("skos", SKOS)
    return graph


def iter_batches(
    path: Path | str,
    batch_records: int = 1000,
    *,
    base: str | None = None,
    known_studies: Container[URIRef] = (),
) -> Iterator[Graph]:
    """Graphs of at most `batch_records` records; a file with bad records raises before any.
    The file is read twice — a checking pass, then the converting pass — so memory stays flat."""
    prescan_file(Path(path))
    yield from record_conversion.checked_graphs(
        lambda: record_triples(path, base=base, known_studies=known_studies),
        batch_records,
        _new_graph,
        record_conversion.FileErrors(Path(path)),
    )


def convert_file(path: Path | str, *, base: str | None = None) -> Graph:
    """The whole file as one graph (for small files and tests)."""
    return record_conversion.merged(iter_batches(path, base=base), _new_graph())


def example_path(name: str) -> Path:
    """A shipped example file in ``loaders/examples`` (e.g. ``kennisrotonde-example.json``)."""
    path = Path(__file__).with_name("examples") / name
    if not path.is_file():
        raise InputError(f"no shipped example {name!r}")
    return path


def _source(path: Path, options: SourceOptions) -> ConvertedSource:
    def convert() -> Iterator[Converted]:
        return record_triples(path, base=options.base_iri, known_studies=options.known_studies)

    return ConvertedSource(path, "kennisrotonde", convert)


KIND = SourceKind("kennisrotonde", lambda path, _options: prescan_file(path), _source)
