"""Reconciliation's cost bounds and Lucene query building, without a database."""

from __future__ import annotations

import difflib
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kennisgraaf.api.lucene import escape as lucene_escape
from kennisgraaf.api.reconciliation import (
    MAX_FUZZY_WORDS,
    MAX_IDENTIFIERS,
    MAX_INDEX_WORDS,
    CostLimits,
    clip,
    lucene_query,
    normalise,
    parse_batch,
    prefix_lucene_query,
    similarity,
)
from kennisgraaf.errors import InputError
from kennisgraaf.settings import Settings

# What may stand unescaped in a built query: our own operators, boosts, fields and quotes.
SPECIAL = '+-&|!(){}[]^"~*?:\\/'


def unescaped_specials(text: str) -> list[str]:
    found, escaped = [], False
    for c in text:
        if escaped:
            escaped = False
        elif c == "\\":
            escaped = True
        elif c in SPECIAL:
            found.append(c)
    return found


def test_escape_leaves_no_syntax() -> None:
    hostile = 'a:b OR *:* "x" (y) [1 TO 2] {z} ^3 ~1 !n && m || o \\ / ?'
    assert unescaped_specials(lucene_escape(hostile)) == []
    assert lucene_escape("10.5555/kg-sample.s01") == "10.5555\\/kg\\-sample.s01"


@given(st.text(max_size=300))
def test_a_query_text_becomes_only_words(text: str) -> None:
    built = lucene_query(text, {}, near_misses=True)
    words = normalise(text).split()
    if not words:
        assert built is None
        return
    assert built is not None
    # clauses are word^2, word* and word~1 joined by OR: nothing from the text is syntax
    for clause in built.split(" OR "):
        assert re.fullmatch(r"[0-9a-z]+(\^2|\*|~1)", clause), clause
    clauses = built.split(" OR ")
    assert len({re.sub(r"(\^2|\*|~1)$", "", c) for c in clauses}) <= MAX_INDEX_WORDS
    # Lucene's cap of 1,024 clauses after rewriting (prefix ≤ 16 terms, fuzzy ≤ 50)
    assert sum(c.endswith("~1") for c in clauses) <= MAX_FUZZY_WORDS
    assert MAX_INDEX_WORDS * 17 + MAX_FUZZY_WORDS * 50 + MAX_IDENTIFIERS < 1024


@given(st.text(max_size=60))
def test_identifiers_become_escaped_phrases_in_their_field(value: str) -> None:
    built = lucene_query("", {"doi": {value}})
    assert built is not None
    assert built.startswith('doi:"') and built.endswith('"^100')
    inner = built[len('doi:"') : -len('"^100')]
    assert unescaped_specials(inner) == []


def test_near_misses_only_when_asked() -> None:
    assert lucene_query("Lote Visser", {}) == "lote^2 OR lote* OR visser^2 OR visser*"
    assert lucene_query("Lote Visser", {}, near_misses=True) == (
        "lote^2 OR lote* OR lote~1 OR visser^2 OR visser* OR visser~1"
    )


def test_prefix_query_requires_every_word() -> None:
    assert prefix_lucene_query("Werkplaats Rijnv") == "+werkplaats +rijnv*"
    assert prefix_lucene_query("ayş") == "+ays*"
    assert prefix_lucene_query("*:* ()") is None


def test_clip_cuts_at_a_word() -> None:
    assert clip("short", 10) == "short"
    assert clip("Hanna Mulder Utrecht", 15) == "Hanna Mulder"  # "Utrecht" was cut: dropped
    assert clip("Hanna Mulder Utrecht", 12) == "Hanna Mulder"  # the cut falls on a space
    assert clip("x" * 50, 10) == "x" * 10  # one word: cut as it is


def test_the_batch_cap_and_the_text_cap() -> None:
    limits = CostLimits(max_batch=3, max_query_chars=20)
    with pytest.raises(InputError, match=r"at most 3 queries .*not 4"):
        parse_batch({f"q{i}": {"query": "x"} for i in range(4)}, limits)
    batch = parse_batch({"q": {"query": "Ayşe Demir " + "lang " * 100}}, limits)
    assert batch["q"].query == "Ayşe Demir lang lang"


def test_identifier_values_are_capped() -> None:
    values = [f"0000-0002-1825-{i:04d}" for i in range(MAX_IDENTIFIERS + 1)]
    with pytest.raises(InputError, match=f"query 'q': at most {MAX_IDENTIFIERS} property"):
        parse_batch({"q": {"properties": [{"pid": "orcid", "v": values}]}})


def test_limits_come_from_the_settings() -> None:
    settings = Settings(
        reconcile_max_batch=7,
        reconcile_max_query_chars=70,
        reconcile_candidates=17,
        reconcile_time_budget_s=1.5,
    )
    assert CostLimits.from_settings(settings) == CostLimits(7, 70, 17, 1.5)


@given(st.text(alphabet="abcde ", max_size=40), st.text(alphabet="abcde ", max_size=40))
def test_the_cheap_bound_is_never_below_the_score(a: str, b: str) -> None:
    a, b = normalise(a), normalise(b)
    assert similarity(a, b, exact=False) >= similarity(a, b)


def test_the_exact_score_is_difflibs() -> None:
    a, b = "hanna mulder", "hanna mulders"
    ratio = difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()
    dice = 2 * 1 / 4
    assert similarity(a, b) == round(100 * (ratio + dice) / 2, 1)


def test_public_url_is_checked_and_ends_in_a_slash() -> None:
    assert Settings(public_url="https://kg.example/api").public_base_url == (
        "https://kg.example/api/"
    )
    assert Settings(host="10.0.0.5", port=9000).public_base_url == "http://10.0.0.5:9000/"
    for bad in ("javascript:alert(1)", "kg.example", "https://kg.example/?x=1"):
        with pytest.raises(ValueError, match="public_url"):
            Settings(public_url=bad)
