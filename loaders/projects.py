"""NRO-style project records → RDF: programme → call → project (grant) → outputs.

Input (chosen by extension): JSON (``.json``: a list of records or one record), JSON Lines
(``.jsonl``, ``.ndjson``: one record per line) or CSV (``.csv``: one record per row, the columns
of loaders/examples/PROJECTS.md). A record (JSON names; ``*`` required)::

    project_number*      NRO project number, 405-15-718 or 40.5.18300.018   → id/grant/nro/{number}
    title*, language     the project's title; language nl (default) or en
    programme*, programme_key   the programme's title; its key (default: slug of the title)
    call*, call_key, call_date  the call's title, key (default: slug) and opening date
    funder*, funder_ror  the funder's name and ROR ID (id/organisation/ror/… or a slug: nro)
    lead_applicant, lead_applicant_orcid      the lead applicant (ORCID iD checksum-checked)
    participants         [{name, ror, brin, type, sector}]          participating organisations
    start_date, end_date the period (YYYY-MM-DD or DD-MM-YYYY; agreed at the award, may lie ahead)
    amount, currency     the amount awarded (a decimal) and its ISO 4217 code (default EUR)
    outputs              [{doi | iri, title, year, type, language, access, design}]   produced
    funded               [IRI]   networks or initiatives the grant funded (in the graph already)

An output with a DOI is the study ``id/study/doi/{doi}`` any load gives that DOI; if no other
source describes it yet, the record describes it (title and year needed) as made by the project's
lead applicant and participants. An output given by IRI (a knowledge product, say) is only
linked. People, organisations and funders that another source describes are only linked
(record_agents.py). Each record yields its triples or, when bad, its refusal naming the record
and every bad field (record_conversion.RecordRefusal): one bad record never blocks the rest.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Container, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import partial
from pathlib import Path
from typing import Any

from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, XSD

from kennisgraaf import identifiers
from kennisgraaf.errors import InputError
from kennisgraaf.loaders import prescan
from kennisgraaf.loaders import projects_files as files
from kennisgraaf.loaders.converted_source import ConvertedSource
from kennisgraaf.loaders.record_agents import (
    KG,
    Agents,
    Collected,
    Described,
    Organisation,
    Person,
    any_date,
    concept,
    identifier,
    past_date,
    read_organisation,
    read_person,
    text,
)
from kennisgraaf.loaders.record_conversion import (
    Converted,
    FieldError,
    RdfTriple,
    RecordError,
    RecordRefusal,
    list_items,
)
from kennisgraaf.loaders.source_kind import SourceKind, SourceOptions
from kennisgraaf.settings import get_settings

logger = logging.getLogger(__name__)

SCHEMA = Namespace("https://schema.org/")
FUNCTION = Namespace("https://w3id.org/kennisgraaf/def/function/")
LANGUAGES = ("nl", "en")
OUTPUT_TYPES: Mapping[str, URIRef] = {
    "publication": KG.Publication,
    "report": KG.Report,
    "practitioner-research": KG.PractitionerResearch,
    "research-project": KG.ResearchProject,
}
# The shapes' pattern: the old (405-15-718) and new (40.5.18300.018) forms.
_NRO_NUMBER = re.compile(r"[0-9]{3}-[0-9]{2}-[0-9]{3}|[0-9]{2}\.[0-9]\.[0-9]{5}\.[0-9]{3}")
_AMOUNT = re.compile(r"[0-9]+(?:[.,][0-9]+)?")
_IRI = re.compile(r"https?://[^\s<>\"{}|\\^`]+")


@dataclass(frozen=True)
class Output:
    doi: str | None
    iri: str | None
    title: str | None
    year: int | None
    kind: URIRef
    language: str
    access: URIRef | None
    design: URIRef | None = None


@dataclass(frozen=True)
class Project:
    number: str
    title: str
    language: str
    programme: tuple[str, str]  # key, title
    call: tuple[str, str, date | None]  # key, title, opening date
    funder: Organisation
    lead: Person | None
    participants: tuple[Organisation, ...]
    start: date | None
    end: date | None
    amount: tuple[Decimal, str] | None  # value, currency
    outputs: tuple[Output, ...]
    funded: tuple[str, ...]


# --- Reading a record -----------------------------------------------------------------------


class _Reader(Collected):
    """Reads one raw record (a JSON-like mapping), collecting every field error."""

    def __init__(self, raw: Mapping[str, Any]) -> None:
        super().__init__()
        self.raw = raw

    def get(self, name: str, required: bool = False) -> str | None:
        value = self.attempt(partial(text, name, self.raw.get(name), required))
        return value if isinstance(value, str) else None

    def project(self) -> Project:
        number = self.attempt(self.number)
        language = self.attempt(self.language) or "nl"
        programme = self.get("programme", True)
        call = self.get("call", True)
        amount = self.attempt(self.amount)
        project = Project(
            number=number or "",
            title=self.get("title", True) or "",
            language=language,
            programme=(self.key("programme_key", programme), programme or ""),
            call=(self.key("call_key", call), call or "", self.date("call_date")),
            funder=self.attempt(self.funder),
            lead=self.attempt(
                lambda: read_person(
                    "lead_applicant",
                    self.raw.get("lead_applicant"),
                    self.raw.get("lead_applicant_orcid"),
                    self.raw.get("lead_applicant_consent"),
                )
            ),
            participants=tuple(self.items("participants", self.participant)),
            start=self.date("start_date", any_date),  # agreed at the award: may lie ahead
            end=self.date("end_date", any_date),
            amount=amount,
            outputs=tuple(self.items("outputs", self.output)),
            funded=tuple(self.items("funded", self.funded)),
        )
        self.check_period(project)
        if self.errors:
            raise RecordError(self.errors, number)
        return project

    def number(self) -> str:
        value = text("project_number", self.raw.get("project_number"), required=True)
        number = identifier("project_number", "nro", value) or ""
        if not _NRO_NUMBER.fullmatch(number):
            raise FieldError(
                "project_number", f"{number!r} is no NRO project number (405-15-718 or "
                "40.5.18300.018)",
            )  # fmt: skip
        return number

    def language(self, name: str = "language", default: str = "nl") -> str:
        language = text(name, self.raw.get(name)) or default
        if language not in LANGUAGES:
            raise FieldError(name, f"{language!r} is not one of {', '.join(LANGUAGES)}")
        return language

    def key(self, name: str, title: str | None) -> str:
        given = self.get(name)
        return identifiers.slugify(given or title or "")

    def date(
        self, name: str, read: Callable[[str, object], date | None] = past_date
    ) -> date | None:
        return self.attempt(lambda: read(name, self.raw.get(name)))  # type: ignore[no-any-return]

    def funder(self) -> Organisation:
        fields = {"name": "funder", "ror": "funder_ror", "brin": "", "type": "", "sector": ""}
        name = text("funder", self.raw.get("funder"), required=True)
        values = {"name": name, "ror": self.raw.get("funder_ror"), "type": "funding-body"}
        return read_organisation(fields, values)

    def amount(self) -> tuple[Decimal, str] | None:
        value, currency = self.raw.get("amount"), text("currency", self.raw.get("currency"))
        if value is None or value == "":
            if currency:
                raise FieldError("currency", "a currency needs an amount")
            return None
        written = str(value).strip().replace(" ", "")
        if isinstance(value, bool) or not _AMOUNT.fullmatch(written):
            raise FieldError("amount", f"{value!r} is not an amount (digits, a decimal point)")
        try:
            amount = Decimal(written.replace(",", "."))
        except InvalidOperation:  # pragma: no cover - the pattern admits only decimals
            raise FieldError("amount", f"{value!r} is not an amount") from None
        currency = currency or "EUR"
        if not re.fullmatch(r"[A-Z]{3}", currency):
            raise FieldError("currency", f"{currency!r} is not an ISO 4217 code such as EUR")
        return amount, currency

    def items(self, name: str, read: Callable[[str, Any], Any]) -> Iterator[Any]:
        for where, item in list_items(self.raw, name, self.errors):
            value = self.attempt(partial(read, where, item))
            if value is not None:
                yield value

    def participant(self, where: str, item: Any) -> Organisation:
        if not isinstance(item, dict):
            raise FieldError(where, "expected an object")
        roles = ("name", "ror", "brin", "type", "sector")
        return read_organisation({r: f"{where}.{r}" for r in roles}, item)

    def output(self, where: str, item: Any) -> Output:
        if not isinstance(item, dict):
            raise FieldError(where, "expected an object")
        doi = identifier(f"{where}.doi", "doi", item.get("doi"))
        iri = text(f"{where}.iri", item.get("iri"))
        if (doi is None) == (iri is None):
            raise FieldError(where, "an output has either a doi or an iri")
        described = [f for f in ("title", "year", "type", "access", "design") if item.get(f)]
        if iri is not None:
            if not _IRI.fullmatch(iri):
                raise FieldError(f"{where}.iri", f"{iri!r} is not an http(s) IRI")
            if described:
                raise FieldError(
                    f"{where}.{described[0]}", "an output given by IRI is only linked: "
                    "describe it in the source that has it",
                )  # fmt: skip
        return Output(
            doi, iri, text(f"{where}.title", item.get("title")), _year(where, item.get("year")),
            _output_type(where, item.get("type")),
            self.item_language(f"{where}.language", item.get("language")),
            _access(where, item.get("access")),
            _design(where, item.get("design")),
        )  # fmt: skip

    def item_language(self, name: str, value: object) -> str:
        language = text(name, value) or self.attempt(self.language) or "nl"
        if language not in LANGUAGES:
            raise FieldError(name, f"{language!r} is not one of {', '.join(LANGUAGES)}")
        return language

    def funded(self, where: str, item: Any) -> str:
        iri = text(where, item, required=True) or ""
        if not _IRI.fullmatch(iri):
            raise FieldError(where, f"{iri!r} is not an http(s) IRI of a network or initiative")
        return iri

    def check_period(self, project: Project) -> None:
        if project.start and project.end and project.end < project.start:
            self.errors.append(
                FieldError("end_date", f"{project.end} is before the start date {project.start}")
            )


def _year(where: str, value: object) -> int | None:
    given = text(f"{where}.year", value)
    if given is None:
        return None
    if not re.fullmatch(r"[0-9]{4}", given):
        raise FieldError(f"{where}.year", f"{given!r} is not a year")
    if int(given) > date.today().year:
        raise FieldError(f"{where}.year", f"{given} lies in the future")
    return int(given)


def _output_type(where: str, value: object) -> URIRef:
    given = (text(f"{where}.type", value) or "publication").casefold()
    if given not in OUTPUT_TYPES:
        known = ", ".join(OUTPUT_TYPES)
        raise FieldError(f"{where}.type", f"unknown output type {given!r} (known: {known})")
    return OUTPUT_TYPES[given]


def _access(where: str, value: object) -> URIRef | None:
    given = text(f"{where}.access", value)
    return concept(f"{where}.access", given, "access_right") if given else None


def _design(where: str, value: object) -> URIRef | None:
    given = text(f"{where}.design", value)
    return concept(f"{where}.design", given, "study-design") if given else None


def _canonical(amount: Decimal) -> str:
    """The canonical xsd:decimal form (250000.0, 1234.5): the graph keeps it as a number."""
    if amount == amount.to_integral_value():
        return f"{int(amount)}.0"
    return format(amount.normalize(), "f")


def parse_record(raw: Mapping[str, Any]) -> Project:
    """A checked :class:`Project`; every problem of the record is raised in one RecordError."""
    return _Reader(raw).project()


# --- RDF ------------------------------------------------------------------------------------


class ProjectConverter:
    """Triples of project records; what a record links to that another source describes
    (`elsewhere`) is only linked."""

    def __init__(self, base: str | None = None, elsewhere: Container[URIRef] = ()) -> None:
        self.base = base if base is not None else get_settings().base_iri
        self.elsewhere = elsewhere
        self.described = Described()
        self.agents = Agents(self.base, elsewhere, self.described)
        self.numbers: dict[str, str] = {}

    def iri(self, kind: str, key: str) -> URIRef:
        return identifiers.mint_iri(kind, key, self.base)

    def output_iri(self, output: Output) -> URIRef:
        return URIRef(output.iri) if output.iri else self.iri("study", f"doi/{output.doi}")

    def check(self, project: Project, where: str) -> None:
        """What only the file and the graph can tell: a project twice, a thing described
        differently by two records, an output new to the graph without what it needs."""
        errors: list[FieldError] = []

        def attempt(check: Callable[[], None]) -> None:
            try:
                check()
            except FieldError as e:
                errors.append(e)

        if project.number in self.numbers:
            errors.append(
                FieldError("project_number", f"also given in {self.numbers[project.number]}")
            )
        described = self.described.check
        programme = self.iri("programme", project.programme[0])
        attempt(lambda: described(programme, project.programme[1], "programme", where))
        call_key, call_title, opened = project.call
        call = f"{call_title} (programme {project.programme[0]}, opened {opened or '-'})"
        attempt(lambda: described(self.iri("call", call_key), call, "call", where))
        attempt(lambda: self.agents.check_organisation(project.funder, "funder", where))
        if project.lead is not None:
            lead = project.lead
            attempt(lambda: self.agents.check_person(lead, "lead_applicant", where))
        for index, organisation in enumerate(project.participants, start=1):
            field = f"participants[{index}].name"
            attempt(partial(self.agents.check_organisation, organisation, field, where))
        for index, output in enumerate(project.outputs, start=1):
            attempt(partial(self.check_output, project, output, index, where))
        if errors:
            self.described.keep(False)
            raise RecordError(errors, project.number)
        self.described.keep(True)
        self.numbers[project.number] = where

    def check_output(self, project: Project, output: Output, index: int, where: str) -> None:
        iri = self.output_iri(output)
        if output.iri or iri in self.elsewhere:
            return
        missing = [f for f in ("title", "year") if getattr(output, f) is None]
        if missing:
            raise FieldError(
                f"outputs[{index}].{missing[0]}",
                f"DOI {output.doi} is not in the graph yet, so {' and '.join(missing)} "
                f"{'is' if len(missing) == 1 else 'are'} needed to describe it",
            )
        if project.lead is None and not project.participants:
            raise FieldError(
                f"outputs[{index}]",
                "a new output is made by the project's lead applicant or participants: "
                "name at least one",
            )
        kind = str(output.kind).rsplit("#", 1)[-1]
        self.described.check(
            iri, f"{output.title} ({output.year}, {kind})", f"outputs[{index}]", where
        )

    def triples(self, project: Project) -> Iterator[RdfTriple]:
        grant = self.iri("grant", f"nro/{project.number}")
        funder = self.agents.organisation_iri(project.funder)
        yield grant, RDF.type, KG.Grant
        yield grant, KG.nroProjectNumber, Literal(project.number)
        yield grant, DCTERMS.title, Literal(project.title, lang=project.language)
        yield grant, KG.funder, funder
        yield from self.agents.organisation(project.funder)
        yield from self.programme_and_call(project, grant, funder)
        makers: list[URIRef] = []
        if project.lead is not None:
            makers.append(self.agents.person_iri(project.lead))
            yield grant, KG.leadApplicant, makers[-1]
            yield from self.agents.person(project.lead)
        for organisation in project.participants:
            makers.append(self.agents.organisation_iri(organisation))
            yield grant, KG.participatingOrganisation, makers[-1]
            yield from self.agents.organisation(organisation)
        if project.start:
            yield grant, KG.startDate, Literal(project.start, datatype=XSD.date)
        if project.end:
            yield grant, KG.endDate, Literal(project.end, datatype=XSD.date)
        if project.amount is not None:
            amount = self.iri("amount", f"nro/{project.number}")
            yield grant, SCHEMA.amount, amount
            yield amount, RDF.type, SCHEMA.MonetaryAmount
            yield amount, SCHEMA.value, Literal(_canonical(project.amount[0]), datatype=XSD.decimal)
            yield amount, SCHEMA.currency, Literal(project.amount[1])
        for output in project.outputs:
            yield grant, SCHEMA.fundedItem, self.output_iri(output)
            yield from self.output_triples(output, makers)
        for funded in project.funded:
            yield grant, SCHEMA.fundedItem, URIRef(funded)

    def programme_and_call(
        self, project: Project, grant: URIRef, funder: URIRef
    ) -> Iterator[RdfTriple]:
        programme = self.iri("programme", project.programme[0])
        call_key, call_title, opened = project.call
        call = self.iri("call", call_key)
        yield programme, RDF.type, KG.Programme
        yield programme, DCTERMS.title, Literal(project.programme[1], lang=project.language)
        yield programme, KG.funder, funder
        yield call, RDF.type, KG.Call
        yield call, DCTERMS.title, Literal(call_title, lang=project.language)
        yield call, DCTERMS.isPartOf, programme
        if opened:
            yield call, DCTERMS.issued, Literal(opened, datatype=XSD.date)
        yield grant, DCTERMS.isPartOf, call

    def output_triples(self, output: Output, makers: list[URIRef]) -> Iterator[RdfTriple]:
        """A study new to the graph, made by the project's people: its year's first day is
        its creation's date (only the year is known; nothing made from it can precede it)."""
        study = self.output_iri(output)
        if output.iri or study in self.elsewhere or output.year is None:
            return
        creation = self.iri("creation", f"doi/{output.doi}")
        yield study, RDF.type, output.kind
        yield study, DCTERMS.title, Literal(output.title, lang=output.language)
        yield study, KG.doi, Literal(output.doi)
        yield study, DCTERMS.issued, Literal(str(output.year), datatype=XSD.gYear)
        if output.access is not None:
            yield study, DCTERMS.accessRights, output.access
        if output.design is not None:
            yield study, KG.studyDesign, output.design
        yield study, PROV.wasGeneratedBy, creation
        yield creation, RDF.type, KG.KnowledgeCreation
        yield creation, KG.function, FUNCTION.creation
        yield creation, DCTERMS.date, Literal(date(output.year, 1, 1), datatype=XSD.date)
        for maker in makers:
            yield creation, PROV.wasAssociatedWith, maker


