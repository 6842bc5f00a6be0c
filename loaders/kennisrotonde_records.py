"""A Kennisrotonde record as read and checked, before it becomes RDF: every field's value in its
normal form, every problem of the record collected (loaders/examples/KENNISROTONDE.md documents
the fields)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from rdflib import URIRef

from kennisgraaf import identifiers
from kennisgraaf.errors import KennisgraafError
from kennisgraaf.loaders import kennisrotonde_fields as read
from kennisgraaf.loaders.kennisrotonde_tags import Tag, tag_of
from kennisgraaf.loaders.record_conversion import FieldError, RecordError, list_items

REFERRED = ("referred-to-earlier-answer", "referred-to-other-source", "routed-to-research")
ANSWER_FIELDS = ("short_answer", "full_answer", "url")


@dataclass(frozen=True)
class Source:
    doi: str | None
    title: str | None
    year: int | None
    authors: tuple[str, ...]
    language: str
    design: URIRef | None = None
    report: bool = False  # grey literature (kg:Report)
    organisations: tuple[str, ...] = ()  # organisations as authors

    @property
    def doi_only(self) -> bool:
        return self.doi is not None and not (self.title or self.year or self.has_authors)

    @property
    def has_authors(self) -> bool:
        return bool(self.authors or self.organisations)


@dataclass(frozen=True)
class Expert:
    name: str
    orcid: str | None
    organisation: str | None
    ror: str | None
    role: URIRef | None


@dataclass(frozen=True)
class Target:
    """What a question was referred to: a Kennisrotonde answer, a work by DOI or a web page."""

    kind: str  # "answer" | "doi" | "url"
    value: str  # KR number, normal DOI or URL


@dataclass(frozen=True)
class Version:
    """An earlier version of the answer, kept as its history."""

    answered: date
    title: str | None
    short_answer: str | None
    full_answer: str | None
    url: str | None


@dataclass(frozen=True)
class Asking:
    """Who asked, as far as may be kept: a role; a name only with consent."""

    role: URIRef | None = None
    name: str | None = None
    as_asked: str | None = None
    sharpened: str | None = None
    # The asker's school and place, linked to the registers (never to the person)
    school_brin: str | None = None
    school: str | None = None
    place: str | None = None


@dataclass(frozen=True)
class Record:
    number: str
    asked: date
    answered: date | None
    sectors: tuple[URIRef, ...]
    themes: tuple[URIRef, ...]
    question: str
    language: str
    title: str | None
    short_answer: str | None
    full_answer: str | None
    url: str | None
    sources: tuple[Source, ...]
    experts: tuple[Expert, ...]
    asking: Asking = Asking()
    tags: tuple[Tag, ...] = ()  # kept as keywords (unknown ones with a Warning)
    status: URIRef | None = None  # as given; None: answered or open by the answer date
    referred_to: tuple[Target, ...] = ()
    related: tuple[str, ...] = ()  # numbers of related answers
    versions: tuple[Version, ...] = ()  # earlier versions of the answer, oldest first
    access_rights: URIRef | None = None
    license: str | None = None

    def links(self) -> Iterator[tuple[str, str]]:
        """The Kennisrotonde numbers this record links to, with the field that names each."""
        for target in self.referred_to:
            if target.kind == "answer":
                yield "referred_to", target.value
        for number in self.related:
            yield "related", number


def parse_record(raw: Mapping[str, Any]) -> Record:
    """A checked :class:`Record`; every problem of the record is raised in one RecordError."""
    return _RecordReader(raw).record()


class _RecordReader:
    """Reads one raw record (JSON-like mapping), collecting every field error."""

    def __init__(self, raw: Mapping[str, Any]) -> None:
        self.raw = raw
        self.errors: list[FieldError] = []

    def attempt(self, field: str, reading: Callable[[], Any]) -> Any:
        try:
            return reading()
        except FieldError as e:
            self.errors.append(e)
        except identifiers.InvalidIdentifierError as e:
            self.errors.append(FieldError(field, e.reason))
        return None

    def field(self, name: str, reader: Callable[[str, object], Any]) -> Any:
        """The field read by `reader(name, value)`; None (an error noted) when it is bad."""
        return self.attempt(name, lambda: reader(name, self.raw.get(name)))

    def record(self) -> Record:
        number = self.attempt("number", self.number)
        subjects = self.attempt("themes", self.subjects) or ((), ())
        record = Record(
            number=number or "",
            asked=self.field("date", lambda f, v: read.a_date(f, v, required=True)),
            answered=self.field("answer_date", read.a_date),
            sectors=self.attempt("sectors", self.sectors) or (),
            themes=subjects[0],
            question=self.attempt("question", self.question),
            language=self.field("language", lambda f, v: read.language(f, v, "nl")) or "nl",
            title=self.field("title", read.text),
            short_answer=self.field("short_answer", read.text),
            full_answer=self.field("full_answer", read.text),
            url=self.field("url", read.url),
            sources=tuple(self.items("sources", self.source)),
            experts=tuple(self.items("experts", self.expert)),
            asking=self.attempt("asker_name", self.asking) or Asking(),
            tags=subjects[1],
            status=self.field(
                "status", lambda f, v: read.optional_concept(f, v, "question-status")
            ),
            referred_to=self.attempt("referred_to", self.targets) or (),
            related=self.attempt("related", self.related) or (),
            versions=tuple(self.items("revisions", self.version)),
            access_rights=self.field(
                "access_rights", lambda f, v: read.optional_concept(f, v, "access_right")
            ),
            license=self.field("license", read.url),
        )
        _check(record, self.errors)
        if self.errors:
            raise RecordError(self.errors, number)
        return record

    def number(self) -> str:
        value = self.raw.get("number")
        if value is None or value == "":
            raise FieldError("number", "a value is required")
        return identifiers.normalise_kennisrotonde(value)

    def question(self) -> str:
        """The question's text: as given, else the sharpened question, else as asked."""
        for name in ("question", "sharpened_question", "question_as_asked"):
            if given := read.text(name, self.raw.get(name)):
                return given
        raise FieldError("question", "a value is required")

    def sectors(self) -> tuple[URIRef, ...]:
        field = "sectors" if "sectors" in self.raw else "sector"
        sectors = read.concepts(field, self.raw.get(field), "sector")
        if not sectors:
            raise FieldError("sectors", "at least one sector is required")
        return sectors

    def subjects(self) -> tuple[tuple[URIRef, ...], tuple[Tag, ...]]:
        """The curated themes, and the tags kept as keywords: a value of ``themes`` that is no
        theme is a tag too (never refused)."""
        given = read.texts("themes", self.raw.get("themes"), "codes")
        given += read.texts("tags", self.raw.get("tags"), "tags")
        tags = [tag_of(text) for text in dict.fromkeys(given)]
        themes = tuple(dict.fromkeys(t.theme for t in tags if t.theme is not None))
        return themes, tuple(t for t in tags if t.keyword)

    def asking(self) -> Asking:
        name = read.text("asker_name", self.raw.get("asker_name"))
        consented = read.consent("asker_consent", self.raw.get("asker_consent"))
        if name and not consented:
            raise FieldError(
                "asker_name",
                "an asker's name is kept only with consent (asker_consent: true); "
                "leave the name out or record the consent",
            )
        return Asking(
            role=read.optional_concept("asker_role", self.raw.get("asker_role"), "asker-role"),
            name=name,
            as_asked=read.text("question_as_asked", self.raw.get("question_as_asked")),
            sharpened=read.text("sharpened_question", self.raw.get("sharpened_question")),
            school_brin=self.brin(),
            school=read.text("asker_school", self.raw.get("asker_school")),
            place=read.text("asker_place", self.raw.get("asker_place")),
        )

    def brin(self) -> str | None:
        given = read.text("asker_school_brin", self.raw.get("asker_school_brin"))
        if not given:
            return None
        try:
            return identifiers.normalise_brin(given)
        except KennisgraafError as e:
            raise FieldError("asker_school_brin", str(e)) from None

    def targets(self) -> tuple[Target, ...]:
        return tuple(_target(t) for t in read.texts("referred_to", self.raw.get("referred_to")))

    def related(self) -> tuple[str, ...]:
        numbers = read.texts("related", self.raw.get("related"), "Kennisrotonde numbers")
        return tuple(identifiers.normalise_kennisrotonde(n) for n in numbers)

    def items(self, field: str, reader: Callable[[str, Mapping[str, Any]], Any]) -> Iterator[Any]:
        for where, item in list_items(self.raw, field, self.errors):
            if not isinstance(item, dict):
                self.errors.append(FieldError(where, "expected an object"))
                continue
            value = self.attempt(where, _bind(reader, where, item))
            if value is not None:
                yield value

    def identifier(self, field: str, scheme: str, given: str | None) -> str | None:
        """The identifier in its normal form; None when not given or (an error noted) invalid."""
        return self.attempt(field, lambda: identifiers.normalise(scheme, given)) if given else None

    def source(self, where: str, item: Mapping[str, Any]) -> Source:
        doi_text = read.text(f"{where}.doi", item.get("doi"))
        doi = self.identifier(f"{where}.doi", "doi", doi_text)
        title = read.text(f"{where}.title", item.get("title"))
        year = self.attempt(f"{where}.year", lambda: read.year(f"{where}.year", item.get("year")))
        authors = self.attempt(
            f"{where}.authors", lambda: read.texts(f"{where}.authors", item.get("authors"))
        )
        organisations = read.texts(f"{where}.organisations", item.get("organisations"))
        language = read.language(f"{where}.language", item.get("language"), "en")
        if doi is None and title is None and not doi_text:
            raise FieldError(where, "a source needs a doi or a title")
        design = read.optional_concept(f"{where}.design", item.get("design"), "study-design")
        kind = read.text(f"{where}.type", item.get("type")) or "publication"
        if kind not in ("publication", "report"):
            raise FieldError(f"{where}.type", f"{kind!r} is not one of publication, report")
        report = kind == "report"
        return Source(doi, title, year, authors or (), language, design, report, organisations)

    def expert(self, where: str, item: Mapping[str, Any]) -> Expert:
        name = read.text(f"{where}.name", item.get("name"), required=True)
        orcid_text = read.text(f"{where}.orcid", item.get("orcid"))
        orcid = self.identifier(f"{where}.orcid", "orcid", orcid_text)
        ror = self.identifier(f"{where}.ror", "ror", read.text(f"{where}.ror", item.get("ror")))
        organisation = read.text(f"{where}.organisation", item.get("organisation"))
        if ror and not organisation:
            raise FieldError(
                f"{where}.organisation", "the organisation's name is needed with a ROR ID"
            )
        role_text = read.text(f"{where}.role", item.get("role"))
        role = None
        if role_text:
            if not organisation:
                raise FieldError(f"{where}.role", "a role needs an organisation")
            role = read.concept(f"{where}.role", role_text, "role")
        return Expert(name or "", orcid, organisation, ror, role)

    def version(self, where: str, item: Mapping[str, Any]) -> Version:
        answered = read.a_date(f"{where}.answer_date", item.get("answer_date"), required=True)
        assert answered is not None
        version = Version(
            answered,
            read.text(f"{where}.title", item.get("title")),
            read.text(f"{where}.short_answer", item.get("short_answer")),
            read.text(f"{where}.full_answer", item.get("full_answer")),
            read.url(f"{where}.url", item.get("url")),
        )
        if not (version.short_answer or version.full_answer or version.url):
            raise FieldError(where, "an earlier version needs short_answer, full_answer or url")
        return version


