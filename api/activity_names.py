"""Readable names for resources that have none of their own: a cycle activity is its kind, its
date and what it is about ("Vraagarticulatie 2019-09-12: Hoe kunnen we…"), never its key
(`articulation/q01`)."""

from __future__ import annotations

from typing import Any

from neo4j import Driver

from kennisgraaf.api.labels import name_from_props, term_label
from kennisgraaf.graph.naming import iri_for
from kennisgraaf.queries.runner import read

ABOUT_CHARS = 80  # what it is about, cut to this length


def activity_name(
    types: list[str], date: Any, about: dict[str, Any] | None, lang: str
) -> str | None:
    """'Kind date: about', from the parts that are known; None with neither a date nor a
    subject (a kind alone names nothing apart)."""
    if date is None and not about:
        return None
    kinds = sorted(label for t in types if (label := term_label(iri_for(t), lang)))
    head = " ".join(
        part for part in (kinds[0].capitalize() if kinds else "", str(date or "")) if part
    )
    subject = name_from_props(about, lang) if about else None
    if subject and len(subject) > ABOUT_CHARS:
        subject = subject[: ABOUT_CHARS - 1].rstrip() + "…"
    if head and subject:
        return f"{head}: {subject}"
    return head or subject


def activity_names(driver: Driver, database: str, iris: set[str], lang: str) -> dict[str, str]:
    """IRI → readable name, for those of `iris` the graph holds and something can name."""
    if not iris:
        return {}
    found = {}
    for r in read(driver, database, "ld.activity_names", iris=sorted(iris)):
        about = dict(r["about"]) if r["about"] is not None else None
        name = activity_name(list(r["types"]), r["date"], about, lang)
        if name:
            found[r["iri"]] = name
    return found
