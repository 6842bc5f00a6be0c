"""Which SHACL engine gates: the setting gate_engine for loads (Jena by default), pyshacl —
the validator of record — for `kennisgraaf validate` and POST /validate whatever the setting."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from kennisgraaf.errors import ConfigurationError
from kennisgraaf.loaders.gate import engine_chosen, gate
from kennisgraaf.loaders.options import LoadOptions
from kennisgraaf.loaders.pipeline import validate_file
from kennisgraaf.ontology import jena_gate
from kennisgraaf.settings import Settings

GENID = "https://w3id.org/kennisgraaf/.well-known/genid/"
PERSON = ("https://example.org/p", "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
          "https://w3id.org/kennisgraaf/def#Person")  # fmt: skip


def test_loads_gate_with_jena_by_default() -> None:
    assert Settings().gate_engine == "jena"


def test_validate_file_uses_pyshacl_even_when_loads_use_jena(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    used: list[str] = []
    real = jena_gate.validate_batch

    def spy(*args: object, **kwargs: object) -> object:
        used.append("jena")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(jena_gate, "validate_batch", spy)
    path = tmp_path / "person.ttl"
    path.write_text("<https://example.org/p> a <https://w3id.org/kennisgraaf/def#Person> .\n")
    report = validate_file(path, LoadOptions(base_iri="https://example.org/"))
    assert report.rejected_resources  # a person without a name: validated, and rejected
    assert used == []
    with engine_chosen("jena"):  # a load's choice does not reach the validator of record
        validate_file(path, LoadOptions(base_iri="https://example.org/"))
    assert used == []
    gate([PERSON], Graph(), genid=GENID)  # the load gate: the setting's engine
    assert used == ["jena"]


def test_an_engine_chosen_for_a_context_wins_over_the_setting(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse(*args: object, **kwargs: object) -> object:
        raise AssertionError("jena was not chosen")

    monkeypatch.setattr(jena_gate, "validate_batch", refuse)
    with engine_chosen("pyshacl"):
        outcome = gate([PERSON], Graph(), genid=GENID)
    assert outcome.rejected_subjects == {PERSON[0]}


def test_an_unknown_engine_is_refused() -> None:
    with (
        pytest.raises(ConfigurationError, match="unknown gate engine 'shaclex'"),
        engine_chosen("shaclex"),
    ):
        pass
