"""What changed between two releases of a register: entries opened, closed, merged, renamed,
moved.

An entry is a register's unit with its identifier, name and place: a DUO school location
(BRIN + location number, its name, its municipality), a ROR organisation (ROR ID, display name,
city), a CBS municipality (GM code, Dutch name, province). Both releases are read as statements
(subject → predicate → values): the previous one as the graph holds what the register's source
said, the new one from the file about to be loaded. So the comparison is the same whatever the
file format.

An entry whose register status is not active (ROR's inactive and withdrawn records) counts as
closed. A closed entry is *merged* when the data says where it went: the new release names its
successor (ROR's successor and predecessor relations), or an opened entry carries its name in
the same place under another identifier (a DUO location moved to another BRIN).
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

KG = "https://w3id.org/kennisgraaf/def#"
FOAF_NAME = "http://xmlns.com/foaf/0.1/name"
SKOS = "http://www.w3.org/2004/02/skos/core#"

# subject → predicate → {(value, language)}; an IRI value is the IRI itself.
Facts = dict[str, dict[str, set[tuple[str, str | None]]]]


@dataclass(frozen=True)
class EntryRule:
    """Which statements make an entry of a register: its identifier, name and place."""

    identifier: str
    name: str
    place: str
    name_lang: str | None = None  # only names in this language
    identifier_length: int | None = None  # only identifiers this long (DUO: locations)
    place_is_link: bool = False  # the place is an IRI: the entry keeps its last segment
    status: str | None = None  # the register's status (an IRI): an entry not open counts closed


RULES: Mapping[str, EntryRule] = {
    "duo": EntryRule(KG + "brin", FOAF_NAME, KG + "inRegion", None, 6, True),
    "ror": EntryRule(KG + "ror", FOAF_NAME, KG + "region", status=KG + "registerStatus"),
    "cbs-regions": EntryRule(
        KG + "cbsCode", SKOS + "prefLabel", SKOS + "broader", "nl", None, True
    ),
}
KINDS_OF_CHANGE = ("opened", "closed", "merged", "renamed", "moved")
# Relationship predicates a rule reads (to ask the graph only for those).
LINKS = sorted(
    {r.place for r in RULES.values() if r.place_is_link}
    | {r.status for r in RULES.values() if r.status}
)
OPEN = "/active"  # the end of the open status's IRI (def/register-status/active)


@dataclass(frozen=True)
class Entry:
    identifier: str
    name: str
    place: str


def add_fact(facts: Facts, s: str, p: str, value: str, lang: str | None = None) -> None:
    facts.setdefault(s, defaultdict(set))[p].add((value, lang))


def entries(facts: Facts, rule: EntryRule) -> dict[str, Entry]:
    """The register's entries in `facts`, by identifier (one value of each, the least)."""
    found: dict[str, Entry] = {}
    for said in facts.values():
        ids = sorted(v for v, _ in said.get(rule.identifier, ()))
        if not ids or (rule.identifier_length and len(ids[0]) != rule.identifier_length):
            continue
        if rule.status and any(not v.endswith(OPEN) for v, _ in said.get(rule.status, ())):
            continue  # inactive or withdrawn: not (or no longer) an open entry
        names = sorted(v for v, lang in said.get(rule.name, ()) if rule.name_lang in (None, lang))
        places = sorted(v for v, _ in said.get(rule.place, ()))
        place = places[0] if places else ""
        if rule.place_is_link:
            place = place.rstrip("/").rsplit("/", 1)[-1]
        found[ids[0]] = Entry(ids[0], names[0] if names else "", place)
    return found


def _normalised(name: str) -> str:
    text = unicodedata.normalize("NFKD", name.casefold())
    return " ".join("".join(c for c in text if c.isalnum() or c.isspace()).split())


@dataclass
class Changes:
    opened: list[Entry] = field(default_factory=list)
    closed: list[Entry] = field(default_factory=list)
    merged: list[tuple[Entry, str]] = field(default_factory=list)  # (closed entry, successor)
    renamed: list[tuple[Entry, str]] = field(default_factory=list)  # (new entry, old name)
    moved: list[tuple[Entry, str]] = field(default_factory=list)  # (new entry, old place)

    def counts(self) -> dict[str, int]:
        return {
            k: len(getattr(self, k)) for k in ("opened", "closed", "merged", "renamed", "moved")
        }

    def as_json(self) -> dict[str, object]:
        def e(entry: Entry) -> dict[str, str]:
            return {"id": entry.identifier, "name": entry.name, "place": entry.place}

        return {
            "counts": self.counts(),
            "opened": [e(x) for x in self.opened],
            "closed": [e(x) for x in self.closed],
            "merged": [{**e(x), "into": into} for x, into in self.merged],
            "renamed": [{**e(x), "old_name": old} for x, old in self.renamed],
            "moved": [{**e(x), "old_place": old} for x, old in self.moved],
        }


def rows_of(report: Mapping[str, Any]) -> Iterator[tuple[str, str, str, str]]:
    """(change, identifier, name, detail) of a change report as JSON (Changes.as_json), for a
    table."""
    details: dict[str, Callable[[Mapping[str, str]], str]] = {
        "opened": lambda x: x["place"],
        "closed": lambda x: x["place"],
        "merged": lambda x: f"into {x['into']}",
        "renamed": lambda x: f"was {x['old_name']!r}",
        "moved": lambda x: f"{x['old_place']} → {x['place']}",
    }
    for change, detail in details.items():
        for item in report.get(change, []):
            yield change, item["id"], item["name"], detail(item)


def compare(
    old: Mapping[str, Entry], new: Mapping[str, Entry], successors: Mapping[str, str] = {}
) -> Changes:
    """The changes from release `old` to release `new`, each list sorted by identifier.
    `successors`: identifier → its successor's, as the new release states them."""
    changes = Changes()
    gone = sorted(set(old) - set(new))
    came = sorted(set(new) - set(old))
    by_name_place = {(_normalised(new[i].name), new[i].place): i for i in came}
    for identifier in gone:
        entry = old[identifier]
        into = successors.get(identifier) or by_name_place.get(
            (_normalised(entry.name), entry.place)
        )
        if into:
            changes.merged.append((entry, into))
        else:
            changes.closed.append(entry)
    changes.opened = [new[i] for i in came]
    for identifier in sorted(set(old) & set(new)):
        before, after = old[identifier], new[identifier]
        if before.name != after.name:
            changes.renamed.append((after, before.name))
        if before.place != after.place:
            changes.moved.append((after, before.place))
    return changes
