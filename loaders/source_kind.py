"""What a kind of input is to the pipeline: how a file of it is checked before any parser sees
it, and the :class:`Source` it opens as. The kinds are listed in loaders/sources.py."""

from __future__ import annotations

from collections.abc import Callable, Container, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from rdflib import URIRef

from kennisgraaf.loaders.rdf_reader import Batch


class Source(Protocol):
    """One input file as the pipeline reads it."""

    @property
    def format_name(self) -> str: ...

    def checksum(self) -> str:
        """The version of the source, from its bytes alone."""
        ...

    def count(self) -> int:
        """A full pass over the file, so a bad file fails before anything is written."""
        ...

    def batches(self, batch_size: int) -> Iterator[Batch]:
        """The statements in batches of about `batch_size`, the same on every run."""
        ...


@dataclass(frozen=True)
class SourceOptions:
    """What the caller says about a file besides its path."""

    fmt: str | None = None  # RDF syntax name, when the extension does not tell
    mapping: Path | None = None  # YAML mapping of CSV input
    base_iri: str | None = None  # of the IRIs a converter mints (None: the settings')
    known_studies: Container[URIRef] = ()  # studies the graph describes already


@dataclass(frozen=True)
class SourceKind:
    name: str
    # Refuses the file (InputError, InputLimitError) before a parser sees it: the pre-scan
    # against the input limits and whatever the kind needs besides the file.
    check: Callable[[Path, SourceOptions], None]
    # The file as a Source; reads nothing but what the checksum needs, when asked.
    source: Callable[[Path, SourceOptions], Source]