# --- Files ----------------------------------------------------------------------------------


def record_triples(
    path: Path | str, *, base: str | None = None, known: Container[URIRef] = ()
) -> Iterator[Converted]:
    """For each record of a file that has passed :func:`prescan_file`, in order, its triples
    or its refusal."""
    path = Path(path)
    converter = ProjectConverter(base, known)
    count = 0
    for count, raw in enumerate(files.read_records(path), start=1):
        try:
            if raw.problem is not None:
                raise RecordError([FieldError("", raw.problem)])
            project = parse_record(raw.fields)
            converter.check(project, raw.where)
        except RecordError as e:
            labelled = [FieldError(files.label(err.field, raw.csv), err.reason) for err in e.errors]
            refused = RecordError(labelled, e.number)
            word = "column" if raw.csv else "field"
            yield RecordRefusal.of(path, count, raw.line, refused, word)
            continue
        yield list(converter.triples(project))
    logger.info("%s: %d project records", path.name, count)


def prescan_file(path: Path) -> None:
    prescan.scan(path, files.syntax(path))


def _source(path: Path, options: SourceOptions) -> ConvertedSource:
    def convert() -> Iterator[Converted]:
        return record_triples(path, base=options.base_iri, known=options.known_studies)

    return ConvertedSource(path, "projects", convert)


def _check(path: Path, _options: SourceOptions) -> None:
    if path.suffix.lower() not in files.SYNTAX:
        raise InputError(f"{path.name}: unknown project file format (use .json, .jsonl or .csv)")
    prescan_file(path)


KIND = SourceKind("projects", _check, _source)
