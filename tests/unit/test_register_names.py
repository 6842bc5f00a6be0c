"""The folding of organisation names that linking and reconciliation compare
(loaders/register_names.py): each step of the documented normalisation, and what it must not
fold together."""

from __future__ import annotations

import pytest

from kennisgraaf.loaders.register_names import contains_phrase, distinctive, fold, without_place


@pytest.mark.parametrize(
    ("written", "folded"),
    [
        ("  Gomarus   College ", "gomarus college"),  # case and whitespace
        ("Fryslân", "fryslan"),  # accents
        ("Ökumenische Schüle", "okumenische schule"),
        ("Stad & Esch", "stad en esch"),  # & read as "en"
        ("O.B.S. De Klimroos", "openbaar basisschool de klimroos"),  # initialism, abbreviation
        ("OBS De Klimroos", "openbaar basisschool de klimroos"),
        ("RSG Wolfsbos", "regionaal scholengemeenschap wolfsbos"),
        ("CSG Vincent van Gogh", "christelijk scholengemeenschap vincent van gogh"),
        ("PCBS De Wegwijzer", "protestants christelijk basisschool de wegwijzer"),
        ("KBS Sint Jozef", "katholiek basisschool sint jozef"),
        ("SBO De Sprong", "speciaal basisschool de sprong"),
        ("Christelijke Scholengemeenschap", "christelijk scholengemeenschap"),  # inflection
        ("'s-Gravenhage", "s gravenhage"),  # apostrophe and hyphen
        ("Stichting Openbaar Onderwijs Groningen", "openbaar onderwijs groningen"),  # legal form
        ("Porticus Amsterdam C.V.", "porticus amsterdam"),
        ("Coöperatie Zuid U.A.", "zuid"),
        ("Stichting", "stichting"),  # nothing else left: kept
        ("Dr. Nassau College", "dr nassau college"),
    ],
)
def test_fold(written: str, folded: str) -> None:
    assert fold(written) == folded


def test_written_and_abbreviated_forms_fold_alike() -> None:
    assert fold("Openbare Basisschool De Klimroos") == fold("obs de klimroos")
    assert fold("Regionale Scholengemeenschap Wolfsbos") == fold("R.S.G. Wolfsbos")


def test_different_names_stay_different() -> None:
    assert fold("De Klimroos") != fold("OBS De Klimroos")  # the school type is part of the name
    assert fold("Obsidiaan") == "obsidiaan"  # only a whole word is an abbreviation
    assert fold("Universiteit Utrecht") != fold("Theologische Universiteit Utrecht")


def test_distinctive_words() -> None:
    assert distinctive(fold("Gomarus College"))
    assert not distinctive(fold("OBS"))
    assert not distinctive(fold("Christelijke Scholengemeenschap voor VWO"))
    assert not distinctive(fold("Universiteit Utrecht"), places=("Utrecht",))
    assert distinctive(fold("Universiteit Utrecht"))


def test_a_place_is_cut_from_the_end_or_start_only() -> None:
    assert without_place(fold("De Klimroos Utrecht"), ["Utrecht"]) == "de klimroos"
    assert without_place(fold("Utrecht, De Klimroos"), ["Utrecht"]) == "de klimroos"
    assert without_place(fold("Stad en Esch Meppel"), ["Aa en Hunze", "MEPPEL"]) == "stad en esch"
    assert without_place(fold("Hogeschool Utrecht Noord"), ["Utrecht"]) is None
    assert without_place(fold("Utrecht"), ["Utrecht"]) is None  # a place alone names no school


def test_contains_phrase_whole_words_in_order() -> None:
    name = fold("Openbare Scholengemeenschap Dr Nassau College voor Vwo")
    assert contains_phrase("nassau college", name)
    assert not contains_phrase("college nassau", name)
    assert not contains_phrase("assau college", name)
