"""A converted source refuses a bad record on its own: the good records are spooled and read in
batches, each bad one rides with the batch of the next good record to the report, and a file
without one good record is refused whole."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from kennisgraaf.errors import InputError
from kennisgraaf.loaders.converted_source import ConvertedSource, RecordBatch
from kennisgraaf.loaders.record_conversion import Converted, FieldError, RecordError, RecordRefusal

EX = "https://example.org/"
NAME = URIRef("http://xmlns.com/foaf/0.1/name")
PATH = Path("records.jsonl")


def _record(key: str, statements: int) -> list[tuple[URIRef, URIRef, Literal]]:
    return [(URIRef(f"{EX}{key}"), NAME, Literal(f"{key} {n}")) for n in range(statements)]


BAD_A = RecordRefusal.of(PATH, 2, 2, RecordError([FieldError("date", "not a date")], "KR2"))
BAD_B = RecordRefusal.of(PATH, 5, 7, FieldError("", "malformed JSON"))


def _source(*records: Converted) -> ConvertedSource:
    def convert() -> Iterator[Converted]:
        return iter(records)

    return ConvertedSource(PATH, "lines", convert)


def _mixed() -> ConvertedSource:
    # record 1 (2 statements), bad 2, record 3 (1), record 4 (2), bad 5
    return _source(_record("a", 2), BAD_A, _record("b", 1), _record("c", 2), BAD_B)


def test_bad_records_are_counted_apart_and_ride_with_the_next_good_record() -> None:
    source = _mixed()
    assert source.count() == 5
    assert (source.records_read, source.refused) == (5, [BAD_A, BAD_B])
    batches = [b for b in source.batches(1) if isinstance(b, RecordBatch)]
    told = [(len(b.statements), b.records, b.refused) for b in batches]
    # the bad record 2 comes before record 3, the bad record 5 after the last: the last batch
    assert told == [(2, 1, ()), (1, 1, (BAD_A,)), (2, 1, (BAD_B,))]
    whole = [b for b in source.batches(100) if isinstance(b, RecordBatch)]
    assert len(batches) == 3
    assert [(len(b.statements), b.records, b.refused) for b in whole] == [(5, 3, (BAD_A, BAD_B))]


def test_a_refusal_names_the_record_the_line_and_the_field() -> None:
    assert BAD_A.messages() == ["line 2 (KR2), field 'date': not a date"]
    assert BAD_B.messages() == ["line 7: malformed JSON"]
    in_array = RecordRefusal.of(PATH, 3, None, FieldError("sources[1].doi", "invalid DOI"))
    assert in_array.messages() == ["record 3, field 'sources[1].doi': invalid DOI"]
    assert BAD_A.as_json() == {
        "file": "records.jsonl",
        "record": 2,
        "line": 2,
        "identifier": "KR2",
        "problems": [{"field": "date", "reason": "not a date"}],
    }


def test_a_file_without_one_good_record_is_refused_whole() -> None:
    source = _source(BAD_A, BAD_B)
    with pytest.raises(InputError) as caught:
        source.count()
    assert str(caught.value) == (
        "records.jsonl: 2 errors\n  line 2 (KR2), field 'date': not a date\n"
        "  line 7: malformed JSON"
    )
