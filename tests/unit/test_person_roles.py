"""A person shown by role only: the stand-in a page gives instead of their name."""

from __future__ import annotations

from kennisgraaf.api.person_roles import role_name

TEACHER = {
    "role_nl": ["leraar"], "role_en": ["teacher"], "kinds": ["School"], "sector": "PO",
    "region": "Utrecht",
}  # fmt: skip


def test_a_role_at_a_kind_of_organisation_in_a_region() -> None:
    assert role_name([TEACHER], "en") == "a teacher at a school (PO) in Utrecht"
    assert role_name([TEACHER], "nl") == "leraar bij een school (PO) in Utrecht"


def test_no_organisation_name_and_no_role_no_name() -> None:
    bare: dict[str, object] = {
        "role_en": "school leader",
        "kinds": [],
        "sector": None,
        "region": None,
    }
    assert role_name([bare], "en") == "a school leader at an organisation"
    assert role_name([], "nl") == "een persoon (naam niet gepubliceerd)"
    assert role_name([], "en") == "a person (name not published)"
