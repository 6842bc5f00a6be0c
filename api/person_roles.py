"""What a page shows for a person who may not be named publicly: their role, never their name.

"a teacher at a school (PO) in Utrecht" / "leraar bij een school (PO) in Utrecht", from the
first role they hold (the role's label, the organisation's kind, sector and region — not the
organisation's name, which with a role could single the person out); "a person (name not
published)" when they hold no role. See README "Personal data".
"""

from __future__ import annotations

from typing import Any

from neo4j import Driver

from kennisgraaf.api.i18n import translate
from kennisgraaf.api.labels import term_label
from kennisgraaf.graph.naming import iri_for
from kennisgraaf.queries.runner import read


def _text(value: Any) -> str | None:
    if isinstance(value, list):
        return str(sorted(value)[0]) if value else None
    return None if value is None else str(value)


def _a(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"


def role_name(roles: list[dict[str, Any]], lang: str) -> str:
    """The public stand-in for a person's name, from the roles they hold."""
    for role in roles:
        label = _text(role.get(f"role_{lang}")) or _text(role.get("role_en"))
        if not label:
            continue
        kinds = sorted(role.get("kinds") or [])
        kind = (term_label(iri_for(kinds[0]), lang) if kinds else None) or translate(
            lang, "organisation"
        )
        # English puts "a" or "an" before each; a translation may leave them out.
        text = translate(lang, "%(a)s %(role)s at %(a_kind)s %(kind)s") % {
            "a": _a(label), "role": label, "a_kind": _a(kind), "kind": kind,
        }  # fmt: skip
        if sector := _text(role.get("sector")):
            text += f" ({sector})"
        if region := _text(role.get("region")):
            text += f" in {region}"
        return text
    return translate(lang, "a person (name not published)")


def role_names(driver: Driver, database: str, iris: set[str], lang: str) -> dict[str, str]:
    """IRI → role stand-in, for those of `iris` that are people shown by role only."""
    if not iris:
        return {}
    rows = read(driver, database, "ld.person_roles", iris=sorted(iris))
    return {r["iri"]: role_name(list(r["roles"]), lang) for r in rows}
