"""Every kind of input as one interface for the pipeline: RDF files, CSV with a mapping,
Kennisrotonde records. Each gives a checksum (the version of the source), a full check pass
(a bad file fails before anything is written) and its statements in batches."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Container, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef

from kennisgraaf.errors import InputError, InputLimitError
from kennisgraaf.loaders import prescan, rdf_reader
from kennisgraaf.loaders.rdf_reader import Batch, Statement
from kennisgraaf.settings import get_settings

KINDS = ("rdf", "csv", "kennisrotonde")


class Source(Protocol):
    @property
    def format_name(self) -> str: ...

    def checksum(self) -> str: ...

    def count(self) -> int: ...

    def batches(self, batch_size: int) -> Iterator[Batch]: ...


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


def _ox(term: object) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise InputError(f"unexpected term {term!r}")


def graph_statements(graph: Graph) -> list[Statement]:
    # Sorted, so batches (and blank-node numbering) are the same on every run.
    return [
        Statement(_ox(s), _ox(p), _ox(o), None)  # type: ignore[arg-type]
        for s, p, o in sorted(graph, key=lambda t: (str(t[0]), str(t[1]), str(t[2])))
    ]


@dataclass
class GraphBatchSource:
    """A converter that yields rdflib graphs (CSV rows, Kennisrotonde records) as a source."""

    path: Path
    format_name: str
    extra: tuple[Path, ...]
    graphs: Callable[[], Iterator[Graph]]

    def checksum(self) -> str:
        digest = hashlib.sha256()
        for part in (self.path, *self.extra):
            digest.update(rdf_reader.checksum(part).encode())
        return digest.hexdigest()

    def count(self) -> int:
        total = 0
        for graph in self.graphs():
            total = self._bounded(total + len(graph))
        return total

    def batches(self, batch_size: int) -> Iterator[Batch]:
        total = 0
        for index, graph in enumerate(self.graphs()):
            total = self._bounded(total + len(graph))
            yield Batch(index, graph_statements(graph))

    def _bounded(self, total: int) -> int:
        limit = get_settings().input_max_statements
        if total > limit:
            raise InputLimitError(
                f"{self.path.name}: more than {limit:,} statements (limit {limit:,}, setting "
                "input_max_statements)",
                "input_max_statements",
            )
        return total


def open_source(
    path: Path,
    *,
    kind: str = "rdf",
    fmt: str | None = None,
    mapping: Path | None = None,
    base_iri: str | None = None,
    known_studies: Container[URIRef] = (),
) -> Source:
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    # Every file is pre-scanned against the input limits before a parser sees it; the
    # Kennisrotonde reader scans its own files (it is also called directly).
    if kind == "rdf" and mapping is None:
        rdf_format = rdf_reader.format_of(path, fmt)
        rdf_reader.prescan_file(path, rdf_format)
        return RdfSource(path, rdf_format)
    if kind == "csv" or (kind == "rdf" and mapping is not None):
        if mapping is None:
            raise InputError(f"{path}: a CSV file needs --mapping (see loaders/mappings/README.md)")
        prescan.scan(path, "csv")
        from kennisgraaf.loaders import csv_mapping

        csv_map = mapping
        return GraphBatchSource(
            path, "csv", (csv_map,), lambda: csv_mapping.iter_batches(path, csv_map, base=base_iri)
        )
    if kind == "kennisrotonde":
        from kennisgraaf.loaders import kennisrotonde

        return GraphBatchSource(
            path,
            "kennisrotonde",
            (),
            lambda: kennisrotonde.iter_batches(path, base=base_iri, known_studies=known_studies),
        )
    raise InputError(f"unknown input kind {kind!r}; known: {', '.join(KINDS)}")
