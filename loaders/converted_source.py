"""Input that a loader converts to RDF record by record (CSV rows through a mapping,
Kennisrotonde records, the register loaders to come) as a source.

The file is converted once, when first counted or read: each good record's statements go to a
spool file (N-Triples, deleted with the source) that the count and the batches read, and memory
stays flat in the size of the file (the spool's index keeps a number per record). A bad record is
refused on its own (record_conversion.RecordRefusal, yielded by the converter in its place): it
rides with the batch of the good records around it (:class:`RecordBatch`) to the import's report
and quarantine, and the rest loads — loaded + quarantined = the records read. A file without one
good record is refused whole, every problem listed. A batch holds whole records — about
`batch_size` statements — so what a record says of itself and of what it links to is checked
together."""

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
from kennisgraaf.loaders.record_conversion import Converted, FileErrors, RecordRefusal
from kennisgraaf.ontology.terms import TermConverter
from kennisgraaf.settings import get_settings


def converted_checksum(path: Path, extra: Iterable[Path] = ()) -> str:
    """The version of a converted source: the file's and those of the files that say how it
    is converted (a mapping), together."""
    digest = hashlib.sha256()
    for part in (path, *extra):
        digest.update(rdf_reader.checksum(part).encode())
    return digest.hexdigest()


@dataclass(frozen=True)
class RecordBatch(Batch):
    """A batch of whole good records, with the bad records read among them (refused)."""

    records: int = 0  # good records whose statements the batch holds
    refused: tuple[RecordRefusal, ...] = ()


@dataclass
class ConvertedSource:
    path: Path
    format_name: str
    # For each record, in order, its triples or its RecordRefusal; every record converted
    # once (csv_mapping.row_triples, kennisrotonde.record_triples).
    convert: Callable[[], Iterator[Converted]]
    extra: tuple[Path, ...] = ()  # files whose version is part of the source's (a mapping)
    unit: str | None = None  # "row": a refused file's message counts the bad records too
    _spool: IO[bytes] | None = field(default=None, init=False, repr=False)
    _sizes: array[int] = field(default_factory=lambda: array("L"), init=False, repr=False)
    # Each refusal with the number of good records read before it.
    _refused: list[tuple[int, RecordRefusal]] = field(default_factory=list, init=False, repr=False)

    def checksum(self) -> str:
        return converted_checksum(self.path, self.extra)

    def count(self) -> int:
        self._spooled()
        return sum(self._sizes)

    @property
    def refused(self) -> list[RecordRefusal]:
        """The bad records, in file order (after the first count or read)."""
        return [refusal for _, refusal in self._refused]

    @property
    def records_read(self) -> int:
        return len(self._sizes) + len(self._refused)

    def batches(self, batch_size: int) -> Iterator[Batch]:
        statements = rdf_reader.iter_statements(self._spooled(), ox.RdfFormat.N_TRIPLES)
        return _whole_records(statements, self._sizes, self._refused, batch_size)

    def _spooled(self) -> Path:
        if self._spool is None:
            spool = tempfile.NamedTemporaryFile(prefix="kennisgraaf-", suffix=".nt")  # noqa: SIM115 (lives as long as the source)
            try:
                ox.serialize(self._statements(), spool, ox.RdfFormat.N_TRIPLES)
                spool.flush()
                self._refuse_if_nothing_good()
            except BaseException:
                spool.close()
                self._sizes, self._refused = array("L"), []
                raise
            self._spool = spool
        return Path(self._spool.name)

    def _refuse_if_nothing_good(self) -> None:
        """A file whose every record is bad is refused whole, as before anything is written."""
        if self._refused and not self._sizes:
            errors = FileErrors(self.path, self.unit)
            for _, refusal in self._refused:
                errors.refuse(refusal)
            errors.raise_any()

    def _statements(self) -> Iterator[ox.Triple]:
        """Each record's distinct statements in a fixed order (so batches, and blank-node
        numbering, are the same on every run), its size noted in the spool's index."""
        limit = get_settings().input_max_statements
        total = 0
        for triples in self.convert():
            if isinstance(triples, RecordRefusal):
                self._refused.append((len(self._sizes), triples))
                continue
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
    statements: Iterator[Statement],
    sizes: array[int],
    refused: list[tuple[int, RecordRefusal]],
    batch_size: int,
) -> Iterator[RecordBatch]:
    """Records in order, a batch closed once it holds `batch_size` statements or more. A bad
    record rides with the batch of the next good record (the last batch takes those after
    the last good record)."""
    batch: list[Statement] = []
    index, good, taken = 0, 0, 0

    def refused_before(count: int) -> tuple[RecordRefusal, ...]:
        nonlocal taken
        start = taken
        while taken < len(refused) and refused[taken][0] < count:
            taken += 1
        return tuple(refusal for _, refusal in refused[start:taken])

    in_batch = 0
    for size in sizes:
        batch.extend(islice(statements, size))
        good, in_batch = good + 1, in_batch + 1
        if len(batch) >= batch_size and good < len(sizes):
            yield RecordBatch(index, batch, in_batch, refused_before(good))
            index, batch, in_batch = index + 1, [], 0
    if batch:  # the last batch: every bad record not yet told
        yield RecordBatch(index, batch, in_batch, refused_before(good + 1))
