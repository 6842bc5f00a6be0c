"""Sharing and use records (events, trainings, newsletters, use reports) from a CSV → RDF, the
last two stages of the cycle. The columns are documented field by field in
loaders/examples/USE-EVENTS.md; in short (``*`` required)::

    id*        the record's key in the source      → id/sharing/{slug} or id/use/{slug}
    kind*      event | training | newsletter (a kg:KnowledgeSharing) | use-report (kg:KnowledgeUse)
    date*      the day of the event, training or newsletter; the day a use began
    shared*    what was shared or used: DOIs (→ id/study/doi/…) or IRIs, ;-separated
    title, language        the event's or newsletter's name; nl (default) or en
    organisation, organisation_ror, organisation_brin, organisation_type, organisation_sector
    network    IRI or name of the network it went through (or that used it)
    person, person_orcid, person_consent   a person, recorded only when person_consent is yes
    region     where: CBS code or name of the country or a province, or a municipality GM….
    school_brin            where: the school it took place at (prov:atLocation)
    level      klas | school | bestuur | regio (kg:useLevel)
    informed_by            use-report: the id of the sharing it came through
    outcome    free text: a use's kg:outcome, a sharing's dcterms:description

Each row yields its triples or, when bad, its refusal naming the line and every bad column
(record_conversion.RecordRefusal); one bad row never blocks the rest."""

from __future__ import annotations

import logging
import re
from collections.abc import Container, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date
from functools import partial
from pathlib import Path

from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, XSD

from kennisgraaf import identifiers
from kennisgraaf.errors import InputError
from kennisgraaf.loaders import prescan, record_conversion
from kennisgraaf.loaders import record_agents as rec
from kennisgraaf.loaders.converted_source import ConvertedSource
from kennisgraaf.loaders.csv_rows import csv_rows
from kennisgraaf.loaders.record_agents import KG, Agents, Described, Organisation, Person
from kennisgraaf.loaders.record_conversion import Converted, FieldError, RdfTriple, RecordError
from kennisgraaf.loaders.source_kind import SourceKind, SourceOptions
from kennisgraaf.settings import get_settings

logger = logging.getLogger(__name__)

FUNCTION = Namespace("https://w3id.org/kennisgraaf/def/function/")
USE_REPORT = ("use-report", "gebruiksrapportage", "benutting")
COLUMNS = (
    *("id", "kind", "date", "title", "language", "shared", "organisation", "organisation_ror"),
    *("organisation_brin", "organisation_type", "organisation_sector", "network", "person"),
    *("person_orcid", "person_consent", "region", "school_brin", "level", "informed_by"),
    "outcome",
)
REQUIRED = ("id", "kind", "date", "shared")
AGENT_COLUMNS = frozenset(COLUMNS[COLUMNS.index("organisation") : COLUMNS.index("region")])
CONSENT = {"yes": True, "ja": True, "y": True, "j": True, "no": False, "nee": False, "n": False}
_IRI = re.compile(r"https?://[^\s<>\"{}|\\^`]+")
_DOI_URL = re.compile(r"https?://(?:dx\.)?doi\.org/", re.IGNORECASE)
_MUNICIPALITY = re.compile(r"GM[0-9]{4}")


@dataclass(frozen=True)
class Event:
    identifier: str  # as the source writes it
    key: str  # its slug, the IRI's key
    sharing_kind: URIRef | None  # None: a use report
    day: date
    title: str | None
    language: str
    shared: tuple[URIRef, ...]
    organisation: Organisation | None
    network: URIRef | None
    person: Person | None
    region: URIRef | None
    school: URIRef | None
    level: URIRef | None
    informed_by: str | None
    outcome: str | None


