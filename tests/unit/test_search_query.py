"""The search page's Lucene query: words as words or prefixes, and a text that is one
identifier also looked for, normalised and quoted, in that identifier's own field."""

from __future__ import annotations

import re

import pytest

from kennisgraaf.api.search import identifier_fields, lucene_query


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("https://doi.org/10.5555/KG-Sample.S01", ("doi", "10.5555/kg-sample.s01")),
        ("doi:10.5555/kg-sample.s01", ("doi", "10.5555/kg-sample.s01")),
        ("https://orcid.org/0000-0002-1825-0097", ("orcid", "0000-0002-1825-0097")),
        ("https://ror.org/04pp8hn57", ("ror", "04pp8hn57")),
        ("KR.1101", ("dcterms_identifier", "KR1101")),
        (" kr 1101 ", ("dcterms_identifier", "KR1101")),
        ("02uv05", ("brin", "02UV05")),
    ],
)
def test_an_identifier_is_looked_for_in_its_field(text: str, field: tuple[str, str]) -> None:
    assert field in identifier_fields(text)
    query = lucene_query(text)
    assert query is not None
    assert query.startswith(f'{field[0]}:"')  # its own field first, boosted
    assert re.sub(r"\\(.)", r"\1", query.split('"')[1]) == field[1]


@pytest.mark.parametrize("text", ["lezen", "begrijpend lezen groep 6", "Kennisrotonde"])
def test_words_are_no_identifier(text: str) -> None:
    assert identifier_fields(text) == []
    assert (
        lucene_query(text)
        == "("
        + " AND ".join(f"({w}^2 OR {w}*)" if len(w) > 1 else w for w in text.lower().split())
        + ")"
    )


@pytest.mark.parametrize("text", ['doi:10.1000/x") OR (*:*', 'a:b" OR *', "KR1) OR (*:*"])
def test_no_syntax_of_the_users_text_survives(text: str) -> None:
    query = lucene_query(text) or ""
    assert '") OR (' not in query and "*:*" not in query
    assert query.count('"') in (0, 2)
