"""What a load does with erased people (graph/erasure_map.py), what the erasure does to files
(graph/erasure_files.py) and the site secret that keys every hash (kennisgraaf.site_secret)."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pyoxigraph as ox

from kennisgraaf.graph.erasure_files import REDACTED, Scrubber, scrub_files
from kennisgraaf.graph.erasure_map import ERASED_NAME, ErasedPeople, Hasher
from kennisgraaf.graph.mapping import RDF_TYPE, Resolved
from kennisgraaf.settings import Settings
from kennisgraaf.site_secret import keyed_hash, site_secret

ID = "https://w3id.org/kennisgraaf/id/"
PERSON = ID + "person/jan-jansen"
MEMBERSHIP = ID + "membership/jan-jansen--school"
STAND_IN = ID + "person/erased/0123456789abcdef0123"
FOAF = "http://xmlns.com/foaf/0.1/"
ORCID = "https://w3id.org/kennisgraaf/def#orcid"
HASHER = Hasher(b"k" * 32)


def _erased() -> ErasedPeople:
    return ErasedPeople(
        {
            HASHER.iri(PERSON): (STAND_IN, True),
            HASHER.iri(MEMBERSHIP): (ID + "erased/aaaa", False),
        },
        frozenset(HASHER.values("0000-0002-9990-0038")),
        HASHER,
    )


def test_statements_about_an_erased_person_are_said_of_the_stand_in_without_literals() -> None:
    erased = _erased()
    q = ID + "question/q1"
    given: list[Resolved] = [
        (PERSON, RDF_TYPE, "https://w3id.org/kennisgraaf/def#Person", None),
        (PERSON, FOAF + "name", ox.Literal("Jan Jansen"), None),
        (PERSON, ORCID, ox.Literal("0000-0002-9990-0038"), None),
        (q, "http://www.w3.org/ns/prov#wasAssociatedWith", PERSON, None),
        (MEMBERSHIP, "http://www.w3.org/ns/org#member", PERSON, None),
        (MEMBERSHIP, "https://w3id.org/kennisgraaf/def#startDate", ox.Literal("2020"), None),
        # the ORCID iD given elsewhere, as a URL: dropped too
        (ID + "person/other", ORCID, ox.Literal("https://orcid.org/0000-0002-9990-0038"), None),
        (ID + "person/other", FOAF + "name", ox.Literal("Jan Jansen"), None),  # a namesake
    ]
    out = erased.apply(given)
    assert out == [
        (STAND_IN, RDF_TYPE, "https://w3id.org/kennisgraaf/def#Person", None),
        (STAND_IN, FOAF + "name", ox.Literal(ERASED_NAME), None),
        (q, "http://www.w3.org/ns/prov#wasAssociatedWith", STAND_IN, None),
        (ID + "erased/aaaa", "http://www.w3.org/ns/org#member", STAND_IN, None),
        (
            ID + "erased/aaaa",
            "https://w3id.org/kennisgraaf/def#startDate",
            ox.Literal("2020"),
            None,
        ),
        (ID + "person/other", FOAF + "name", ox.Literal("Jan Jansen"), None),
    ]
    assert erased.met == {STAND_IN} and erased.dropped == 2


def test_nothing_erased_changes_nothing() -> None:
    empty = ErasedPeople({}, frozenset(), HASHER)
    given: list[Resolved] = [(PERSON, FOAF + "name", ox.Literal("Jan Jansen"), None)]
    assert not empty and empty.apply(given) is given and not empty.met


def test_hashes_are_keyed() -> None:
    assert Hasher(b"a" * 32).iri(PERSON) != Hasher(b"b" * 32).iri(PERSON)
    assert HASHER.iri(PERSON) != HASHER.value(PERSON)  # each purpose its own hash
    assert HASHER.value("0000-0002-9990-0038") in HASHER.values(
        "https://orcid.org/0000-0002-9990-0038"
    )


def test_files_keep_the_rejected_statement_but_not_the_person(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    ttl = tmp_path / "sub" / "x.rejected.ttl"
    ttl.write_text(f'<{PERSON}> <{FOAF}name> "Jan Jansen" .\n', encoding="utf-8")
    jsonl = tmp_path / "x.records.jsonl"
    jsonl.write_text(json.dumps({"problem": "Jan Jansen: no consent"}) + "\n", encoding="utf-8")
    untouched = tmp_path / "y.report.ttl"
    untouched.write_text("<urn:a> <urn:b> <urn:c> .\n", encoding="utf-8")
    scrubber = Scrubber({PERSON: STAND_IN}, ["Jan Jansen"])
    assert scrub_files([tmp_path, tmp_path / "missing"], scrubber) == [ttl, jsonl]
    text = ttl.read_text(encoding="utf-8")
    assert STAND_IN in text and REDACTED in text and "Jan" not in text and PERSON not in text
    assert json.loads(jsonl.read_text(encoding="utf-8")) == {"problem": f"{REDACTED}: no consent"}
    assert untouched.read_text(encoding="utf-8") == "<urn:a> <urn:b> <urn:c> .\n"


def test_the_site_secret_is_generated_once_privately_unless_a_setting_gives_it(
    tmp_path: Path,
) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    first = site_secret(settings)
    path = tmp_path / "data" / "site-secret"
    assert len(first) == 64 and stat.S_IMODE(path.stat().st_mode) == 0o600
    assert site_secret(settings) == first
    given = Settings(data_dir=tmp_path / "other", site_secret="s" * 40)
    assert site_secret(given) == b"s" * 40 and not (tmp_path / "other").exists()
    assert keyed_hash("person", "Jan", settings) != keyed_hash("person", "Jan", given)
