"""CSV → RDF through a declarative YAML mapping, streamed in batches.

A mapping file describes how each row of one CSV file becomes one subject with its triples::

    name: seed-initiatives            # optional; shown in messages
    delimiter: ","                    # optional (default ","); encoding: utf-8 (BOM allowed)
    empty: ["", "-"]                  # optional: cell texts that count as empty (default [""])
    prefixes: {ex: "http://example.org/"}   # optional; kg rdf rdfs xsd skos dcterms prov org
                                            # foaf fabio dcat are built in
    class: kg:Initiative              # one class for every row, or per row from a column:
    # class:
    #   column: kind
    #   map:
    #     sectorraad: kg:SectorCouncil
    #     netwerk: {class: kg:Network, kind: network}   # a class can change the IRI kind
    subject:
      kind: initiative                # IRI {base}id/{kind}/{key}
      identifier: {column: ror, scheme: ror}   # key "ror/<normal form>" (see identifiers.py) …
      slug: name                      # … else (or when the identifier cell is empty) a slug
      slug_pattern: '^(.*?)(?: \\(.*)?$'      # optional: slug only the regex's first group
    columns:                          # each entry adds triples with the row's subject
      - column: name
        property: dcterms:title
        language: nl                  # language-tagged literal, or
        # datatype: xsd:date          # typed literal (checked: string integer decimal boolean
        #                             # date dateTime gYear anyURI); default a plain string
        required: true                # an empty cell is an error (default: skipped)
      - column: sectors
        property: kg:sector
        separator: ";"                # multi-valued cell
        vocabulary: sector            # cell → concept of scheme {base}def/sector, matched on
                                      # skos:notation or a skos:prefLabel (case-insensitive)
        values: {primair: PO}         # optional: source text → notation
      - column: place
        property: kg:region
        when: {column: place_confidence, not_equals: unknown}   # or equals; a text or a list
      - column: doi
        property: kg:doi
        identifier: doi               # normalised identifier literal
      - column: funder
        property: kg:funder
        object: {kind: organisation, scheme: ror, class: kg:FundingBody}  # IRI of another
                                      # resource (scheme omitted: slug of the cell), typed
                                      # with `class` when given
    constants:                        # triples added to every subject
      - {property: dcterms:isReferencedBy, iri: "https://w3id.org/kennisgraaf/id/document/x"}
      - {property: dcterms:source, value: "seed", language: en}

kg: classes and properties must be declared in the ontology and vocabulary names must exist,
else the mapping is refused with a :class:`ConfigurationError` naming the file and the key.

Errors in the data name the file, the line (the header is line 1; a quoted multi-line cell
counts from the line the record starts on) and the column. :func:`row_triples` converts each row
once and refuses a bad row on its own (a ``RecordRefusal`` in its place): a load quarantines it
and loads the other rows (loaders/converted_source.py; a file without one good row is refused
whole). :func:`iter_batches` and :func:`convert_file` are strict: they read the file twice — a
checking pass, then the converting pass — and raise one :class:`InputError` listing every bad
cell (at most ``record_conversion.MAX_REPORTED_ERRORS``) before any graph. Memory stays flat in
the row count (the check keeps only the slug-minted subject IRIs, to report two different names
that slug alike).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import (
    DCAT,
    DCTERMS,
    FOAF,
    ORG,
    OWL,
    PROV,
    RDF,
    RDFS,
    SKOS,
    XSD,
)
from rdflib.term import Node

from kennisgraaf import identifiers
from kennisgraaf.errors import ConfigurationError, InputError
from kennisgraaf.loaders import prescan
from kennisgraaf.loaders.converted_source import ConvertedSource
from kennisgraaf.loaders.csv_rows import csv_rows
from kennisgraaf.loaders.record_conversion import (
    Converted,
    FieldError,
    FileErrors,
    RdfTriple,
    RecordError,
    RecordRefusal,
    checked_graphs,
    merged,
)
from kennisgraaf.loaders.source_kind import SourceKind, SourceOptions
from kennisgraaf.ontology.concepts import ConceptScheme, concept_schemes, declared_terms
from kennisgraaf.ontology.files import KG
from kennisgraaf.settings import get_settings

logger = logging.getLogger(__name__)


BUILTIN_PREFIXES: Mapping[str, str] = {
    "kg": KG,
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "owl": str(OWL),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "prov": str(PROV),
    "org": str(ORG),
    "foaf": str(FOAF),
    "fabio": "http://purl.org/spar/fabio/",
    "dcat": str(DCAT),
}


# --- The mapping model ----------------------------------------------------------------------


@dataclass(frozen=True)
class Condition:
    """Apply a column rule only when another cell equals (or not) one of some texts."""

    column: str
    values: frozenset[str]
    negate: bool

    def holds(self, row: Mapping[str, str]) -> bool:
        return (row.get(self.column, "").strip() in self.values) != self.negate


@dataclass(frozen=True)
class VocabularyRule:
    scheme: ConceptScheme
    values: Mapping[str, str]  # source text → notation

    def lookup(self, text: str) -> URIRef | None:
        return self.scheme.lookup(self.values.get(text, text))


@dataclass(frozen=True)
class ObjectRule:
    kind: str
    scheme: str | None  # identifier scheme; None: slug of the cell
    rdf_class: URIRef | None


@dataclass(frozen=True)
class ColumnRule:
    column: str
    property: URIRef
    datatype: URIRef | None = None
    language: str | None = None
    separator: str | None = None
    vocabulary: VocabularyRule | None = None
    obj: ObjectRule | None = None
    identifier: str | None = None
    required: bool = False
    when: Condition | None = None


@dataclass(frozen=True)
class ClassChoice:
    rdf_class: URIRef
    kind: str | None  # overrides the subject kind


@dataclass(frozen=True)
class SubjectRule:
    kind: str
    identifier_column: str | None
    scheme: str | None
    slug_column: str | None
    slug_pattern: re.Pattern[str] | None


@dataclass(frozen=True)
class CsvMapping:
    source: Path
    name: str
    delimiter: str
    empty: frozenset[str]
    prefixes: Mapping[str, str]
    fixed_class: ClassChoice | None
    class_column: str | None
    class_map: Mapping[str, ClassChoice]
    subject: SubjectRule
    columns: tuple[ColumnRule, ...]
    constants: tuple[tuple[URIRef, Node], ...]

    def referenced_columns(self) -> list[str]:
        names = [self.class_column, self.subject.identifier_column, self.subject.slug_column]
        for rule in self.columns:
            names.append(rule.column)
            names.append(rule.when.column if rule.when else None)
        return list(dict.fromkeys(n for n in names if n))


# --- Reading a mapping file -----------------------------------------------------------------

_DATATYPES = {"string", "integer", "decimal", "boolean", "date", "dateTime", "gYear", "anyURI"}


class _MappingReader:
    """Turns the YAML document into a :class:`CsvMapping`, naming the key of every problem."""

    def __init__(self, path: Path, document: Mapping[str, Any]) -> None:
        self.path = path
        self.doc = document
        self.prefixes = dict(BUILTIN_PREFIXES)

    def fail(self, where: str, problem: str) -> ConfigurationError:
        return ConfigurationError(f"mapping {self.path.name}, {where}: {problem}")

    def expand(self, curie: object, where: str, *, declared_as: str = "") -> URIRef:
        if not isinstance(curie, str) or not curie:
            raise self.fail(where, f"expected a prefixed name or IRI, got {curie!r}")
        if curie.startswith(("http://", "https://")):
            iri = URIRef(curie)
        else:
            prefix, sep, local = curie.partition(":")
            if not sep or prefix not in self.prefixes:
                raise self.fail(where, f"unknown prefix in {curie!r}")
            iri = URIRef(self.prefixes[prefix] + local)
        if declared_as and iri.startswith(KG) and iri not in declared_terms()[declared_as]:
            raise self.fail(where, f"{curie} is not declared as a {declared_as} in the ontology")
        return iri

    def mapping(self, where: str, value: object) -> Mapping[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(where, "expected a mapping")
        return value

    def text(self, where: str, value: object) -> str:
        if not isinstance(value, str) or not value:
            raise self.fail(where, f"expected text, got {value!r}")
        return value

    def read(self) -> CsvMapping:
        known = {"name", "delimiter", "empty", "prefixes", "class", "subject", "columns"}
        if unknown := set(self.doc) - known - {"constants"}:
            raise self.fail("top level", f"unknown keys {sorted(unknown)}")
        extra = self.doc.get("prefixes", {})
        for prefix, namespace in self.mapping("prefixes", extra).items():
            self.prefixes[str(prefix)] = self.text(f"prefixes.{prefix}", namespace)
        fixed, column, class_map = self.read_class()
        columns = self.doc.get("columns")
        if not isinstance(columns, list) or not columns:
            raise self.fail("columns", "expected a non-empty list")
        empty = self.doc.get("empty", [""])
        if not isinstance(empty, list):
            raise self.fail("empty", "expected a list of texts")
        return CsvMapping(
            source=self.path,
            name=str(self.doc.get("name", self.path.stem)),
            delimiter=self.read_delimiter(),
            empty=frozenset(str(e).strip() for e in empty),
            prefixes=self.prefixes,
            fixed_class=fixed,
            class_column=column,
            class_map=class_map,
            subject=self.read_subject(),
            columns=tuple(self.read_column(i, c) for i, c in enumerate(columns)),
            constants=tuple(self.read_constant(i, c) for i, c in enumerate(self.constants())),
        )

    def read_delimiter(self) -> str:
        delimiter = self.doc.get("delimiter", ",")
        if not isinstance(delimiter, str) or len(delimiter) != 1:
            raise self.fail("delimiter", f"expected one character, got {delimiter!r}")
        return delimiter

    def constants(self) -> list[Any]:
        constants = self.doc.get("constants", [])
        if not isinstance(constants, list):
            raise self.fail("constants", "expected a list")
        return constants

    def read_class(self) -> tuple[ClassChoice | None, str | None, dict[str, ClassChoice]]:
        spec = self.doc.get("class")
        if isinstance(spec, str):
            return ClassChoice(self.expand(spec, "class", declared_as="class"), None), None, {}
        spec = self.mapping("class", spec)
        column = self.text("class.column", spec.get("column"))
        choices: dict[str, ClassChoice] = {}
        for text, choice in self.mapping("class.map", spec.get("map")).items():
            where = f"class.map.{text}"
            if isinstance(choice, dict):
                kind = choice.get("kind")
                if kind is not None:
                    self.check_kind(f"{where}.kind", kind)
                cls = self.expand(choice.get("class"), f"{where}.class", declared_as="class")
                choices[str(text)] = ClassChoice(cls, kind)
            else:
                choices[str(text)] = ClassChoice(
                    self.expand(choice, where, declared_as="class"), None
                )
        return None, column, choices

    def check_kind(self, where: str, kind: object) -> str:
        if not isinstance(kind, str) or not re.fullmatch(r"[a-z][a-z0-9-]*", kind):
            raise self.fail(where, f"expected a lower-case IRI kind, got {kind!r}")
        return kind

    def check_scheme(self, where: str, scheme: object) -> str:
        if scheme not in identifiers.NORMALISERS:
            known = ", ".join(sorted(identifiers.NORMALISERS))
            raise self.fail(where, f"unknown identifier scheme {scheme!r} (known: {known})")
        return str(scheme)

    def read_subject(self) -> SubjectRule:
        spec = self.mapping("subject", self.doc.get("subject"))
        kind = self.check_kind("subject.kind", spec.get("kind"))
        id_column = scheme = None
        if "identifier" in spec:
            ident = self.mapping("subject.identifier", spec["identifier"])
            id_column = self.text("subject.identifier.column", ident.get("column"))
            scheme = self.check_scheme("subject.identifier.scheme", ident.get("scheme"))
        slug_column = spec.get("slug")
        if slug_column is not None:
            slug_column = self.text("subject.slug", slug_column)
        if id_column is None and slug_column is None:
            raise self.fail("subject", "needs an identifier, a slug column or both")
        pattern = None
        if "slug_pattern" in spec:
            try:
                pattern = re.compile(self.text("subject.slug_pattern", spec["slug_pattern"]))
            except re.error as e:
                raise self.fail("subject.slug_pattern", str(e)) from e
        return SubjectRule(kind, id_column, scheme, slug_column, pattern)

    def read_column(self, index: int, raw: object) -> ColumnRule:
        where = f"columns[{index}]"
        spec = self.mapping(where, raw)
        known = {"column", "property", "datatype", "language", "separator", "vocabulary"}
        known |= {"values", "object", "identifier", "required", "when"}
        if unknown := set(spec) - known:
            raise self.fail(where, f"unknown keys {sorted(unknown)}")
        rule = ColumnRule(
            column=self.text(f"{where}.column", spec.get("column")),
            property=self.expand(spec.get("property"), f"{where}.property", declared_as="property"),
            datatype=self.read_datatype(where, spec),
            language=self.read_language(where, spec),
            separator=spec.get("separator"),
            vocabulary=self.read_vocabulary(where, spec),
            obj=self.read_object(where, spec),
            identifier=(
                self.check_scheme(f"{where}.identifier", spec["identifier"])
                if "identifier" in spec
                else None
            ),
            required=bool(spec.get("required", False)),
            when=self.read_condition(where, spec.get("when")),
        )
        kinds = [rule.datatype or rule.language, rule.vocabulary, rule.obj, rule.identifier]
        if sum(k is not None for k in kinds) > 1:
            raise self.fail(where, "use one of datatype/language, vocabulary, object, identifier")
        if rule.separator is not None and not (isinstance(rule.separator, str) and rule.separator):
            raise self.fail(f"{where}.separator", "expected text")
        return rule

    def read_datatype(self, where: str, spec: Mapping[str, Any]) -> URIRef | None:
        if "datatype" not in spec:
            return None
        datatype = self.expand(spec["datatype"], f"{where}.datatype")
        if not datatype.startswith(str(XSD)) or datatype[len(str(XSD)) :] not in _DATATYPES:
            raise self.fail(f"{where}.datatype", f"unsupported datatype {spec['datatype']!r}")
        if "language" in spec:
            raise self.fail(where, "a literal has a datatype or a language, not both")
        return datatype

    def read_language(self, where: str, spec: Mapping[str, Any]) -> str | None:
        if "language" not in spec:
            return None
        language = spec["language"]
        if not isinstance(language, str) or not re.fullmatch(
            r"[a-z]{2,3}(-[A-Za-z0-9]+)*", language
        ):
            raise self.fail(f"{where}.language", f"invalid language tag {language!r}")
        return language

    def read_vocabulary(self, where: str, spec: Mapping[str, Any]) -> VocabularyRule | None:
        if "vocabulary" not in spec:
            if "values" in spec:
                raise self.fail(f"{where}.values", "only allowed with a vocabulary")
            return None
        schemes = concept_schemes()
        name = spec["vocabulary"]
        if name not in schemes:
            raise self.fail(
                f"{where}.vocabulary",
                f"unknown vocabulary {name!r} (known: {', '.join(sorted(schemes))})",
            )
        scheme = schemes[name]
        values = {
            str(k): str(v)
            for k, v in self.mapping(f"{where}.values", spec.get("values", {})).items()
        }
        for text, notation in values.items():
            if scheme.lookup(notation) is None:
                raise self.fail(
                    f"{where}.values.{text}", f"{notation!r} is not in vocabulary {name}"
                )
        return VocabularyRule(scheme, values)

    def read_object(self, where: str, spec: Mapping[str, Any]) -> ObjectRule | None:
        if "object" not in spec:
            return None
        obj = self.mapping(f"{where}.object", spec["object"])
        kind = self.check_kind(f"{where}.object.kind", obj.get("kind"))
        scheme = obj.get("scheme")
        if scheme is not None:
            scheme = self.check_scheme(f"{where}.object.scheme", scheme)
        cls = obj.get("class")
        rdf_class = self.expand(cls, f"{where}.object.class", declared_as="class") if cls else None
        return ObjectRule(kind, scheme, rdf_class)

    def read_condition(self, where: str, raw: object) -> Condition | None:
        if raw is None:
            return None
        spec = self.mapping(f"{where}.when", raw)
        column = self.text(f"{where}.when.column", spec.get("column"))
        if ("equals" in spec) == ("not_equals" in spec):
            raise self.fail(f"{where}.when", "needs exactly one of equals, not_equals")
        raw_values = spec.get("equals", spec.get("not_equals"))
        values = raw_values if isinstance(raw_values, list) else [raw_values]
        return Condition(column, frozenset(str(v) for v in values), "not_equals" in spec)

    def read_constant(self, index: int, raw: object) -> tuple[URIRef, Node]:
        where = f"constants[{index}]"
        spec = self.mapping(where, raw)
        prop = self.expand(spec.get("property"), f"{where}.property", declared_as="property")
        if "iri" in spec:
            return prop, self.expand(spec["iri"], f"{where}.iri")
        if "value" not in spec:
            raise self.fail(where, "needs iri or value")
        language = self.read_language(where, spec)
        datatype = (
            self.expand(spec["datatype"], f"{where}.datatype") if "datatype" in spec else None
        )
        return prop, Literal(str(spec["value"]), lang=language, datatype=datatype)


def load_mapping(path: Path | str) -> CsvMapping:
    """Read and check a mapping file; problems raise :class:`ConfigurationError`."""
    path = Path(path)
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise ConfigurationError(f"cannot read mapping {path}: {e}") from e
    except yaml.YAMLError as e:
        raise ConfigurationError(f"mapping {path.name} is not valid YAML: {e}") from e
    if not isinstance(document, dict):
        raise ConfigurationError(f"mapping {path.name}: expected a YAML mapping at the top")
    return _MappingReader(path, document).read()


# --- Converting rows ------------------------------------------------------------------------


_LEXICAL = {
    "integer": re.compile(r"[+-]?[0-9]+"),
    "decimal": re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)"),
    "boolean": re.compile(r"true|false|1|0"),
    "date": re.compile(r"-?[0-9]{4}-[0-9]{2}-[0-9]{2}"),
    "dateTime": re.compile(
        r"-?[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]+)?"
        r"(?:Z|[+-][0-9]{2}:[0-9]{2})?"
    ),
    "gYear": re.compile(r"-?[0-9]{4}"),
    "anyURI": re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:\S+"),
}


def _literal(text: str, datatype: URIRef | None, language: str | None, column: str) -> Literal:
    """A literal of the rule's type; lexical forms are checked so no ill-typed literal is made."""
    if language:
        return Literal(text, lang=language)
    if datatype is None or datatype == XSD.string:
        return Literal(text)
    local = datatype[len(str(XSD)) :]
    valid = bool(_LEXICAL[local].fullmatch(text))
    if valid and local in {"date", "dateTime"}:
        try:  # the pattern admits impossible days such as 2019-02-30
            (date if local == "date" else datetime).fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            valid = False
    if not valid:
        raise FieldError(column, f"{text!r} is not a valid xsd:{local}")
    return Literal(text, datatype=datatype)


