"""RDF files as a source kind: Turtle, N-Triples, N-Quads, TriG, JSON-LD, RDF/XML."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kennisgraaf.loaders import rdf_reader
from kennisgraaf.loaders.rdf_reader import Batch
from kennisgraaf.loaders.source_kind import SourceKind, SourceOptions


@dataclass
class RdfSource:
    path: Path
    format: ox.RdfFormat

    @property
    def format_name(self) -> str:
        return self.format.name

    def checksum(self) -> str:
        return rdf_reader.checksum(self.path)

    def count(self) -> int:
        return rdf_reader.count_statements(self.path, self.format)

    def batches(self, batch_size: int) -> Iterator[Batch]:
        return rdf_reader.iter_batches(self.path, self.format, batch_size)


def _check(path: Path, options: SourceOptions) -> None:
    rdf_reader.prescan_file(path, rdf_reader.format_of(path, options.fmt))


def _source(path: Path, options: SourceOptions) -> RdfSource:
    return RdfSource(path, rdf_reader.format_of(path, options.fmt))


KIND = SourceKind("rdf", _check, _source)
