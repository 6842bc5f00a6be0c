"""DUO's school register (BRIN, CC0) → RDF: every school location with its institution, board,
sector and municipality.

Input: one of DUO's "alle vestigingen" CSV files as published (semicolon-separated, UTF-8; DUO
serves Windows-1252: duo_rebuild.py converts it). The columns read (``*``
required, every other column is ignored)::

    VESTIGINGSCODE*        BRIN + 2-digit location number, 18BR01   → id/organisation/brin/18BR01
    INSTELLINGSCODE*       the BRIN of the institution, 18BR        → id/organisation/brin/18BR
    VESTIGINGSNAAM*        the location's name
    BEVOEGD GEZAG NUMMER*  the board (bevoegd gezag), 10053   → id/organisation/bevoegd-gezag/10053
    BEVOEGD GEZAG NAAM     the board's name, where the file has it (else "bevoegd gezag 10053")
    GEMEENTENUMMER*        the CBS municipality number, 0106        → kg:inRegion id/region/GM0106
    ONDERWIJSSTRUCTUUR*    the register's school types (HAVO/VWO, PRO, BRUGJAAR …) → kg:sector
                           (primary files: SOORT PRIMAIR ONDERWIJS, BAO/SBAO)
    STRAATNAAM, HUISNUMMER-TOEVOEGING, POSTCODE, PLAATSNAAM
                           the location's visiting address → schema:address, a
                           schema:PostalAddress id/address/brin/18BR01 with schema:streetAddress
                           "Zwartwatersweg 202", schema:postalCode "9406 NN",
                           schema:addressLocality "ASSEN" (as DUO writes it)
    DENOMINATIE            the school's foundation (Openbaar, Rooms-Katholiek, …) → kg:denomination,
                           a concept of def/denomination (DUO's text in any case, spaces as '-';
                           "Samenwerking PC, RK" and the like → samenwerking); an unknown value
                           refuses the row, so the scheme is widened, never guessed

Older releases name the BRIN columns BRIN NUMMER and VESTIGINGSNUMMER (two digits); both are read.
A location is a kg:School, org:subOrganizationOf its institution (a kg:School named after its
lowest-numbered location in the file) and its board (a kg:SchoolBoard with kg:boardNumber and
its name, "bevoegd gezag 10053" while no file with BEVOEGD GEZAG NAAM is read); the municipality is
only linked (the region register describes it). A bad row is refused on its own, naming its
line and columns; a location given twice is refused the second time.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import FOAF, ORG, RDF

from kennisgraaf import identifiers
from kennisgraaf.errors import InputError
from kennisgraaf.loaders import prescan
from kennisgraaf.loaders.converted_source import ConvertedSource
from kennisgraaf.loaders.csv_rows import csv_rows
from kennisgraaf.loaders.record_agents import KG
from kennisgraaf.loaders.record_conversion import (
    Converted,
    FieldError,
    RdfTriple,
    RecordError,
    RecordRefusal,
)
from kennisgraaf.loaders.seed_facts import region_iri
from kennisgraaf.loaders.source_kind import SourceKind, SourceOptions

SECTOR = "https://w3id.org/kennisgraaf/def/sector/"
DENOMINATION = "https://w3id.org/kennisgraaf/def/denomination/"
SCHEMA = Namespace("https://schema.org/")
# The notations of the denomination scheme (ontology/vocabularies.ttl, def/denomination).
DENOMINATIONS = frozenset(
    {
        *("openbaar", "bijzonder", "algemeen-bijzonder", "rooms-katholiek"),
        *("protestants-christelijk", "reformatorisch", "gereformeerd-vrijgemaakt", "evangelisch"),
        *("islamitisch", "hindoeistisch", "joods", "antroposofisch", "interconfessioneel"),
        *("samenwerking", "overige"),
    }
)
# The register's school types (ONDERWIJSSTRUCTUUR, SOORT PRIMAIR ONDERWIJS) → the sector scheme.
SECTORS: Mapping[str, str] = {
    **dict.fromkeys(("PRO", "VBO", "MAVO", "HAVO", "VWO", "BRUGJAAR", "VMBO", "KOVO"), "VO"),
    **dict.fromkeys(("BAO", "SBAO"), "PO"),
    **dict.fromkeys(("SO", "VSO"), "SO"),
}
# Each column read and the older release's name for it.
COLUMNS: Mapping[str, tuple[str, ...]] = {
    "location": ("VESTIGINGSCODE", "VESTIGINGSNUMMER"),
    "brin": ("INSTELLINGSCODE", "BRIN NUMMER"),
    "name": ("VESTIGINGSNAAM",),
    "board": ("BEVOEGD GEZAG NUMMER",),
    "municipality": ("GEMEENTENUMMER",),
    "types": ("ONDERWIJSSTRUCTUUR", "SOORT PRIMAIR ONDERWIJS"),
}
OPTIONAL = {
    "board_name": ("BEVOEGD GEZAG NAAM",),
    "street": ("STRAATNAAM",),
    "number": ("HUISNUMMER-TOEVOEGING", "HUISNUMMER"),
    "postcode": ("POSTCODE",),
    "place": ("PLAATSNAAM",),
    "denomination": ("DENOMINATIE",),
}
_BRIN = re.compile(r"[0-9]{2}[A-Z]{2}")


@dataclass(frozen=True)
class Location:
    code: str  # BRIN + location number, 18BR01
    brin: str
    name: str
    board: str
    board_name: str
    municipality: str  # GM0106
    sector: str  # a notation of the sector scheme
    street: str = ""  # street and house number, "Zwartwatersweg 202"
    postcode: str = ""
    place: str = ""
    denomination: str = ""  # a notation of the denomination scheme, or "" when not given


def _columns(header: list[str]) -> dict[str, str]:
    """The file's column for each field read; InputError naming line 1 if one is missing."""
    found: dict[str, str] = {}
    missing: list[str] = []
    for field, names in {**COLUMNS, **OPTIONAL}.items():
        present = [n for n in names if n in header]
        if present:
            found[field] = present[0]
        elif field in COLUMNS:
            missing.append(" or ".join(names))
    if missing:
        raise InputError(f"line 1: not a DUO vestigingen file, missing column {', '.join(missing)}")
    return found


