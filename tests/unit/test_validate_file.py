"""The gate without a database (`kennisgraaf validate`): what it reports, each thing once."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from rdflib import Literal
from rdflib.namespace import PROV, XSD

from kennisgraaf.errors import InputError
from kennisgraaf.loaders.pipeline import LoadOptions, validate_file

ARTICULATION = """
@prefix kg: <https://w3id.org/kennisgraaf/def#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
<https://example.org/a1> a kg:QuestionArticulation ;
    prov:wasAssociatedWith <https://example.org/p1> .
<https://example.org/p1> a kg:Person .
"""


def test_a_resource_held_back_and_validated_again_is_warned_about_once(tmp_path: Path) -> None:
    path = tmp_path / "articulation.ttl"
    path.write_text(ARTICULATION, encoding="utf-8")
    options = LoadOptions(base_iri="https://example.org/", quarantine_dir=tmp_path / "q")
    report = validate_file(path, options)
    # a1 fails (no function, no date), so it is held back and validated again at the end.
    assert {r.focus for r in report.rejections} == {
        "https://example.org/a1",
        "https://example.org/p1",
    }
    assert [(w.focus, w.path) for w in report.warnings] == [
        ("https://example.org/a1", f"^{PROV.wasGeneratedBy}")
    ]


@pytest.mark.parametrize("name", ["abc\n", "a\rforged log line", "x\u2028y", "s" * 201, ""])
def test_a_source_name_with_control_characters_or_overlong_is_refused(
    tmp_path: Path, name: str
) -> None:
    path = tmp_path / "articulation.ttl"
    path.write_text(ARTICULATION, encoding="utf-8")
    options = LoadOptions(base_iri="https://example.org/", source=name or None)
    if not name:  # no --source: the file's name is the source's, and it is fine
        assert validate_file(path, options).source == "articulation.ttl"
        return
    with pytest.raises(InputError, match="source name"):
        validate_file(path, options)


def test_a_source_name_with_spaces_and_accents_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "Kennisrotonde export één.ttl"
    path.write_text(ARTICULATION, encoding="utf-8")
    report = validate_file(path, LoadOptions(base_iri="https://example.org/"))
    assert report.source == "Kennisrotonde export één.ttl"


ILL_TYPED = """
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<https://example.org/s1> dcterms:date "abc"^^xsd:date .
"""


def test_an_ill_typed_literal_is_reported_not_logged_with_a_traceback(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "dirty.ttl"
    path.write_text(ILL_TYPED, encoding="utf-8")
    options = LoadOptions(base_iri="https://example.org/", quarantine_dir=tmp_path / "q")
    with caplog.at_level(logging.WARNING, logger="rdflib.term"):
        report = validate_file(path, options)
        assert {(r.focus, r.path) for r in report.rejections} == {
            ("https://example.org/s1", "http://purl.org/dc/terms/date")
        }
        assert [r for r in caplog.records if r.name == "rdflib.term"] == []
        # outside a validation rdflib's own warning is left as it was
        Literal("abc", datatype=XSD.date)
        assert [r.name for r in caplog.records] == ["rdflib.term"]
