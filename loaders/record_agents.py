"""People and organisations named in records (the project and the use-and-sharing loaders):
read from a record's fields, given the IRI their identifier gives them, and described once per
record unless another source describes them already.

* a person: ``id/person/orcid/{ORCID iD}`` (checksum-checked), ``id/person/{slug of name}`` when
  the person consented to be named, else ``id/person/anon/{hash}`` — an IRI never spells the
  name of someone the public views show by role only (README "Personal data"); consent is
  stated as ``kg:consentToBeNamed`` when the record gives it;
* an organisation: ``id/organisation/ror/{ROR ID}``, else ``id/organisation/brin/{BRIN}``,
  else ``id/organisation/{slug of name}``; its class from ``type`` (:data:`ORGANISATION_TYPES`),
  a school needing its sector (the shapes require one).

What another source describes (a register, the seed) is only linked, so its name and class stay
as that source has them; a thing this file describes must have the same name wherever the file
names it (:class:`Described`), or the later record is refused naming the earlier one."""

from __future__ import annotations

import re
from collections.abc import Callable, Container, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import FOAF, RDF

from kennisgraaf import identifiers
from kennisgraaf.loaders.record_conversion import FieldError, RdfTriple
from kennisgraaf.ontology.concepts import concept_schemes
from kennisgraaf.ontology.files import KG as KG_NS
from kennisgraaf.site_secret import keyed_hash

KG = Namespace(KG_NS)
# The `type` a record gives an organisation → its class (a school needs its sector).
ORGANISATION_TYPES: Mapping[str, URIRef] = {
    name: KG[local]
    for name, local in (
        ("organisation", "Organisation"),
        ("school", "School"),
        ("school-board", "SchoolBoard"),
        ("university", "University"),
        ("hogeschool", "Hogeschool"),
        ("teacher-education-institute", "TeacherEducationInstitute"),
        ("expertise-organisation", "ExpertiseOrganisation"),
        ("government-agency", "GovernmentAgency"),
        ("funding-body", "FundingBody"),
    )
}
_ISO = re.compile(r"(?P<y>[0-9]{4})-(?P<m>[0-9]{2})-(?P<d>[0-9]{2})")
_DUTCH = re.compile(r"(?P<d>[0-9]{1,2})-(?P<m>[0-9]{1,2})-(?P<y>[0-9]{4})")


