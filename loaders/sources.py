"""Every kind of input as one interface for the pipeline.

A kind (:class:`SourceKind`) says how a file of it is checked before a parser sees it (the
pre-scan against the input limits) and opens it as a :class:`Source`: a checksum (the version of
the source), a count (a full pass, so a bad file fails before anything is written) and its
statements in batches of about the size asked. Adding a kind is a module that defines its
``KIND`` (csv_mapping.py and kennisrotonde.py show how a converter of records does it, with
converted_source.py) and one line in :data:`KINDS`.
"""

from __future__ import annotations

from collections.abc import Container
from pathlib import Path

from rdflib import URIRef

from kennisgraaf.errors import InputError
from kennisgraaf.loaders import csv_mapping, kennisrotonde, projects, rdf_source, ror, use_events
from kennisgraaf.loaders.cbs_regions import KIND as CBS_REGIONS
from kennisgraaf.loaders.duo import KIND as DUO
from kennisgraaf.loaders.source_kind import Source as Source  # the pipeline reads it from here
from kennisgraaf.loaders.source_kind import SourceKind, SourceOptions

KINDS: tuple[SourceKind, ...] = (
    rdf_source.KIND,
    csv_mapping.KIND,
    kennisrotonde.KIND,
    projects.KIND,
    use_events.KIND,
    CBS_REGIONS,
    ror.KIND,
    DUO,
)


def kind_named(name: str) -> SourceKind:
    for kind in KINDS:
        if kind.name == name:
            return kind
    known = ", ".join(kind.name for kind in KINDS)
    raise InputError(f"unknown input kind {name!r}; known: {known}")


def open_source(
    path: Path,
    *,
    kind: str = "rdf",
    fmt: str | None = None,
    mapping: Path | None = None,
    base_iri: str | None = None,
    known_studies: Container[URIRef] = (),
) -> Source:
    """The file as a source of its kind, checked against the input limits first."""
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    if kind == "rdf" and mapping is not None:
        kind = "csv"  # a mapping says the file is CSV (rdf is the CLI's default kind)
    chosen = kind_named(kind)
    options = SourceOptions(fmt, mapping, base_iri, known_studies)
    chosen.check(path, options)
    return chosen.source(path, options)


def source_checksum(path: Path, kind: str, fmt: str | None = None) -> str:
    """The version of a source from its bytes alone, without a pre-scan or a parse: what an
    upload is named by before the import process opens it."""
    return kind_named(kind).source(path, SourceOptions(fmt=fmt)).checksum()
