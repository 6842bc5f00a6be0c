"""The seed facts that no YAML mapping can make: coded regions, networks, merged duplicates and
the relations between named resources.

Each function reads one of the seed tables in loaders/examples and adds to (or rewrites) the
graph the mappings made:

* ``seed-regions.csv`` (``code,name,alt_name,broader,source``): the municipalities the appendix's
  places lie in, as SKOS concepts ``id/region/{CBS code}`` of the region scheme, ``skos:broader``
  their province. The country and the provinces are concepts of the vocabulary
  (``def/region/NL01``, ``def/region/PV20`` … ``PV31``).
* ``seed-initiatives.csv``, column ``region_code``: the coded region (``kg:inRegion``) of an
  initiative whose free-text place names one region; an ambiguous place (``region_match``
  ``ambiguous``: several provinces, or a group of schools) keeps only its text, so an initiative
  with a ``kg:region`` and no ``kg:inRegion`` is one flagged for a person to reconcile.
  Column ``same_as``: the network an initiative also is (``network/researched``); its statements
  move to that IRI, so the seed holds it once.
* Anything with a ``kg:networkKind`` is a ``kg:Network`` (the property's domain, stated).
* ``seed-agendas.csv`` (``agenda,title_nl,title_en,kind,creators,activities,description,source``):
  the research agendas the document names, each a ``kg:ResearchAgenda`` at its key below ``id/``
  (an appendix initiative that is an agenda keeps its initiative IRI) with its kind (a notation
  of the agenda-kind scheme), the organisations that make it and the agenda activities that serve
  it (``activity dcterms:relation agenda``). The document dates none of them, so no issue date.
* ``seed-relations.csv`` (``subject,property,object,language,datatype,source``): one statement
  a row between resources the other tables name (``organisation/nro``, keys below ``id/``), a
  vocabulary term (``org:Post``), a web address, or a literal when ``language`` or ``datatype``
  is given.

Every problem is collected and raised as one InputError naming the file, the line and the column.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, RDFS, SKOS, XSD
from rdflib.term import Node

from kennisgraaf.errors import InputError
from kennisgraaf.identifiers import slugify
from kennisgraaf.loaders.csv_rows import csv_rows
from kennisgraaf.ontology.concepts import concept_schemes
from kennisgraaf.ontology.files import BASE, KG, ontology_graph

ID = BASE + "id/"
AGENDA_KIND = BASE + "def/agenda-kind/"
SEED_DOCUMENT = URIRef(ID + "document/ontwikkelagenda-kennisinfrastructuur-2019")
REGION_SCHEME = URIRef(BASE + "def/region")
VOCABULARY_REGION = BASE + "def/region/"
DATA_REGION = ID + "region/"
PREFIXES: Mapping[str, str] = {
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "prov": str(PROV),
    "org": str(ORG),
    "foaf": str(FOAF),
    "schema": "https://schema.org/",
    "kg": KG,
}
K = Namespace(KG)


class _Problems:
    """The problems of one file, raised together."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lines: list[str] = []

    def add(self, line: int, column: str, reason: str) -> None:
        self.lines.append(f"line {line}, column {column!r}: {reason}")

    def raise_any(self) -> None:
        if self.lines:
            listed = "\n  ".join(self.lines)
            raise InputError(f"{self.path.name}: {len(self.lines)} errors\n  {listed}")