class _Row(rec.Collected):
    """Reads one row (column → cell), collecting every column's error."""

    def __init__(self, row: Mapping[str, str], base: str) -> None:
        super().__init__()
        self.row = row
        self.base = base

    def cell(self, name: str, required: bool = False) -> str | None:
        value = self.attempt(partial(rec.text, name, self.row.get(name), required))
        return value if isinstance(value, str) else None

    def event(self) -> Event:
        key = self.cell("id", True)
        kind = self.attempt(self.kind)
        event = Event(
            identifier=key or "",
            key=identifiers.slugify(key or ""),
            sharing_kind=kind if isinstance(kind, URIRef) else None,
            day=self.attempt(partial(rec.past_date, "date", self.row.get("date"), True)),
            title=self.cell("title"),
            language=self.attempt(self.language) or "nl",
            shared=tuple(self.attempt(self.shared) or ()),
            organisation=self.attempt(self.organisation),
            network=self.attempt(self.network),
            person=self.attempt(self.person),
            region=self.attempt(self.region),
            school=self.attempt(self.school),
            level=self.attempt(partial(self.concept, "level", "use-level")),
            informed_by=self.cell("informed_by"),
            outcome=self.cell("outcome"),
        )
        self.check(event, kind)
        if self.errors:
            raise RecordError(self.errors, key)
        return event

    def kind(self) -> URIRef | str:
        given = rec.text("kind", self.row.get("kind"), required=True) or ""
        if given.casefold() in USE_REPORT:
            return "use-report"
        scheme = "sharing-kind"
        try:
            return rec.concept("kind", given, scheme)
        except FieldError:
            raise FieldError(
                "kind", f"unknown kind {given!r} (event, training, newsletter or use-report)"
            ) from None

    def language(self) -> str:
        language = rec.text("language", self.row.get("language")) or "nl"
        if language not in ("nl", "en"):
            raise FieldError("language", f"{language!r} is not one of nl, en")
        return language

    def concept(self, name: str, scheme: str) -> URIRef | None:
        given = rec.text(name, self.row.get(name))
        return rec.concept(name, given, scheme) if given else None

    def shared(self) -> list[URIRef]:
        items = [p.strip() for p in (self.row.get("shared") or "").split(";") if p.strip()]
        if not items:
            raise FieldError("shared", "name at least one product or study (a DOI or an IRI)")
        found = []
        for item in items:
            if _IRI.fullmatch(item) and not _DOI_URL.match(item):
                found.append(URIRef(item))
            else:
                doi = rec.identifier("shared", "doi", item)
                found.append(identifiers.mint_iri("study", f"doi/{doi}", self.base))
        return found

    def organisation(self) -> Organisation | None:
        roles = ("name", "ror", "brin", "type", "sector")
        fields = {r: "organisation" if r == "name" else f"organisation_{r}" for r in roles}
        values = {r: self.row.get(f) for r, f in fields.items()}
        if not any(rec.text(f, v) for f, v in zip(fields.values(), values.values(), strict=True)):
            return None
        return rec.read_organisation(fields, values)

    def network(self) -> URIRef | None:
        given = rec.text("network", self.row.get("network"))
        if given is None:
            return None
        if _IRI.fullmatch(given):
            return URIRef(given)
        return identifiers.mint_slug_iri("network", given, self.base)

    def person(self) -> Person | None:
        person = rec.read_person("person", self.row.get("person"), self.row.get("person_orcid"))
        consent_text = (rec.text("person_consent", self.row.get("person_consent")) or "").casefold()
        consent = CONSENT.get(consent_text)
        if consent_text and consent is None:
            raise FieldError("person_consent", f"{consent_text!r} is not yes or no")
        if person is not None and not consent:
            raise FieldError(
                "person", "a person is recorded only with their consent: set person_consent "
                "to yes, or leave person and person_orcid empty",
            )  # fmt: skip
        return None if person is None else replace(person, consent=True)

    def region(self) -> URIRef | None:
        given = rec.text("region", self.row.get("region"))
        if given is None:
            return None
        if _MUNICIPALITY.fullmatch(given.upper()):  # a municipality the graph describes
            return identifiers.mint_iri("region", given.upper(), self.base)
        return rec.concept("region", given, "region")

    def school(self) -> URIRef | None:
        brin = rec.identifier("school_brin", "brin", self.row.get("school_brin"))
        return identifiers.mint_iri("organisation", f"brin/{brin}", self.base) if brin else None

    def check(self, event: Event, kind: object) -> None:
        agents = (event.organisation, event.network, event.person)
        if not any(agents) and not any(e.field in AGENT_COLUMNS for e in self.errors):
            self.errors.append(
                FieldError("organisation", "say who shared or used it: an organisation, a "
                           "network or a consenting person"),
            )  # fmt: skip
        if kind == "use-report" or kind is None:
            return
        if event.informed_by:
            self.errors.append(
                FieldError("informed_by", "only a use-report comes through a sharing")
            )


def parse_row(row: Mapping[str, str], base: str | None = None) -> Event:
    """A checked :class:`Event`; every problem of the row is raised in one RecordError."""
    return _Row(row, base if base is not None else get_settings().base_iri).event()


