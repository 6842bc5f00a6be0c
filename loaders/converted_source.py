"""Input that a loader converts to RDF record by record (CSV rows through a mapping,
Kennisrotonde records, the register loaders to come) as a source.

The file is converted once, when first counted or read: each record's statements go to a spool
file (N-Triples, deleted with the source) that the count and the batches read. So a bad record
anywhere fails before anything is written, and memory stays flat in the size of the file (the
spool's index keeps a number per record). A batch holds whole records — about `batch_size`
statements — so what a record says of itself and of what it links to is checked together."""

from __future__ import annotations

import hashlib
import tempfile
from array import array
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import IO

import pyoxigraph as ox

from kennisgraaf.errors import InputLimitError
from kennisgraaf.loaders import rdf_reader
from kennisgraaf.loaders.rdf_reader import Batch, Statement
from kennisgraaf.loaders.record_conversion import RdfTriple
from kennisgraaf.ontology.terms import TermConverter
from kennisgraaf.settings import get_settings


def converted_checksum(path: Path, extra: Iterable[Path] = ()) -> str:
    """The version of a converted source: the file's and those of the files that say how it
    is converted (a mapping), together."""
    digest = hashlib.sha256()
    for part in (path, *extra):
        digest.update(rdf_reader.checksum(part).encode())
    return digest.hexdigest()


@dataclass
class ConvertedSource:
    path: Path
    format_name: str
    # The triples of each record, every record converted once; raises InputError after the
    # last record when any is bad (csv_mapping.row_triples, kennisrotonde.record_triples).
    convert: Callable[[], Iterator[Iterable[RdfTriple]]]
    extra: tuple[Path, ...] = ()  # files whose version is part of the source's (a mapping)
    _spool: IO[bytes] | None = field(default=None, init=False, repr=False)
    _sizes: array[int] = field(default_factory=lambda: array("L"), init=False, repr=False)

    def checksum(self) -> str:
        return converted_checksum(self.path, self.extra)

    def count(self) -> int:
        self._spooled()
        return sum(self._sizes)

    def batches(self, batch_size: int) -> Iterator[Batch]:
        statements = rdf_reader.iter_statements(self._spooled(), ox.RdfFormat.N_TRIPLES)
        return _whole_records(statements, self._sizes, batch_size)

    def _spooled(self) -> Path:
        if self._spool is None:
            spool = tempfile.NamedTemporaryFile(prefix="kennisgraaf-", suffix=".nt")  # noqa: SIM115 (lives as long as the source)
            try:
                ox.serialize(self._statements(), spool, ox.RdfFormat.N_TRIPLES)
                spool.flush()
            except BaseException:
                spool.close()
                self._sizes = array("L")
                raise
            self._spool = spool
        return Path(self._spool.name)

    def _statements(self) -> Iterator[ox.Triple]:
        """Each record's distinct statements in a fixed order (so batches, and blank-node
        numbering, are the same on every run), its size noted in the spool's index."""
        limit = get_settings().input_max_statements
        total = 0
        for triples in self.convert():
            record = sorted(set(triples), key=lambda t: (str(t[0]), str(t[1]), str(t[2])))
            total += len(record)
            if total > limit:
                raise InputLimitError(
                    f"{self.path.name}: more than {limit:,} statements (limit {limit:,}, setting "
                    "input_max_statements)",
                    "input_max_statements",
                )
            self._sizes.append(len(record))
            terms = TermConverter()  # per record: the file's IRIs are not all held at once
            for s, p, o in record:
                yield ox.Triple(terms.term(s), terms.term(p), terms.term(o))  # type: ignore[arg-type]


def _whole_records(
    statements: Iterator[Statement], sizes: Iterable[int], batch_size: int
) -> Iterator[Batch]:
    """Records in order, a batch closed once it holds `batch_size` statements or more."""
    batch: list[Statement] = []
    index = 0
    for size in sizes:
        batch.extend(islice(statements, size))
        if len(batch) >= batch_size:
            yield Batch(index, batch)
            index, batch = index + 1, []
    if batch:
        yield Batch(index, batch)