class RowConverter:
    """Converts one CSV row (column → cell text) into triples, or raises a list of FieldErrors."""

    def __init__(self, mapping: CsvMapping, base: str | None = None) -> None:
        self.mapping = mapping
        self.base = base if base is not None else get_settings().base_iri

    def is_empty(self, text: str) -> bool:
        return text.strip() in self.mapping.empty

    def choose_class(self, row: Mapping[str, str]) -> ClassChoice:
        if self.mapping.fixed_class is not None:
            return self.mapping.fixed_class
        column = self.mapping.class_column or ""
        text = row.get(column, "").strip()
        choice = self.mapping.class_map.get(text)
        if choice is None:
            known = ", ".join(repr(k) for k in self.mapping.class_map)
            raise FieldError(column, f"no class for {text!r} (known: {known})")
        return choice

    def subject(self, row: Mapping[str, str], kind: str) -> tuple[URIRef, str | None]:
        """The subject IRI and, when minted from a slug, the text it was slugged from."""
        rule = self.mapping.subject
        if rule.identifier_column and not self.is_empty(row.get(rule.identifier_column, "")):
            try:
                key = identifiers.identifier_key(rule.scheme or "", row[rule.identifier_column])
            except identifiers.InvalidIdentifierError as e:
                raise FieldError(rule.identifier_column, e.reason) from e
            return identifiers.mint_iri(kind, key, self.base), None
        column = rule.slug_column or rule.identifier_column or ""
        text = row.get(column, "").strip()
        if self.is_empty(text):
            raise FieldError(column, "empty, but the subject IRI is minted from it")
        if rule.slug_pattern is not None:
            match = rule.slug_pattern.match(text)
            text = (match.group(1) if match and match.groups() else text).strip() or text
        return identifiers.mint_slug_iri(kind, text, self.base), text

    def convert(self, row: Mapping[str, str]) -> tuple[URIRef, str | None, list[RdfTriple]]:
        errors: list[FieldError] = []
        subject: URIRef | None = None
        slug_text: str | None = None
        triples: list[RdfTriple] = []
        try:
            choice = self.choose_class(row)
            subject, slug_text = self.subject(row, choice.kind or self.mapping.subject.kind)
            triples.append((subject, RDF.type, choice.rdf_class))
        except FieldError as e:
            errors.append(e)
        for rule in self.mapping.columns:
            try:
                for prop, value, extra in self.cell_values(rule, row):
                    if subject is not None:
                        triples.append((subject, prop, value))
                        triples.extend(extra)
            except FieldError as e:
                errors.append(e)
        if errors:
            # One message per cell: a subject column that is also mapped would be reported twice.
            first = {e.field: e for e in reversed(errors)}
            raise RecordError([e for e in errors if first[e.field] is e])
        assert subject is not None
        triples.extend((subject, p, o) for p, o in self.mapping.constants)
        return subject, slug_text, triples

    def cell_values(
        self, rule: ColumnRule, row: Mapping[str, str]
    ) -> Iterator[tuple[URIRef, Node, list[RdfTriple]]]:
        if rule.when is not None and not rule.when.holds(row):
            return
        cell = row.get(rule.column, "")
        parts = cell.split(rule.separator) if rule.separator else [cell]
        texts = [p.strip() for p in parts if not self.is_empty(p)]
        if not texts:
            if rule.required:
                raise FieldError(rule.column, "a value is required")
            return
        for text in texts:
            yield rule.property, *self.cell_value(rule, text)

    def cell_value(self, rule: ColumnRule, text: str) -> tuple[Node, list[RdfTriple]]:
        if rule.vocabulary is not None:
            concept = rule.vocabulary.lookup(text)
            if concept is None:
                scheme = rule.vocabulary.scheme
                known = ", ".join(scheme.notations)
                raise FieldError(
                    rule.column, f"unknown {scheme.name} code {text!r} (known: {known})"
                )
            return concept, []
        if rule.identifier is not None:
            try:
                return Literal(identifiers.normalise(rule.identifier, text)), []
            except identifiers.InvalidIdentifierError as e:
                raise FieldError(rule.column, e.reason) from e
        if rule.obj is not None:
            try:
                if rule.obj.scheme is None:
                    target = identifiers.mint_slug_iri(rule.obj.kind, text, self.base)
                else:
                    target = identifiers.mint_identified_iri(
                        rule.obj.kind, rule.obj.scheme, text, self.base
                    )
            except identifiers.InvalidIdentifierError as e:
                raise FieldError(rule.column, e.reason) from e
            extra: list[RdfTriple] = []
            if rule.obj.rdf_class is not None:
                extra.append((target, RDF.type, rule.obj.rdf_class))
            return target, extra
        return _literal(text, rule.datatype, rule.language, rule.column), []