class EventConverter:
    """Triples of use and sharing records."""

    def __init__(self, base: str | None = None, elsewhere: Container[URIRef] = ()) -> None:
        self.base = base if base is not None else get_settings().base_iri
        self.agents = Agents(self.base, elsewhere, Described())
        self.sharings: dict[str, date] = {}  # sharings of this file by key: their dates

    def activity(self, event: Event) -> URIRef:
        kind = "use" if event.sharing_kind is None else "sharing"
        return identifiers.mint_iri(kind, event.key, self.base)

    def check(self, event: Event, where: str) -> None:
        errors: list[FieldError] = []
        if event.organisation is not None:
            try:
                self.agents.check_organisation(event.organisation, "organisation", where)
            except FieldError as e:
                errors.append(e)
        if event.person is not None:
            try:
                self.agents.check_person(event.person, "person", where)
            except FieldError as e:
                errors.append(e)
        informed = identifiers.slugify(event.informed_by) if event.informed_by else None
        shared_on = self.sharings.get(informed) if informed else None
        if shared_on is not None and shared_on > event.day:
            errors.append(
                FieldError("informed_by", f"the sharing {event.informed_by} is dated {shared_on}, "
                           f"after this use ({event.day})"),
            )  # fmt: skip
        self.agents.described.keep(not errors)
        if errors:
            raise RecordError(errors, event.identifier)
        if event.sharing_kind is not None:
            self.sharings[event.key] = event.day

    def triples(self, event: Event) -> Iterator[RdfTriple]:
        activity = self.activity(event)
        use = event.sharing_kind is None
        yield activity, RDF.type, KG.KnowledgeUse if use else KG.KnowledgeSharing
        yield activity, KG.function, FUNCTION.use if use else FUNCTION.sharing
        yield activity, DCTERMS.date, Literal(event.day, datatype=XSD.date)
        yield activity, DCTERMS.identifier, Literal(event.identifier)
        if event.sharing_kind is not None:
            yield activity, KG.sharingKind, event.sharing_kind
        if event.title:
            yield activity, DCTERMS.title, Literal(event.title, lang=event.language)
        for shared in event.shared:
            yield activity, PROV.used, shared
        yield from self.agent_triples(activity, event)
        if event.network is not None and not use:
            yield activity, KG.throughNetwork, event.network
        if event.region is not None:
            yield activity, KG.inRegion, event.region
        if event.school is not None:
            yield activity, PROV.atLocation, event.school
        if event.level is not None:
            yield activity, KG.useLevel, event.level
        if event.informed_by:
            sharing = identifiers.mint_slug_iri("sharing", event.informed_by, self.base)
            yield activity, PROV.wasInformedBy, sharing
        if event.outcome:
            said = KG.outcome if use else DCTERMS.description
            yield activity, said, Literal(event.outcome, lang=event.language)

    def agent_triples(self, activity: URIRef, event: Event) -> Iterator[RdfTriple]:
        if event.organisation is not None:
            yield activity, PROV.wasAssociatedWith, self.agents.organisation_iri(event.organisation)
            yield from self.agents.organisation(event.organisation)
        if event.network is not None:
            yield activity, PROV.wasAssociatedWith, event.network
        if event.person is not None:
            yield activity, PROV.wasAssociatedWith, self.agents.person_iri(event.person)
            yield from self.agents.person(event.person)


def _check_header(path: Path, header: list[str]) -> None:
    if unknown := [h for h in header if h not in COLUMNS]:
        raise InputError(f"{path.name}, line 1: unknown column {', '.join(map(repr, unknown))}")
    if missing := [c for c in REQUIRED if c not in header]:
        raise InputError(f"{path.name}, line 1: missing column {', '.join(map(repr, missing))}")


def record_triples(
    path: Path | str, *, base: str | None = None, known: Container[URIRef] = ()
) -> Iterator[Converted]:
    """For each row of a CSV file that has passed the pre-scan, in order, its triples or its
    refusal."""
    path = Path(path)
    converter = EventConverter(base, known)
    count = 0
    rows = csv_rows(path, lambda header: _check_header(path, header))
    for count, (line, header, cells) in enumerate(rows, start=1):
        row = dict(zip(header, cells, strict=False))
        try:
            event = parse_row(row, converter.base)
            converter.check(event, f"line {line}")
        except RecordError as e:
            yield record_conversion.RecordRefusal.of(path, count, line, e, "column")
            continue
        yield list(converter.triples(event))
    logger.info("%s: %d use and sharing records", path.name, count)


def _check(path: Path, _options: SourceOptions) -> None:
    if path.suffix.lower() != ".csv":
        raise InputError(f"{path.name}: use and sharing records are read from a .csv file")
    prescan.scan(path, "csv")


def _source(path: Path, options: SourceOptions) -> ConvertedSource:
    def convert() -> Iterator[Converted]:
        return record_triples(path, base=options.base_iri, known=options.known_studies)

    return ConvertedSource(path, "use-events", convert, unit="row")


KIND = SourceKind("use-events", _check, _source)