def _rows(path: Path, needed: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    def check(header: list[str]) -> None:
        missing = [n for n in needed if n not in header]
        if missing:
            raise InputError(f"{path.name}, line 1: missing columns {', '.join(missing)}")

    for line, header, cells in csv_rows(path, check):
        yield line, {h: c.strip() for h, c in zip(header, cells, strict=False)}


def region_iri(code: str) -> URIRef:
    """The concept of a CBS code: the vocabulary's for the country and the provinces, the seed's
    (``id/region/GM….``) for a municipality."""
    return URIRef((DATA_REGION if code.startswith("GM") else VOCABULARY_REGION) + code)


def vocabulary_region_codes() -> frozenset[str]:
    """NL01 and PV20 … PV31: the codes of the region scheme's concepts."""
    return frozenset(concept_schemes()["region"].notations)


def add_regions(graph: Graph, path: Path) -> frozenset[str]:
    """The municipalities of `path` as region concepts; returns every known code."""
    problems = _Problems(path)
    provinces = {c for c in vocabulary_region_codes() if c.startswith("PV")}
    codes = set(vocabulary_region_codes())
    for line, row in _rows(path, ("code", "name", "alt_name", "broader")):
        code, broader = row["code"], row["broader"]
        if len(code) != 6 or not code.startswith("GM") or not code[2:].isdigit():
            problems.add(line, "code", f"{code!r} is no municipality code (GM and four digits)")
            continue
        if broader not in provinces:
            problems.add(line, "broader", f"{broader!r} is no province code (PV20 … PV31)")
            continue
        if not row["name"]:
            problems.add(line, "name", "empty")
            continue
        concept = region_iri(code)
        graph.add((concept, RDF.type, SKOS.Concept))
        graph.add((concept, SKOS.inScheme, REGION_SCHEME))
        graph.add((concept, SKOS.notation, Literal(code)))
        graph.add((concept, K.cbsCode, Literal(code)))
        graph.add((concept, SKOS.broader, region_iri(broader)))
        for language in ("nl", "en"):
            graph.add((concept, SKOS.prefLabel, Literal(row["name"], lang=language)))
        if row["alt_name"]:
            graph.add((concept, SKOS.altLabel, Literal(row["alt_name"], lang="nl")))
        codes.add(code)
    problems.raise_any()
    return frozenset(codes)


def _initiative(name: str) -> URIRef:
    # the same slug the seed-initiatives mapping gives the row
    return URIRef(ID + "initiative/" + slugify(name))


def add_initiative_regions(graph: Graph, path: Path, codes: frozenset[str]) -> None:
    """kg:inRegion from `region_code`; merges the rows with a `same_as` into that network."""
    problems = _Problems(path)
    merges: dict[URIRef, URIRef] = {}
    for line, row in _rows(path, ("name", "region_code", "region_match", "same_as")):
        subject, code = _initiative(row["name"]), row["region_code"]
        if code and code not in codes:
            problems.add(line, "region_code", f"{code!r} is no known region (vocabulary or "
                         "seed-regions.csv)")  # fmt: skip
        elif code and row["region_match"] in ("ambiguous", "unknown"):
            problems.add(line, "region_code", f"a {row['region_match']} place has no code")
        elif code:
            graph.add((subject, K.inRegion, region_iri(code)))
        elif row["region_match"] not in ("ambiguous", "unknown"):
            problems.add(line, "region_code", "empty, but the place is not flagged ambiguous")
        if row["same_as"]:
            target = URIRef(ID + row["same_as"])
            if (target, RDF.type, K.Network) not in graph:
                problems.add(line, "same_as", f"{row['same_as']!r} is no network of the seed")
            merges[subject] = target
    problems.raise_any()
    _merge(graph, merges)


def _merge(graph: Graph, merges: Mapping[URIRef, URIRef]) -> None:
    """Move every statement about or pointing at a key of `merges` to its value."""
    for old, new in merges.items():
        for p, o in list(graph.predicate_objects(old)):
            graph.remove((old, p, o))
            graph.add((new, p, o))
        for s, p in list(graph.subject_predicates(old)):
            graph.remove((s, p, old))
            graph.add((s, p, new))


def type_networks(graph: Graph) -> None:
    """State the domain of kg:networkKind: whatever has a network kind is a kg:Network."""
    for subject in set(graph.subjects(K.networkKind, None)):
        graph.add((subject, RDF.type, K.Network))


def _term(text: str, *, known: set[Node]) -> URIRef:
    """A relation's subject or object: an absolute IRI, a prefixed name or a key below id/."""
    if text.startswith(("http://", "https://")):
        return URIRef(text)
    prefix, _, local = text.partition(":")
    if local and prefix in PREFIXES:
        return URIRef(PREFIXES[prefix] + local)
    iri = URIRef(ID + text)
    if iri not in known:
        raise ValueError(f"{text!r} names nothing in the seed (no statement about {iri})")
    return iri


def _literal(row: Mapping[str, str]) -> Literal:
    if row["language"]:
        return Literal(row["object"], lang=row["language"])
    datatype = _term(row["datatype"], known=set())
    literal = Literal(row["object"], datatype=datatype)
    if literal.ill_typed:
        raise ValueError(f"{row['object']!r} is no {row['datatype']}")
    return literal


def add_relations(graph: Graph, path: Path) -> None:
    """One statement per row of `path` (see the module docstring)."""
    problems = _Problems(path)
    rows = list(_rows(path, ("subject", "property", "object", "language", "datatype")))
    # a relation may name a resource that only other relations describe (a post, an event)
    known: set[Node] = set(graph.subjects()) | {URIRef(ID + r["subject"]) for _, r in rows}
    for line, row in rows:
        try:
            subject = _term(row["subject"], known=known)
        except ValueError as e:
            problems.add(line, "subject", str(e))
            continue
        prefix, _, local = row["property"].partition(":")
        if not local or prefix not in PREFIXES:
            problems.add(line, "property", f"{row['property']!r} is no prefixed name "
                         f"({', '.join(PREFIXES)})")  # fmt: skip
            continue
        prop = URIRef(PREFIXES[prefix] + local)
        try:
            is_literal = bool(row["language"] or row["datatype"])
            value = _literal(row) if is_literal else _term(row["object"], known=known)
        except ValueError as e:
            problems.add(line, "datatype" if row["datatype"] else "object", str(e))
            continue
        graph.add((subject, prop, value))
    problems.raise_any()


def _keys(cell: str, graph: Graph, name: str, classes: set[Node]) -> list[URIRef]:
    """The IRIs of the ``;``-separated keys below id/ in `cell`, each typed with a `classes`."""
    iris = [URIRef(ID + key.strip()) for key in cell.split(";") if key.strip()]
    unknown = [i.removeprefix(ID) for i in iris if classes.isdisjoint(graph.objects(i, RDF.type))]
    if unknown:
        raise ValueError(f"{', '.join(unknown)}: no {name} of the seed")
    return iris


def _kinds_of(cls: URIRef) -> set[Node]:
    # the seed states the leaf classes (kg:SectorCouncil, kg:SpecificActivity); the ontology knows
    # what they are kinds of
    return {c for c in ontology_graph().transitive_subjects(RDFS.subClassOf, cls) if c is not None}


def add_agendas(graph: Graph, path: Path) -> None:
    """One kg:ResearchAgenda per row of `path` (see the module docstring)."""
    problems = _Problems(path)
    columns = ("agenda", "title_nl", "title_en", "kind", "creators", "activities", "description")
    kinds = concept_schemes()["agenda-kind"].notations
    organisations, activities_ = _kinds_of(K.Organisation), _kinds_of(K.AgendaActivity)
    for line, row in _rows(path, columns):
        if not row["agenda"] or not row["title_nl"]:
            problems.add(line, "agenda" if not row["agenda"] else "title_nl", "empty")
            continue
        if row["kind"] not in kinds:
            problems.add(line, "kind", f"{row['kind']!r} is no agenda kind ({', '.join(kinds)})")
            continue
        try:
            creators = _keys(row["creators"], graph, "organisation", organisations)
        except ValueError as e:
            problems.add(line, "creators", str(e))
            continue
        try:
            activities = _keys(row["activities"], graph, "agenda activity", activities_)
        except ValueError as e:
            problems.add(line, "activities", str(e))
            continue
        _add_agenda(graph, row, creators, activities)
    problems.raise_any()


def _add_agenda(
    graph: Graph, row: Mapping[str, str], creators: list[URIRef], activities: list[URIRef]
) -> None:
    agenda = URIRef(ID + row["agenda"])
    graph.add((agenda, RDF.type, K.ResearchAgenda))
    graph.add((agenda, K.agendaKind, URIRef(AGENDA_KIND + row["kind"])))
    graph.add((agenda, DCTERMS.isReferencedBy, SEED_DOCUMENT))
    for text, language in ((row["title_nl"], "nl"), (row["title_en"], "en")):
        if text:
            graph.add((agenda, DCTERMS.title, Literal(text, lang=language)))
    if row["description"]:
        graph.add((agenda, DCTERMS.description, Literal(row["description"], lang="en")))
    for creator in creators:
        graph.add((agenda, DCTERMS.creator, creator))
    for activity in activities:
        graph.add((activity, DCTERMS.relation, agenda))