def parse_row(cells: Mapping[str, str], columns: Mapping[str, str]) -> Location:
    """A checked :class:`Location`; every bad column of the row raised in one RecordError."""
    errors: list[FieldError] = []

    def cell(field: str, check: Callable[[str], str] | None = None) -> str:
        column = columns.get(field, "")
        value = cells.get(column, "").strip() if column else ""
        try:
            if field in COLUMNS and not value:
                raise FieldError(column, "empty; the register gives it for every location")
            return check(value) if check and value else value
        except FieldError as e:
            errors.append(FieldError(column, e.reason) if not e.field else e)
            return ""

    brin = cell("brin", _brin)
    code = cell("location", lambda v: _location(v, brin))
    board = cell("board", lambda v: _digits(v, "a bevoegd-gezag", 6, pad=False))
    location = Location(
        code=code,
        brin=brin,
        name=cell("name"),
        board=board,
        board_name=cell("board_name") or f"bevoegd gezag {board}",
        municipality="GM" + cell("municipality", lambda v: _digits(v, "a municipality", 4, True)),
        sector=cell("types", _sector),
        street=" ".join(p for p in (cell("street"), cell("number")) if p),
        postcode=cell("postcode"),
        place=cell("place"),
        denomination=cell("denomination", _denomination),
    )
    if errors:
        raise RecordError(errors, code or None)
    return location


def _brin(value: str) -> str:
    if not _BRIN.fullmatch(value):
        raise FieldError("", f"{value!r} is no BRIN (2 digits and 2 capitals, like 18BR)")
    return value


def _location(value: str, brin: str) -> str:
    code = brin + value if re.fullmatch(r"[0-9]{2}", value) else value
    if not re.fullmatch(r"[0-9]{2}[A-Z]{2}[0-9]{2}", code) or (brin and code[:4] != brin):
        raise FieldError("", f"{value!r} is no location of BRIN {brin or '?'} (like {brin}00)")
    return code


def _digits(value: str, what: str, longest: int, pad: bool) -> str:
    """A number of at most `longest` digits; a municipality's padded to its four (0106)."""
    if not re.fullmatch(f"[0-9]{{1,{longest}}}", value):
        raise FieldError("", f"{value!r} is not {what} number (at most {longest} digits)")
    return value.zfill(longest) if pad else value


def _sector(value: str) -> str:
    types = [t.strip().upper() for t in value.split("/") if t.strip()]
    unknown = [t for t in types if t not in SECTORS]
    if unknown:
        raise FieldError("", f"unknown school type {unknown[0]!r} (known: {', '.join(SECTORS)})")
    sectors = {SECTORS[t] for t in types}
    if len(sectors) != 1:
        raise FieldError("", f"{value!r} names the sectors {', '.join(sorted(sectors))}")
    return sectors.pop()