# --- Reading the CSV file -------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    line: int  # line in the file where the record starts (header is line 1)
    cells: Mapping[str, str]
    overflow: str | None = None  # why the row has more cells than the header, if it has


def _open_rows(csv_path: Path, mapping: CsvMapping) -> Iterator[Row]:
    """Rows of the file as column → text; checks the header against the mapping first."""

    def check(header: list[str]) -> None:
        missing = [c for c in mapping.referenced_columns() if c not in header]
        if missing:
            names = ", ".join(repr(c) for c in missing)
            raise InputError(
                f"{csv_path.name}, line 1: missing column {names} needed by mapping {mapping.name}"
            )

    for start, header, cells in csv_rows(csv_path, check, mapping.delimiter):
        overflow = None
        if len(cells) > len(header):
            overflow = f"{len(cells)} cells but the header has {len(header)} columns"
        yield Row(start, dict(zip(header, cells, strict=False)), overflow)


def _row_refusal(
    path: Path,
    number: int,
    row: Row,
    converter: RowConverter,
    slug_origin: dict[URIRef, tuple[int, str]],
) -> RecordRefusal | list[RdfTriple]:
    """The row's triples, or its refusal; also refuses two different names that slug to the
    same IRI (`slug_origin` keeps the first text and line of each slug-minted IRI)."""
    problems = [FieldError("", row.overflow)] if row.overflow else []
    triples: list[RdfTriple] = []
    try:
        subject, slug_text, triples = converter.convert(row.cells)
    except RecordError as e:
        problems += e.errors
        slug_text = None
    if slug_text is not None:
        line, text = slug_origin.setdefault(subject, (row.line, slug_text))
        if text != slug_text:
            column = converter.mapping.subject.slug_column or ""
            problems.append(
                FieldError(
                    column,
                    f"{slug_text!r} gives the same IRI as {text!r} on line {line} ({subject})",
                )
            )
    if problems:
        return RecordRefusal.of(path, number, row.line, RecordError(problems), "column")
    return triples