def _bind(
    reader: Callable[[str, Mapping[str, Any]], Any], where: str, item: Mapping[str, Any]
) -> Callable[[], Any]:
    return lambda: reader(where, item)


def _target(given: str) -> Target:
    """A referral target: ``KR.123`` or ``123``, a DOI (bare or as a doi.org URL), or a URL."""
    try:
        return Target("doi", identifiers.normalise("doi", given))
    except identifiers.InvalidIdentifierError:
        pass
    if read.is_url(given):
        return Target("url", given)
    try:
        return Target("answer", identifiers.normalise_kennisrotonde(given))
    except identifiers.InvalidIdentifierError:
        raise FieldError(
            "referred_to", f"{given!r} is no Kennisrotonde number, DOI or http(s) URL"
        ) from None


def _check(record: Record, errors: list[FieldError]) -> None:
    """What the fields say together: an answer has a date and a text, dates in order, a
    referral names what it was referred to."""
    _check_status(record, errors)
    if record.answered is None:
        given = [f for f in ANSWER_FIELDS if getattr(record, f)]
        given += [f for f in ("sources", "experts", "related") if getattr(record, f)]
        given += ["revisions"] * bool(record.versions)
        given += [f for f in ("access_rights", "license") if getattr(record, f)]
        if given:
            errors.append(FieldError("answer_date", f"required with {', '.join(given)}"))
        return
    if not any(getattr(record, f) for f in ANSWER_FIELDS):
        errors.append(FieldError("answer_date", "an answer needs short_answer, full_answer or url"))
    if record.asked is not None and record.answered < record.asked:
        errors.append(
            FieldError(
                "answer_date", f"{record.answered} is before the question date {record.asked}"
            )
        )
    for index, source in enumerate(record.sources, start=1):
        if source.year is not None and source.year > record.answered.year:
            errors.append(
                FieldError(
                    f"sources[{index}].year",
                    f"{source.year} is after the answer date {record.answered}",
                )
            )
    for index, version in enumerate(record.versions, start=1):
        early = record.asked is not None and version.answered < record.asked
        if version.answered >= record.answered or early:
            errors.append(
                FieldError(
                    f"revisions[{index}].answer_date",
                    f"{version.answered} is not between the question date {record.asked} and "
                    f"the answer date {record.answered}",
                )
            )


def _check_status(record: Record, errors: list[FieldError]) -> None:
    status = str(record.status or "").rsplit("/", 1)[-1]
    kinds = {t.kind for t in record.referred_to}
    if record.referred_to and status not in REFERRED:
        errors.append(
            FieldError("referred_to", f"needs a status of {', '.join(REFERRED)} (status)")
        )
    if status == "referred-to-earlier-answer" and "answer" not in kinds:
        errors.append(
            FieldError("referred_to", "the Kennisrotonde number of the earlier answer is needed")
        )
    if status == "referred-to-other-source" and not kinds:
        errors.append(FieldError("referred_to", "the source (a DOI or URL) is needed"))
    if status == "answered" and record.answered is None:
        errors.append(FieldError("status", "answered needs an answer_date"))
    if status in ("open", "withdrawn") and record.answered is not None:
        errors.append(FieldError("status", f"{status} but the record has an answer_date"))