def text(field: str, value: object, required: bool = False) -> str | None:
    """A field's text, stripped; None when empty (a FieldError when required)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise FieldError(field, "a value is required")
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise FieldError(field, f"expected text, got {value!r}")
    return str(value).strip()


def identifier(field: str, scheme: str, value: object) -> str | None:
    """The identifier in its normal form (None when empty); an invalid one is a FieldError."""
    given = text(field, value)
    if given is None:
        return None
    try:
        return identifiers.normalise(scheme, given)
    except identifiers.InvalidIdentifierError as e:
        raise FieldError(field, e.reason) from None


def concept(field: str, value: str, scheme_name: str) -> URIRef:
    """The concept of a scheme a notation or label names."""
    scheme = concept_schemes()[scheme_name]
    found = scheme.lookup(value)
    if found is None:
        known = ", ".join(scheme.notations)
        raise FieldError(field, f"unknown {scheme_name} {value.strip()!r} (known: {known})")
    return found


def past_date(field: str, value: object, required: bool = False) -> date | None:
    """``YYYY-MM-DD`` or ``DD-MM-YYYY``, not after today: the graph records what happened."""
    day = any_date(field, value, required)
    if day is not None and day > date.today():
        raise FieldError(field, f"{day} lies in the future (the graph records what happened)")
    return day


def any_date(field: str, value: object, required: bool = False) -> date | None:
    """``YYYY-MM-DD`` or ``DD-MM-YYYY``, in the past or not (a grant's agreed period)."""
    given = text(field, value, required)
    if given is None:
        return None
    match = _ISO.fullmatch(given) or _DUTCH.fullmatch(given)
    day = None
    if match:
        year, month, dd = match.group("y", "m", "d")
        with suppress(ValueError):
            day = date(int(year), int(month), int(dd))
    if day is None:
        raise FieldError(field, f"{given!r} is not a date (YYYY-MM-DD or DD-MM-YYYY)")
    return day


class Collected:
    """The field errors of one record, gathered so that one refusal lists them all."""

    def __init__(self) -> None:
        self.errors: list[FieldError] = []

    def attempt(self, read: Callable[[], Any]) -> Any:
        """What `read` returns, or None with its FieldError noted."""
        try:
            return read()
        except FieldError as e:
            self.errors.append(e)
            return None

    @contextmanager
    def noted(self) -> Iterator[None]:
        try:
            yield
        except FieldError as e:
            self.errors.append(e)


@dataclass(frozen=True)
class Person:
    name: str
    orcid: str | None
    consent: bool | None = None  # to be named publicly; None: the record does not say


CONSENT_WORDS = {
    **dict.fromkeys(("yes", "ja", "y", "j", "true", "waar", "1"), True),
    **dict.fromkeys(("no", "nee", "n", "false", "onwaar", "0"), False),
}


def consent(field: str, value: object) -> bool | None:
    """A consent field: yes/ja/true/1 or no/nee/false/0; None when empty."""
    if isinstance(value, bool):
        return value
    given = text(field, value)
    if given is None:
        return None
    found = CONSENT_WORDS.get(given.casefold())
    if found is None:
        raise FieldError(field, f"{given!r} is not yes or no (ja/nee, true/false)")
    return found


@dataclass(frozen=True)
class Organisation:
    name: str | None
    ror: str | None
    brin: str | None
    kind: URIRef
    sector: URIRef | None


def read_person(
    field: str, name: object, orcid: object, consent_value: object = None
) -> Person | None:
    """A person from a name, an optional ORCID iD and an optional consent to be named (field
    ``{field}_consent``); None when neither name nor ORCID iD is given."""
    iid = identifier(f"{field}_orcid", "orcid", orcid)
    given = text(field, name)
    agreed = consent(f"{field}_consent", consent_value)
    if given is None and iid is None:
        return None
    if given is None:
        raise FieldError(field, "the person's name is needed with an ORCID iD")
    return Person(given, iid, agreed)


def read_organisation(fields: Mapping[str, str], values: Mapping[str, object]) -> Organisation:
    """An organisation from its values by role (``name``, ``ror``, ``brin``, ``type``,
    ``sector``); `fields` names the field each role was read from, for the messages."""
    ror = identifier(fields["ror"], "ror", values.get("ror"))
    brin = identifier(fields["brin"], "brin", values.get("brin"))
    name = text(fields["name"], values.get("name"))
    if name is None and ror is None and brin is None:
        raise FieldError(fields["name"], "a name, ROR ID or BRIN code is required")
    type_text = text(fields["type"], values.get("type")) or "organisation"
    kind = ORGANISATION_TYPES.get(type_text.casefold())
    if kind is None:
        known = ", ".join(ORGANISATION_TYPES)
        raise FieldError(fields["type"], f"unknown organisation type {type_text!r} ({known})")
    sector_text = text(fields["sector"], values.get("sector"))
    sector = concept(fields["sector"], sector_text, "sector") if sector_text else None
    if kind == KG.School and sector is None:
        raise FieldError(fields["sector"], "a school needs its sector (PO, VO, …)")
    return Organisation(name, ror, brin, kind, sector)


@dataclass
class Described:
    """What this file describes, by IRI: the name or title it gave it and where (``line 4``).
    A record's entries are kept only once the whole record is good (:meth:`keep`)."""

    seen: dict[URIRef, tuple[str, str]] = field(default_factory=dict)
    pending: dict[URIRef, tuple[str, str]] = field(default_factory=dict)

    def check(self, iri: URIRef, description: str, field_name: str, where: str) -> None:
        earlier = self.seen.get(iri) or self.pending.get(iri)
        if earlier is not None and earlier[0] != description:
            raise FieldError(
                field_name,
                f"{iri} is described as {description!r} here but as {earlier[0]!r} in {earlier[1]}",
            )
        self.pending.setdefault(iri, (description, where))

    def keep(self, good: bool) -> None:
        if good:
            self.seen.update(self.pending)
        self.pending.clear()


class Agents:
    """IRIs and descriptions of the people and organisations of one file."""

    def __init__(self, base: str, elsewhere: Container[URIRef], described: Described) -> None:
        self.base = base
        self.elsewhere = elsewhere
        self.described = described

    def person_iri(self, person: Person) -> URIRef:
        if person.orcid:
            key = f"orcid/{person.orcid}"
        elif person.consent:
            key = identifiers.slugify(person.name)
        else:  # shown by role only: the IRI must not spell the name
            key = f"anon/{keyed_hash('person', person.name)[:20]}"  # keyed: no guessing
        return identifiers.mint_iri("person", key, self.base)

    def organisation_iri(self, organisation: Organisation) -> URIRef:
        if organisation.ror:
            key = f"ror/{organisation.ror}"
        elif organisation.brin:
            key = f"brin/{organisation.brin}"
        else:
            key = identifiers.slugify(organisation.name or "")
        return identifiers.mint_iri("organisation", key, self.base)

    def check_person(self, person: Person, field_name: str, where: str) -> None:
        iri = self.person_iri(person)
        if iri not in self.elsewhere:
            self.described.check(iri, person.name, field_name, where)

    def check_organisation(self, organisation: Organisation, field_name: str, where: str) -> None:
        iri = self.organisation_iri(organisation)
        if iri in self.elsewhere:
            return
        if organisation.name is None:
            raise FieldError(
                field_name, f"{iri} is not in the graph yet, so its name is needed to describe it"
            )
        self.described.check(iri, organisation.name, field_name, where)

    def person(self, person: Person) -> Iterator[RdfTriple]:
        iri = self.person_iri(person)
        yield from self.describe(iri, KG.Person, person.name, {KG.orcid: person.orcid})
        if person.consent is not None and iri not in self.elsewhere:
            yield iri, KG.consentToBeNamed, Literal(person.consent)

    def organisation(self, organisation: Organisation) -> Iterator[RdfTriple]:
        iri = self.organisation_iri(organisation)
        ids = {KG.ror: organisation.ror, KG.brin: organisation.brin}
        return self.describe(iri, organisation.kind, organisation.name, ids, organisation.sector)

    def describe(
        self,
        iri: URIRef,
        kind: URIRef,
        name: str | None,
        ids: Mapping[URIRef, str | None],
        sector: URIRef | None = None,
    ) -> Iterator[RdfTriple]:
        """Class, name, identifiers and sector, unless another source describes the thing."""
        if iri in self.elsewhere:
            return
        yield iri, RDF.type, kind
        yield iri, FOAF.name, Literal(name)
        for prop, value in ids.items():
            if value:
                yield iri, prop, Literal(value)
        if sector is not None:
            yield iri, KG.sector, sector