def row_triples(
    csv_path: Path | str, mapping: CsvMapping, *, base: str | None = None
) -> Iterator[Converted]:
    """For each row, in order, its triples or its RecordRefusal (a bad cell, too many cells,
    a name whose slug another name took): a bad row is refused on its own, the others load."""
    path = Path(csv_path)
    converter = RowConverter(mapping, base)
    slug_origin: dict[URIRef, tuple[int, str]] = {}
    rows = 0
    for rows, row in enumerate(_open_rows(path, mapping), start=1):
        yield _row_refusal(path, rows, row, converter, slug_origin)
    logger.info("%s: %d rows (mapping %s)", path.name, rows, mapping.name)


def _new_graph(mapping: CsvMapping) -> Graph:
    graph = Graph()
    for prefix, namespace in mapping.prefixes.items():
        graph.bind(prefix, Namespace(namespace))
    return graph


def iter_batches(
    csv_path: Path | str,
    mapping_path: Path | str,
    batch_rows: int = 5000,
    *,
    base: str | None = None,
) -> Iterator[Graph]:
    """Graphs of at most `batch_rows` rows each; bad rows anywhere raise before the first batch.
    The file is read twice — a checking pass, then the converting pass — so memory stays flat."""
    mapping = load_mapping(mapping_path)
    yield from checked_graphs(
        lambda: row_triples(csv_path, mapping, base=base),
        batch_rows,
        lambda: _new_graph(mapping),
        FileErrors(Path(csv_path), "row"),
    )