def _denomination(value: str) -> str:
    written = unicodedata.normalize("NFKD", value.casefold())
    notation = "-".join("".join(c for c in written if not unicodedata.combining(c)).split())
    if notation.startswith("samenwerking"):
        return "samenwerking"
    if notation not in DENOMINATIONS:
        raise FieldError("", f"unknown denomination {value!r} (not in def/denomination)")
    return notation


def address_triples(location: Location, iri: URIRef, base: str | None) -> Iterator[RdfTriple]:
    """The location's visiting address, where the file gives its place."""
    if not location.place:
        return
    address = identifiers.mint_iri("address", f"brin/{location.code}", base)
    yield iri, SCHEMA.address, address
    yield address, RDF.type, SCHEMA.PostalAddress
    yield address, SCHEMA.addressLocality, Literal(location.place)
    if location.street:
        yield address, SCHEMA.streetAddress, Literal(location.street)
    if location.postcode:
        yield address, SCHEMA.postalCode, Literal(location.postcode)


def location_triples(
    location: Location, institution: Location, base: str | None = None
) -> Iterator[RdfTriple]:
    """The location, its institution (described as its first location names it) and its
    board; the municipality only linked."""
    iri = identifiers.mint_iri("organisation", f"brin/{location.code}", base)
    parent = identifiers.mint_iri("organisation", f"brin/{location.brin}", base)
    board = identifiers.mint_iri("organisation", f"bevoegd-gezag/{location.board}", base)
    for school, name, brin, sector in (
        (iri, location.name, location.code, location.sector),
        (parent, institution.name, location.brin, institution.sector),
    ):
        yield school, RDF.type, KG.School
        yield school, FOAF.name, Literal(name)
        yield school, KG.brin, Literal(brin)
        yield school, KG.sector, URIRef(SECTOR + sector)
    yield iri, KG.inRegion, region_iri(location.municipality)
    if location.denomination:
        yield iri, KG.denomination, URIRef(DENOMINATION + location.denomination)
    yield from address_triples(location, iri, base)
    yield iri, ORG.subOrganizationOf, parent
    yield iri, ORG.subOrganizationOf, board
    yield board, RDF.type, KG.SchoolBoard
    yield board, FOAF.name, Literal(location.board_name)
    yield board, KG.boardNumber, Literal(location.board)


def _read(path: Path) -> Iterator[tuple[int, Location | RecordError]]:
    columns: dict[str, str] = {}

    def check(header: list[str]) -> None:
        try:
            columns.update(_columns(header))
        except InputError as e:
            raise InputError(f"{path.name}, {e}") from None

    for line, header, cells in csv_rows(path, check, delimiter=";"):
        try:
            yield line, parse_row(dict(zip(header, cells, strict=False)), columns)
        except RecordError as e:
            yield line, e


def record_triples(path: Path | str, *, base: str | None = None) -> Iterator[Converted]:
    """For each row of a DUO vestigingen file, in order, its triples or its refusal."""
    path = Path(path)
    rows = list(_read(path))
    # An institution is named after its lowest-numbered location in the file (00: the main one).
    institutions: dict[str, Location] = {}
    for _, row in rows:
        if isinstance(row, Location):
            known = institutions.get(row.brin)
            if known is None or row.code < known.code:
                institutions[row.brin] = row
    seen: dict[str, int] = {}
    for count, (line, row) in enumerate(rows, start=1):
        if isinstance(row, Location) and row.code in seen:
            twice = FieldError(COLUMNS["location"][0], f"also given on line {seen[row.code]}")
            row = RecordError([twice], row.code)
        if isinstance(row, RecordError):
            yield RecordRefusal.of(path, count, line, row, "column")
            continue
        seen[row.code] = line
        yield list(location_triples(row, institutions[row.brin], base))


def _source(path: Path, options: SourceOptions) -> ConvertedSource:
    def convert() -> Iterator[Converted]:
        return record_triples(path, base=options.base_iri)

    return ConvertedSource(path, "duo", convert, unit="row")


def _check(path: Path, _options: SourceOptions) -> None:
    if path.suffix.lower() != ".csv":
        raise InputError(f"{path.name}: a DUO register file is CSV (.csv)")
    prescan.scan(path, "csv")


KIND = SourceKind("duo", _check, _source)
