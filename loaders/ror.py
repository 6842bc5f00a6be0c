"""ROR records (the ROR v2 JSON schema) → organisations.

Input: a JSON list of ROR v2 records, plain (``.json``) or gzip-compressed (``.json.gz``), such
as the Dutch snapshot in data/registers/ror/ or the official data dump. Each record gives::

    id                     → id/organisation/ror/{id}, kg:ror "{id}"
    names (ror_display)    → foaf:name (the one name the shapes ask for), unless another
                             source already describes the organisation (the sample, a
                             Kennisrotonde expert's, a project partner's, each by the ROR ID's
                             IRI): that source's name stays the one name, and ROR's display
                             name is one of the organisation's rdfs:label (as ROR's labels are)
    names (label)          → rdfs:label, language-tagged where the record gives a language
    names (alias, acronym) → skos:altLabel, the same way
    types                  → rdf:type: kg:Organisation, plus kg:University or kg:Hogeschool for
                             education (by the names: "hogeschool"/"applied sciences" or
                             "universit…"), kg:FundingBody for funder, kg:Ministry (a name
                             starting Ministry/Ministerie) or kg:GovernmentAgency for
                             government, kg:ExpertiseOrganisation for archive
    relationships          → org:subOrganizationOf for parent and child, kg:successor,
                             kg:predecessor and kg:relatedOrganisation for successor, predecessor
                             and related; an organisation named there but absent from the file
                             is described by its ROR ID and the label the record gives it
    status                 → kg:registerStatus def/register-status/{active|inactive|withdrawn}
    established            → kg:establishedYear (xsd:gYear), where the record gives it
    external_ids           → schema:sameAs ISNI (isni.org), Wikidata (entity IRI), FundRef
                             (doi.org/10.13039/…) and the ror.org IRI; GRID, which has no
                             resolver any more, as dcterms:identifier "grid.…"
    locations[0]           → kg:region: the city as GeoNames names it (not where another source
                             describes the organisation: a resource has one kg:region)

A record of another status than ROR's three is refused (named by record and ROR ID); inactive and
withdrawn records load with their status, never as if active (the shipped snapshot holds active
ones only). Each record yields its triples or its refusal; one bad record never blocks the rest.
"""

from __future__ import annotations

import argparse
import logging
from collections.abc import Container, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF, RDFS, SKOS, XSD

from kennisgraaf import identifiers
from kennisgraaf.errors import InputError, KennisgraafError
from kennisgraaf.loaders import ror_files
from kennisgraaf.loaders.converted_source import ConvertedSource
from kennisgraaf.loaders.record_agents import KG
from kennisgraaf.loaders.record_conversion import FieldError, RdfTriple, RecordError, RecordRefusal
from kennisgraaf.loaders.source_kind import SourceKind, SourceOptions
from kennisgraaf.settings import get_settings

logger = logging.getLogger(__name__)

ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")
# External identifier type → how its value becomes an IRI.
RESOLVERS: Mapping[str, str] = {
    "isni": "https://isni.org/isni/{}",
    "wikidata": "http://www.wikidata.org/entity/{}",
    "fundref": "https://doi.org/10.13039/{}",
}
SIMPLE_TYPES: Mapping[str, URIRef] = {
    "funder": KG.FundingBody,
    "archive": KG.ExpertiseOrganisation,
}
PARENT_LINKS = ("parent", "child")
# ROR's other relationship types → the property from this record to the other organisation.
OTHER_LINKS: Mapping[str, URIRef] = {
    "successor": KG.successor,
    "predecessor": KG.predecessor,
    "related": KG.relatedOrganisation,
}
STATUSES = ("active", "inactive", "withdrawn")
REGISTER_STATUS = "https://w3id.org/kennisgraaf/def/register-status/"


def _ror_id(field: str, value: object) -> str:
    try:
        return identifiers.normalise("ror", value)
    except KennisgraafError as e:
        raise FieldError(field, str(e)) from None


def _objects(record: Mapping[str, Any], field: str) -> list[Mapping[str, Any]]:
    """The record's list of objects under `field` (none when absent)."""
    items = record.get(field)
    if items is None:
        return []
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise FieldError(field, "expected a list of objects")
    return items


