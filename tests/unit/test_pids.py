"""kennisgraaf.graph.pids: identifiers recognised in the spellings people type, and their IRIs."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kennisgraaf.graph.model import natural_datatypes
from kennisgraaf.graph.pids import LINK, link_triples, pid_iri, recognise

ORCID = "0000-0002-1825-0097"  # ORCID's documented example iD


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("https://doi.org/10.1234/ABC", ("doi", "10.1234/abc")),
        ("http://dx.doi.org/10.1234/abc", ("doi", "10.1234/abc")),
        ("doi:10.1234/abc", ("doi", "10.1234/abc")),
        ("  10.1234/abc ", ("doi", "10.1234/abc")),
        (ORCID, ("orcid", ORCID)),
        (f"https://orcid.org/{ORCID}", ("orcid", ORCID)),
        (f"orcid.org/{ORCID}", ("orcid", ORCID)),
        ("0000000218250097", ("orcid", ORCID)),
        ("04pp8hn57", ("ror", "04pp8hn57")),
        ("https://ror.org/04PP8HN57", ("ror", "04pp8hn57")),
    ],
)
def test_an_identifier_in_any_common_spelling(text: str, expected: tuple[str, str]) -> None:
    assert recognise(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Kennisrotonde",
        "begrijpend lezen",
        "0000-0002-1825-0098",  # wrong check character
        "04pp8hn58",  # wrong check digits
        "10.1234",  # no suffix
        "https://ror.org/",
        "10.1234/abc extra",
    ],
)
def test_what_is_no_identifier_is_not_recognised(text: str) -> None:
    assert recognise(text) is None


def test_iris_resolve_and_escape_what_an_iri_cannot_hold() -> None:
    assert pid_iri("orcid", ORCID) == f"https://orcid.org/{ORCID}"
    assert pid_iri("ror", "https://ror.org/04pp8hn57") == "https://ror.org/04pp8hn57"
    doi = "10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-O"
    iri = pid_iri("doi", doi)
    assert iri == "https://doi.org/10.1002/(sici)1097-4571(199806)49:8%3C693::aid-asi4%3E3.0.co;2-o"
    ox.NamedNode(iri)  # a valid IRI


def test_links_come_from_identifier_properties_only() -> None:
    subject = ox.NamedNode("https://w3id.org/kennisgraaf/id/organisation/ror/04pp8hn57")
    props = {
        "iri": str(subject),
        "ror": "04pp8hn57",
        "doi": ["10.5555/a", "10.5555/b"],
        "orcid": "not an orcid",  # a malformed value gives no link
        "_restricted": ORCID,  # bookkeeping is never read
        "foaf_name": ORCID,
    }
    links = {str(t.object.value) for t in link_triples(subject, props, natural_datatypes())
             if isinstance(t.object, ox.NamedNode)}  # fmt: skip
    assert links == {
        "https://ror.org/04pp8hn57",
        "https://doi.org/10.5555/a",
        "https://doi.org/10.5555/b",
    }
    assert all(t.predicate.value == LINK for t in link_triples(subject, props, natural_datatypes()))
