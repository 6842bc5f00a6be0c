"""Identifier normalisation, check digits and IRI minting."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rdflib import URIRef

from kennisgraaf import identifiers as ids
from kennisgraaf.errors import InputError

BASE = "https://w3id.org/kennisgraaf/"

# --- DOI ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("10.1037/0033-2909.134.2.270", "10.1037/0033-2909.134.2.270"),
        ("https://doi.org/10.3102/003465430298487", "10.3102/003465430298487"),
        ("http://dx.doi.org/10.1080/ABC.Def", "10.1080/abc.def"),
        ("doi:10.1000/XyZ", "10.1000/xyz"),
        ("DOI: 10.1000/xyz", "10.1000/xyz"),
        ("  https://doi.org/10.1002/%28SICI%291097  ", "10.1002/(sici)1097"),
        ("10.1000/a%41", "10.1000/a%41"),  # a bare DOI is never percent-decoded
    ],
)
def test_doi_normal_form(raw: str, expected: str) -> None:
    assert ids.normalise_doi(raw) == expected


@pytest.mark.parametrize(
    "raw", ["", "11.1000/x", "10.12/x", "10.1000/", "10.1000/a b", "https://example.org/10.1/x"]
)
def test_bad_doi_is_refused_with_value_and_kind(raw: str) -> None:
    with pytest.raises(InputError) as caught:
        ids.normalise_doi(raw)
    assert str(caught.value) == f"invalid DOI {raw!r}: expected 10.<4-9 digits>/<suffix>"


# --- ORCID ----------------------------------------------------------------------------------


def test_orcid_forms() -> None:
    assert ids.normalise_orcid("0000-0002-1825-0097") == "0000-0002-1825-0097"
    assert ids.normalise_orcid("https://orcid.org/0000-0002-1825-0097") == "0000-0002-1825-0097"
    assert ids.normalise_orcid("0000000218250097") == "0000-0002-1825-0097"
    assert ids.normalise_orcid("0000-0002-1694-233x") == "0000-0002-1694-233X"
    assert ids.orcid_url("0000-0002-1825-0097") == "https://orcid.org/0000-0002-1825-0097"


def test_orcid_wrong_check_digit() -> None:
    with pytest.raises(InputError) as caught:
        ids.normalise_orcid("0000-0002-1825-0098")
    assert str(caught.value) == (
        "invalid ORCID iD '0000-0002-1825-0098': check character is 8, expected 7"
    )


def test_orcid_wrong_form() -> None:
    with pytest.raises(InputError, match="expected the form 0000-0000-0000-000X"):
        ids.normalise_orcid("0000-0002-1825")


# --- ROR ------------------------------------------------------------------------------------


@pytest.mark.parametrize("ror", ["04pp8hn57", "04dkp9463", "016xsfp80"])
def test_real_ror_ids_pass_the_checksum(ror: str) -> None:
    assert ids.normalise_ror(ror) == ror
    assert ids.normalise_ror(f"https://ror.org/{ror.upper()}") == ror


def test_ror_wrong_checksum_and_pattern() -> None:
    with pytest.raises(InputError, match="check digits are 58, expected 57"):
        ids.normalise_ror("04pp8hn58")
    with pytest.raises(InputError, match="expected 0 \\+ 6 base32"):
        ids.normalise_ror("14pp8hn57")
    with pytest.raises(InputError, match="expected 0 \\+ 6 base32"):
        ids.normalise_ror("04pl8hn57")  # 'l' is not a Crockford base32 digit


# --- BRIN, NRO, Kennisrotonde ---------------------------------------------------------------


def test_brin() -> None:
    assert ids.normalise_brin("00ab") == "00AB"
    assert ids.normalise_brin(" 21PC01 ") == "21PC01"
    for bad in ["0AB", "00A1", "00AB1", "ABCD"]:
        with pytest.raises(InputError, match=f"invalid BRIN code '{bad}'"):
            ids.normalise_brin(bad)


def test_nro_project_numbers() -> None:
    assert ids.normalise_nro_project("405-15-718") == "405-15-718"
    assert ids.normalise_nro_project("40.5.18300.018") == "40.5.18300.018"
    with pytest.raises(InputError, match="invalid NRO project number 'ABC-1'"):
        ids.normalise_nro_project("ABC-1")


@pytest.mark.parametrize("raw", ["KR.123", "kr123", "KR 123", "123", 123, "KR.0123"])
def test_kennisrotonde_numbers(raw: object) -> None:
    assert ids.normalise_kennisrotonde(raw) == "KR123"


def test_kennisrotonde_bad() -> None:
    with pytest.raises(InputError, match="invalid Kennisrotonde number 'Q-12'"):
        ids.normalise_kennisrotonde("Q-12")
    with pytest.raises(InputError, match="expected text"):
        ids.normalise_kennisrotonde(True)


def test_unknown_scheme() -> None:
    with pytest.raises(InputError, match="unknown identifier scheme 'isbn'"):
        ids.normalise("isbn", "978")


# --- IRIs -----------------------------------------------------------------------------------


def test_mint_iri_from_identifiers() -> None:
    assert ids.mint_identified_iri("person", "orcid", "https://orcid.org/0000-0002-1825-0097") == (
        URIRef(BASE + "id/person/orcid/0000-0002-1825-0097")
    )
    assert ids.mint_identified_iri("study", "doi", "https://doi.org/10.1002/(SICI)1097<x>#1") == (
        URIRef(BASE + "id/study/doi/10.1002/%28sici%291097%3Cx%3E%231")
    )
    assert ids.mint_identified_iri("organisation", "ror", "04pp8hn57", base="http://x.test") == (
        URIRef("http://x.test/id/organisation/ror/04pp8hn57")
    )


def test_mint_iri_escapes_dot_segments_and_refuses_bad_parts() -> None:
    assert ids.mint_iri("study", "doi/10.1000/..") == URIRef(BASE + "id/study/doi/10.1000/%2E%2E")
    with pytest.raises(InputError, match="invalid IRI kind 'Study'"):
        ids.mint_iri("Study", "x")
    with pytest.raises(InputError, match="the key is empty"):
        ids.mint_iri("study", "")
    # DOI suffixes may hold empty path segments; they stay in the IRI as written.
    assert ids.mint_identified_iri("study", "doi", "10.1000/a//b/") == URIRef(
        BASE + "id/study/doi/10.1000/a//b/"
    )


@pytest.mark.parametrize("kind", ["study\n", "study\nperson", "\nstudy"])
def test_an_iri_kind_with_a_newline_is_refused(kind: str) -> None:
    # A $-anchored re.match accepted "study\n": the newline reached the minted IRI.
    with pytest.raises(InputError, match="invalid IRI kind"):
        ids.mint_iri(kind, "x")


VALID = {
    "doi": "10.1000/xyz",
    "orcid": "0000-0002-1825-0097",
    "ror": "04pp8hn57",
    "brin": "12AB",
    "nro": "405-15-718",
    "kennisrotonde": "KR12",
}


@pytest.mark.parametrize("scheme", sorted(VALID))
@pytest.mark.parametrize("inside", ["\n", "\n\n", "\r\n", "\x00"])
def test_no_identifier_check_lets_a_control_character_through(scheme: str, inside: str) -> None:
    # Surrounding whitespace is trimmed; within the value a control character is refused, and
    # whatever the normaliser returns is free of them.
    assert ids.normalise(scheme, VALID[scheme] + "\n") == ids.normalise(scheme, VALID[scheme])
    value = VALID[scheme][:-1] + inside + VALID[scheme][-1]
    try:
        normal = ids.normalise(scheme, value)
    except ids.InvalidIdentifierError:
        return
    assert re.search(r"[\x00-\x1f]", normal) is None, normal


def test_slugs() -> None:
    assert ids.slugify("Academisch Bestuur Marcant-BSV") == "academisch-bestuur-marcant-bsv"
    assert ids.slugify("Onderzoekscoördinatoren") == "onderzoekscoordinatoren"
    assert ids.slugify("Research & Design") == "research-design"
    assert ids.slugify("VO-raad") == ids.slugify("VO raad")  # documented: the same thing
    assert re.fullmatch(r"h-[0-9a-f]{10}", ids.slugify("¿?"))
    long_a, long_b = "a" * 100 + " een", "a" * 100 + " twee"
    assert ids.slugify(long_a) != ids.slugify(long_b)
    assert len(ids.slugify(long_a)) <= ids.MAX_SLUG_LENGTH
    assert ids.mint_slug_iri("initiative", "GO Onderzoekt!") == URIRef(
        BASE + "id/initiative/go-onderzoekt"
    )


# --- Properties -----------------------------------------------------------------------------

_digits = st.text(alphabet="0123456789", min_size=15, max_size=15)


def _orcid(base: str) -> str:
    full = base + ids.orcid_check_character(base)
    return "-".join(full[i : i + 4] for i in range(0, 16, 4))


@given(_digits)
def test_computed_orcid_check_digit_is_accepted(base: str) -> None:
    orcid = _orcid(base)
    assert ids.normalise_orcid(orcid) == orcid
    assert ids.normalise_orcid(ids.orcid_url(orcid)) == orcid


@given(_digits, st.integers(min_value=0, max_value=15), st.integers(min_value=1, max_value=9))
def test_single_digit_corruption_of_orcid_is_refused(base: str, position: int, shift: int) -> None:
    digits = list(_orcid(base).replace("-", ""))
    if digits[position] == "X":
        digits[position] = str(shift)
    else:
        changed = (int(digits[position]) + shift) % 10
        digits[position] = str(changed)
    with pytest.raises(InputError):
        ids.normalise_orcid("".join(digits))


_ror_body = st.text(alphabet="0123456789abcdefghjkmnpqrstvwxyz", min_size=6, max_size=6)


@given(_ror_body)
def test_computed_ror_check_digits_are_accepted(body: str) -> None:
    ror = "0" + body + ids.ror_check_digits("0" + body)
    assert ids.normalise_ror(ror) == ror


_doi_suffix = st.text(
    alphabet=st.characters(blacklist_categories=("Zs", "Zl", "Zp", "Cc", "Cs")), min_size=1
)


@given(st.from_regex(r"10\.[0-9]{4,9}", fullmatch=True), _doi_suffix, st.sampled_from(["", "doi:"]))
def test_doi_normalisation_is_idempotent(prefix: str, suffix: str, scheme: str) -> None:
    try:
        once = ids.normalise_doi(f"{scheme}{prefix}/{suffix}")
    except InputError:
        return
    assert ids.normalise_doi(once) == once
    if "%" not in once:  # the URL form is percent-decoded; without escapes it is the same DOI
        assert ids.normalise_doi(f"https://doi.org/{once}") == once


@given(st.sampled_from(sorted(ids.NORMALISERS)), st.text(max_size=30))
def test_every_normaliser_is_idempotent(scheme: str, raw: str) -> None:
    try:
        once = ids.normalise(scheme, raw)
    except InputError:
        return
    assert ids.normalise(scheme, once) == once


@given(st.text(max_size=200))
def test_slugs_are_stable_and_url_safe(name: str) -> None:
    slug = ids.slugify(name)
    assert slug == ids.slugify(name)
    assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug)
    assert len(slug) <= ids.MAX_SLUG_LENGTH