def _names(record: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return _objects(record, "names")


def display_name(record: Mapping[str, Any]) -> str:
    shown = [n.get("value") for n in _names(record) if "ror_display" in (n.get("types") or [])]
    if len(shown) != 1 or not isinstance(shown[0], str) or not shown[0].strip():
        raise FieldError("names", "expected exactly one ror_display name")
    return shown[0].strip()


def _education_class(record: Mapping[str, Any]) -> URIRef | None:
    written = " ".join(str(n.get("value", "")) for n in _names(record)).casefold()
    if "hogeschool" in written or "applied sciences" in written:
        return KG.Hogeschool
    if "universit" in written:
        return KG.University
    return None


def classes(record: Mapping[str, Any]) -> list[URIRef]:
    """kg:Organisation and the subclasses the record's types (and, for education and
    government, its names) tell."""
    found = [KG.Organisation]
    types = record.get("types") or []
    if not isinstance(types, list):
        raise FieldError("types", "expected a list")
    for kind in types:
        if kind in SIMPLE_TYPES:
            found.append(SIMPLE_TYPES[kind])
        elif kind == "education":
            found.append(_education_class(record) or KG.Organisation)
        elif kind == "government":
            name = display_name(record).casefold()
            ministry = name.startswith(("ministry", "ministerie"))
            found.append(KG.Ministry if ministry else KG.GovernmentAgency)
    return sorted(set(found))


def _label(name: Mapping[str, Any]) -> Literal:
    language = name.get("lang")
    return Literal(str(name.get("value", "")).strip(), lang=language or None)


class RorConverter:
    """Triples of ROR records; `in_file` are the ROR IDs the file describes itself, `named`
    the organisations other sources describe already (the pipeline asks the graph), whose name
    the register does not give a second time (an organisation has one foaf:name)."""

    def __init__(
        self, in_file: set[str], base: str | None = None, named: Container[URIRef] = ()
    ) -> None:
        self.base = base if base is not None else get_settings().base_iri
        self.in_file = in_file
        self.named = named

    def name(self, iri: URIRef, name: str, lang: str | None) -> RdfTriple:
        """The register's name for `iri`: its foaf:name, or a label where another source
        named it already."""
        if iri in self.named:
            return iri, RDFS.label, Literal(name, lang=lang)
        return iri, FOAF.name, Literal(name)

    def iri(self, ror: str) -> URIRef:
        return identifiers.mint_iri("organisation", f"ror/{ror}", self.base)

    def triples(self, record: Mapping[str, Any]) -> list[RdfTriple]:
        """All of the record's triples, or a RecordError naming every bad field."""
        errors: list[FieldError] = []
        found: list[RdfTriple] = []
        ror = None
        try:
            ror = _ror_id("id", record.get("id"))
        except FieldError as e:
            errors.append(e)
        status = record.get("status")
        if status not in STATUSES:
            errors.append(FieldError("status", f"{status!r} is not one of {', '.join(STATUSES)}"))
        for part in (self.description, self.identifiers, self.relations):
            try:
                found.extend(part(ror or "", record))
            except FieldError as e:
                errors.append(e)
        if errors:
            raise RecordError(errors, ror)
        return found

    def description(self, ror: str, record: Mapping[str, Any]) -> Iterator[RdfTriple]:
        iri = self.iri(ror)
        name = display_name(record)
        for kind in classes(record):
            yield iri, RDF.type, kind
        if iri not in self.named:  # else the display name is one of the labels below
            yield iri, FOAF.name, Literal(name)
        yield iri, KG.ror, Literal(ror)
        if record.get("status") in STATUSES:
            yield iri, KG.registerStatus, URIRef(REGISTER_STATUS + str(record["status"]))
        established = record.get("established")
        if isinstance(established, int) and not isinstance(established, bool):
            yield iri, KG.establishedYear, Literal(f"{established:04d}", datatype=XSD.gYear)
        for entry in _names(record):
            kinds = entry.get("types") or []
            if "label" in kinds or ("ror_display" in kinds and iri in self.named):
                yield iri, RDFS.label, _label(entry)
            if "alias" in kinds or "acronym" in kinds:
                yield iri, SKOS.altLabel, _label(entry)
        locations = _objects(record, "locations")
        details = locations[0].get("geonames_details") if locations else None
        city = details.get("name") if isinstance(details, dict) else None
        if isinstance(city, str) and city.strip() and iri not in self.named:
            yield iri, KG.region, Literal(city.strip())  # one region: another source's stays

    def identifiers(self, ror: str, record: Mapping[str, Any]) -> Iterator[RdfTriple]:
        iri = self.iri(ror)
        yield iri, SCHEMA.sameAs, URIRef(f"https://ror.org/{ror}")
        for index, entry in enumerate(_objects(record, "external_ids"), start=1):
            kind, values = str(entry.get("type", "")), entry.get("all") or []
            if not isinstance(values, list):
                raise FieldError(f"external_ids[{index}].all", "expected a list")
            for value in values:
                written = str(value).replace(" ", "")
                if kind in RESOLVERS:
                    yield iri, SCHEMA.sameAs, URIRef(RESOLVERS[kind].format(written))
                elif kind == "grid":
                    yield iri, DCTERMS.identifier, Literal(written)

    def relations(self, ror: str, record: Mapping[str, Any]) -> Iterator[RdfTriple]:
        iri = self.iri(ror)
        for index, link in enumerate(_objects(record, "relationships"), start=1):
            kind = link.get("type")
            if kind not in PARENT_LINKS and kind not in OTHER_LINKS:
                continue
            other = _ror_id(f"relationships[{index}].id", link.get("id"))
            other_iri = self.iri(other)
            if other not in self.in_file:  # named only here: its ID and the label given
                yield other_iri, RDF.type, KG.Organisation
                yield self.name(other_iri, str(link.get("label", "")).strip(), None)
                yield other_iri, KG.ror, Literal(other)
            if kind == "parent":
                yield iri, ORG.subOrganizationOf, other_iri
            elif kind == "child":
                yield other_iri, ORG.subOrganizationOf, iri
            else:
                yield iri, OTHER_LINKS[str(kind)], other_iri


def _file_ids(records: Sequence[Any]) -> set[str]:
    found = set()
    for record in records:
        try:
            found.add(identifiers.normalise("ror", record.get("id")))
        except (KennisgraafError, AttributeError):
            continue  # the record itself is refused when converted
    return found


def _related_ids(records: Sequence[Any]) -> set[str]:
    found = set()
    for record in records:
        links = record.get("relationships") if isinstance(record, dict) else None
        for link in links if isinstance(links, list) else []:
            try:
                found.add(identifiers.normalise("ror", link.get("id")))
            except (KennisgraafError, AttributeError):
                continue  # the record itself is refused when converted
    return found


def record_triples(
    path: Path | str, *, base: str | None = None, named: Container[URIRef] = ()
) -> Iterator[list[RdfTriple] | RecordRefusal]:
    """For each record of the file, in order, its triples or its refusal; `named`: the
    organisations other sources describe (and name) already."""
    path = Path(path)
    records = ror_files.read_records(path)
    converter = RorConverter(_file_ids(records), base, named)
    warm = getattr(named, "warm", None)  # the graph asked about every organisation at once
    if callable(warm):
        warm(converter.iri(ror) for ror in _file_ids(records) | _related_ids(records))
    for number, record in enumerate(records, start=1):
        try:
            if not isinstance(record, dict):
                raise RecordError([FieldError("", "expected a JSON object")])
            yield converter.triples(record)
        except RecordError as e:
            yield RecordRefusal.of(path, number, None, e)
    logger.info("%s: %d ROR records", path.name, len(records))


def _source(path: Path, options: SourceOptions) -> ConvertedSource:
    # known_studies: `iri in it` when another source describes the resource in the graph
    named = options.known_studies
    return ConvertedSource(
        path, "ror", lambda: record_triples(path, base=options.base_iri, named=named)
    )


def _check(path: Path, _options: SourceOptions) -> None:
    if not ror_files.is_ror_file(path):
        raise InputError(f"{path.name}: unknown ROR file format (use .json or .json.gz)")
    ror_files.read_records(path)


KIND = SourceKind("ror", _check, _source)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m kennisgraaf.loaders.ror --rebuild DUMP.json [--out FILE]``."""
    parser = argparse.ArgumentParser(description="Rebuild the Dutch ROR snapshot from a dump.")
    parser.add_argument("--rebuild", type=Path, required=True, help="the ROR v2 JSON data dump")
    parser.add_argument("--out", type=Path, default=Path("data/registers/ror/ror-nl.json.gz"))
    args = parser.parse_args(argv)
    count = ror_files.rebuild(args.rebuild, args.out)
    print(f"{args.out}: {count} Dutch active ROR records")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