def convert_file(
    csv_path: Path | str, mapping_path: Path | str, *, base: str | None = None
) -> Graph:
    """The whole file as one graph (for small files and tests)."""
    return merged(iter_batches(csv_path, mapping_path, base=base), Graph())


def shipped_mapping(name: str, suffix: str = ".yaml") -> Path:
    """Path of a file shipped in ``loaders/mappings`` (e.g. ``seed-actors``)."""
    path = Path(__file__).with_name("mappings") / f"{name}{suffix}"
    if not path.is_file():
        available = sorted(p.stem for p in path.parent.glob(f"*{suffix}"))
        raise ConfigurationError(f"no shipped mapping {name!r} (available: {', '.join(available)})")
    return path


def _mapping_of(path: Path, options: SourceOptions) -> Path:
    if options.mapping is None:
        raise InputError(f"{path}: a CSV file needs --mapping (see loaders/mappings/README.md)")
    return options.mapping


def _check(path: Path, options: SourceOptions) -> None:
    _mapping_of(path, options)
    prescan.scan(path, "csv")


def _source(path: Path, options: SourceOptions) -> ConvertedSource:
    def convert() -> Iterator[Converted]:
        mapping = load_mapping(_mapping_of(path, options))
        return row_triples(path, mapping, base=options.base_iri)

    # The mapping's version is part of the source's: a changed mapping is a new version.
    extra = (options.mapping,) if options.mapping is not None else ()
    return ConvertedSource(path, "csv", convert, extra, unit="row")


KIND = SourceKind("csv", _check, _source)
