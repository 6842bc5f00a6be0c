"""A school and its municipality looked up in the register files themselves (DUO vestigingen,
CBS municipalities; data/registers by default), for loaders that meet a school by BRIN or by
name and place and must not mint an organisation of their own: read from local files, so a
conversion needs no database.

``resolve`` answers with the register's school (a location ``18BR01`` or an institution
``18BR``) and its municipality (``GM0106``), or with a note saying why not:

* a BRIN code: that location, or that institution (its municipality when all its locations are
  in one); a code the register does not hold is noted, never linked;
* else a name (folded as loaders/register_names.py folds it, a place appended cut off) and,
  when given, a place (the location's place or municipality): the one institution whose
  locations bear that name there — the location itself when it is one —; several institutions
  are ambiguous and noted, never guessed;
* a place alone (or with a school not found) gives the municipality when it names exactly one.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kennisgraaf.loaders.duo import COLUMNS
from kennisgraaf.loaders.register_names import fold, without_place

SHIPPED = Path(__file__).resolve().parents[1] / "data" / "registers"


@dataclass(frozen=True)
class Location:
    code: str  # 18BR01
    brin: str  # 18BR
    name: str  # folded
    municipality: str  # GM0106
    places: frozenset[str]  # folded place and municipality names


@dataclass(frozen=True)
class Resolution:
    school: str | None = None  # a BRIN code (institution or location)
    municipality: str | None = None  # a CBS code
    note: str | None = None  # why the school (or place) was not linked


def _cell(row: dict[str, str], field: str) -> str:
    return next((row[c].strip() for c in COLUMNS[field] if row.get(c)), "")


def read_locations(paths: Iterable[Path], municipality_names: dict[str, str]) -> list[Location]:
    found: list[Location] = []
    for path in paths:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle, delimiter=";"):
                brin, code = _cell(row, "brin"), _cell(row, "location")
                number = _cell(row, "municipality")
                if not (brin and code and number.isdigit()):
                    continue  # the duo loader refuses such a row; nothing to link to
                code = brin + code if len(code) == 2 else code
                municipality = "GM" + number.zfill(4)
                names = [row.get("PLAATSNAAM", ""), row.get("GEMEENTENAAM", "")]
                names.append(municipality_names.get(municipality, ""))
                found.append(
                    Location(
                        code, brin, fold(_cell(row, "name")), municipality,
                        frozenset(fold(n) for n in names if n.strip()),
                    )
                )  # fmt: skip
    return found


def read_municipalities(path: Path) -> dict[str, str]:
    """CBS code → name, from a cbs-regions file (code,name,province)."""
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return {r["code"]: r["name"] for r in csv.DictReader(handle) if r.get("code")}


class RegisterLookup:
    def __init__(self, locations: list[Location], municipalities: dict[str, str]) -> None:
        self.locations = {loc.code: loc for loc in locations}
        self.institutions: dict[str, list[Location]] = {}
        for loc in locations:
            self.institutions.setdefault(loc.brin, []).append(loc)
        self.places: dict[str, set[str]] = {}  # folded place → municipality codes
        for code, name in municipalities.items():
            self.places.setdefault(fold(name), set()).add(code)
        for loc in locations:
            for place in loc.places:
                self.places.setdefault(place, set()).add(loc.municipality)

    @classmethod
    def from_folder(cls, folder: Path) -> RegisterLookup:
        municipalities = read_municipalities(folder / "cbs" / "municipalities.csv")
        duo = sorted((folder / "duo").glob("*.csv"))
        return cls(read_locations(duo, municipalities), municipalities)

    def resolve(self, brin: str | None, name: str | None, place: str | None) -> Resolution:
        municipality = self._municipality(place)
        if brin:
            return self._by_brin(brin)
        if name:
            found = self._by_name(name, place)
            if found.school is not None or municipality is None:
                return found
            return Resolution(municipality=municipality, note=found.note)
        if place and municipality is None:
            return Resolution(note=f"the place {place!r} names no single municipality")
        return Resolution(municipality=municipality)

    def _municipality(self, place: str | None) -> str | None:
        codes = self.places.get(fold(place), set()) if place else set()
        return next(iter(codes)) if len(codes) == 1 else None

    def _by_brin(self, brin: str) -> Resolution:
        if brin in self.locations:
            return Resolution(brin, self.locations[brin].municipality)
        if brin in self.institutions:
            where = {loc.municipality for loc in self.institutions[brin]}
            return Resolution(brin, where.pop() if len(where) == 1 else None)
        return Resolution(note=f"BRIN {brin} is not in the register files")

    def _by_name(self, name: str, place: str | None) -> Resolution:
        folded = fold(name)
        matches = [loc for loc in self.locations.values() if loc.name == folded]
        if not matches and not place:  # "De Klimroos Utrecht": the place typed with the name
            for loc in self.locations.values():
                if without_place(folded, loc.places) == loc.name:
                    matches.append(loc)
        if place:
            matches = [loc for loc in matches if fold(place) in loc.places]
        brins = sorted({loc.brin for loc in matches})
        if not brins:
            return Resolution(note=f"no school named {name!r} in the register files")
        if len(brins) > 1:
            return Resolution(note=f"{name!r} names several schools ({', '.join(brins)})")
        if len(matches) == 1:
            return Resolution(matches[0].code, matches[0].municipality)
        where = {loc.municipality for loc in matches}
        return Resolution(brins[0], where.pop() if len(where) == 1 else None)


@lru_cache(maxsize=4)
def shipped_lookup(folder: Path = SHIPPED) -> RegisterLookup:
    """The lookup over a register folder, read once per process."""
    return RegisterLookup.from_folder(folder)
