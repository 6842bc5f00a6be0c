"""The dataset as a catalogue entry harvesters read: DCAT-AP 3.0.1 and DCAT-AP-NL 3.0.

Beside the VoID description (api/void.py) of the same dataset, this states a `dcat:Catalog`
holding the dataset and the SPARQL service; the dataset's publisher, creator, contact point,
identifier, access rights, theme, temporal and spatial coverage, issue date and the ontology it
conforms to; each distribution's access URL, licence, file type and media type; and the SPARQL
service's title, description, endpoint, licence and the standard it implements. Publisher,
contact point, licence and coverage come from the settings (`publisher_*`, `contact_*`,
`licence`, `coverage_*`).

Every outside term used as a value is typed with the class DCAT-AP gives its range, and the
codes are those of the EU Publications Office's authority tables (data theme EDUC, access right
PUBLIC, country NLD, file types) that DCAT-AP prescribes. tests/unit/test_catalog.py checks the
result against the official SHACL shapes of both profiles.
"""

from __future__ import annotations

import datetime as dt

import pyoxigraph as ox

from kennisgraaf.api.void import (
    DCAT,
    DCT,
    RDF_TYPE,
    XSD,
    Stats,
    _Triples,
    dataset_iri,
    distribution_iri,
    sparql_iri,
    void_triples,
)
from kennisgraaf.graph.naming import PREFIXES
from kennisgraaf.rdf_formats import RDF_SYNTAXES
from kennisgraaf.settings import Settings

FOAF, SKOS, VCARD = (PREFIXES[p] for p in ("foaf", "skos", "vcard"))
ONTOLOGY = "https://w3id.org/kennisgraaf/def"
AUTHORITY = "http://publications.europa.eu/resource/authority/"
EDUCATION = AUTHORITY + "data-theme/EDUC"
PUBLIC = AUTHORITY + "access-right/PUBLIC"
NETHERLANDS = AUTHORITY + "country/NLD"
LANGUAGES = {"nl": AUTHORITY + "language/NLD", "en": AUTHORITY + "language/ENG"}
SPARQL_PROTOCOL = "https://www.w3.org/TR/sparql11-protocol/"
SPARQL_DESCRIPTION = "https://www.w3.org/TR/sparql11-service-description/"
# The EU file type of each dump, by the dump's file suffix.
FILE_TYPES = {
    "ttl": "RDF_TURTLE",
    "nt": "RDF_N_TRIPLES",
    "jsonld": "JSON_LD",
    "rdf": "RDF_XML",
    "nq": "RDF_N_QUADS",
    "trig": "RDF_TRIG",
}
SERVICE_TITLES = {"en": "kennisgraaf SPARQL endpoint", "nl": "SPARQL-endpoint van kennisgraaf"}
SERVICE_DESCRIPTIONS = {
    "en": "SPARQL 1.1 queries over the public statements of the kennisgraaf dataset.",
    "nl": "SPARQL 1.1-bevragingen over de openbare uitspraken van de kennisgraaf-dataset.",
}
CATALOG_TITLES = {"en": "kennisgraaf catalogue", "nl": "Catalogus van kennisgraaf"}
CATALOG_DESCRIPTIONS = {
    "en": "The datasets and data services kennisgraaf publishes.",
    "nl": "De datasets en dataservices die kennisgraaf publiceert.",
}
DUMP_TITLES = {"en": "kennisgraaf as {}", "nl": "kennisgraaf als {}"}
DUMP_DESCRIPTIONS = {
    "en": "Every public statement of the graph, and this description after them, as {}.",
    "nl": "Alle openbare uitspraken van de graaf, met deze beschrijving erna, als {}.",
}
KEYWORDS = {
    "en": ("education", "educational research", "knowledge utilisation", "knowledge questions"),
    "nl": ("onderwijs", "onderwijsonderzoek", "kennisbenutting", "kennisvragen"),
}


def catalog_iri(base_iri: str) -> str:
    return base_iri + "catalog"


def publisher_iri(settings: Settings) -> str:
    return settings.publisher_iri or settings.base_iri + "id/organisation/publisher"


def _texts(out: _Triples, subject: ox.NamedNode, predicate: str, texts: dict[str, str]) -> None:
    for lang, text in texts.items():
        out.add(subject, predicate, ox.Literal(text, language=lang))


def _typed(out: _Triples, iri: str, cls: str) -> ox.NamedNode:
    node = ox.NamedNode(iri)
    out.add(node, RDF_TYPE, ox.NamedNode(cls))
    return node


def _date(value: dt.date) -> ox.Literal:
    return ox.Literal(value.isoformat(), datatype=ox.NamedNode(XSD + "date"))


def _stamp(value: dt.datetime) -> ox.Literal:
    text = value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
    return ox.Literal(text, datatype=ox.NamedNode(XSD + "dateTime"))


class _Parties:
    """Publisher, contact point and licence: the same nodes for every entry of the catalogue."""

    def __init__(self, out: _Triples, settings: Settings) -> None:
        self.publisher = _typed(out, publisher_iri(settings), FOAF + "Agent")
        out.add(self.publisher, RDF_TYPE, ox.NamedNode(FOAF + "Organization"))
        out.add(self.publisher, FOAF + "name", ox.Literal(settings.publisher_name))
        self.contact = _typed(out, settings.base_iri + "id/contact-point", VCARD + "Kind")
        out.add(self.contact, RDF_TYPE, ox.NamedNode(VCARD + "Organization"))
        out.add(self.contact, VCARD + "fn", ox.Literal(settings.publisher_name))
        if settings.contact_email:
            out.add(
                self.contact, VCARD + "hasEmail", ox.NamedNode("mailto:" + settings.contact_email)
            )
        url = settings.contact_url or settings.base_iri
        out.add(self.contact, VCARD + "hasURL", ox.NamedNode(url))
        self.licence = _typed(out, settings.licence, DCT + "LicenseDocument")
        self.access = _typed(out, PUBLIC, DCT + "RightsStatement")
        self.theme = _typed(out, EDUCATION, SKOS + "Concept")
        scheme = _typed(out, AUTHORITY + "data-theme", SKOS + "ConceptScheme")
        out.add(scheme, DCT + "title", ox.Literal("Data theme", language="en"))
        out.add(self.theme, SKOS + "inScheme", scheme)
        out.add(
            self.theme,
            SKOS + "prefLabel",
            ox.Literal("Education, culture and sport", language="en"),
        )
        out.add(
            self.theme, SKOS + "prefLabel", ox.Literal("Onderwijs, cultuur en sport", language="nl")
        )

    def attribute(self, out: _Triples, subject: ox.NamedNode) -> None:
        """Publisher, contact point, access rights and theme of a dataset or data service."""
        out.add(subject, DCT + "publisher", self.publisher)
        out.add(subject, DCT + "creator", self.publisher)
        out.add(subject, DCAT + "contactPoint", self.contact)
        out.add(subject, DCT + "accessRights", self.access)
        out.add(subject, DCAT + "theme", self.theme)
        for lang, words in KEYWORDS.items():
            for word in words:
                out.add(subject, DCAT + "keyword", ox.Literal(word, language=lang))


def _dataset(out: _Triples, stats: Stats, settings: Settings, parties: _Parties) -> None:
    base = settings.base_iri
    dataset = ox.NamedNode(dataset_iri(base))
    parties.attribute(out, dataset)
    out.add(dataset, DCT + "identifier", ox.Literal(dataset_iri(base)))
    ontology = _typed(out, ONTOLOGY, DCT + "Standard")
    out.add(dataset, DCT + "conformsTo", ontology)
    _typed(out, base, FOAF + "Document")
    for lang in LANGUAGES.values():
        out.add(dataset, DCT + "language", _typed(out, lang, DCT + "LinguisticSystem"))
    out.add(dataset, DCT + "spatial", _typed(out, NETHERLANDS, DCT + "Location"))
    period = ox.NamedNode(dataset_iri(base) + "/period")
    out.add(period, RDF_TYPE, ox.NamedNode(DCT + "PeriodOfTime"))
    out.add(period, DCAT + "startDate", _date(dt.date.fromisoformat(settings.coverage_start)))
    if settings.coverage_end is not None:
        out.add(period, DCAT + "endDate", _date(dt.date.fromisoformat(settings.coverage_end)))
    out.add(dataset, DCT + "temporal", period)
    if stats.issued is not None:
        out.add(dataset, DCT + "issued", _stamp(stats.issued))


def _distributions(out: _Triples, settings: Settings, parties: _Parties) -> None:
    base = settings.base_iri
    for syntax in RDF_SYNTAXES:
        suffix = syntax.suffix[1:]
        distribution = ox.NamedNode(distribution_iri(base, suffix))
        url = ox.NamedNode(f"{base}dumps/kennisgraaf.{suffix}")
        out.add(distribution, DCAT + "accessURL", url)
        out.add(distribution, DCT + "license", parties.licence)
        name = syntax.format.name
        for predicate, texts in (
            (DCT + "title", DUMP_TITLES),
            (DCT + "description", DUMP_DESCRIPTIONS),
        ):
            _texts(out, distribution, predicate, {k: v.format(name) for k, v in texts.items()})
        file_type = _typed(
            out, AUTHORITY + "file-type/" + FILE_TYPES[suffix], DCT + "MediaTypeOrExtent"
        )
        out.add(distribution, DCT + "format", file_type)
    by_query = ox.NamedNode(distribution_iri(base, "sparql"))
    out.add(by_query, DCT + "license", parties.licence)
    _texts(out, by_query, DCT + "title", SERVICE_TITLES)


def _service(out: _Triples, settings: Settings, parties: _Parties) -> ox.NamedNode:
    service = ox.NamedNode(sparql_iri(settings.base_iri))
    parties.attribute(out, service)
    _texts(out, service, DCT + "title", SERVICE_TITLES)
    _texts(out, service, DCT + "description", SERVICE_DESCRIPTIONS)
    out.add(service, DCT + "identifier", ox.Literal(sparql_iri(settings.base_iri)))
    out.add(service, DCT + "license", parties.licence)
    out.add(service, DCAT + "endpointDescription", _typed(out, SPARQL_DESCRIPTION, RDFS_RESOURCE))
    _typed(out, SPARQL_PROTOCOL, DCT + "Standard")
    return service


RDFS_RESOURCE = PREFIXES["rdfs"] + "Resource"


def _catalog(
    out: _Triples, stats: Stats, settings: Settings, parties: _Parties, service: ox.NamedNode
) -> None:
    catalog = _typed(out, catalog_iri(settings.base_iri), DCAT + "Catalog")
    _texts(out, catalog, DCT + "title", CATALOG_TITLES)
    _texts(out, catalog, DCT + "description", CATALOG_DESCRIPTIONS)
    out.add(catalog, DCT + "publisher", parties.publisher)
    out.add(catalog, DCT + "creator", parties.publisher)
    out.add(catalog, DCAT + "contactPoint", parties.contact)
    out.add(catalog, DCT + "license", parties.licence)
    out.add(catalog, FOAF + "homepage", ox.NamedNode(settings.base_iri))
    out.add(catalog, DCAT + "dataset", ox.NamedNode(dataset_iri(settings.base_iri)))
    out.add(catalog, DCAT + "service", service)
    out.add(catalog, DCAT + "themeTaxonomy", ox.NamedNode(AUTHORITY + "data-theme"))
    out.add(catalog, DCT + "spatial", ox.NamedNode(NETHERLANDS))
    for lang in LANGUAGES.values():
        out.add(catalog, DCT + "language", ox.NamedNode(lang))
    if stats.issued is not None:
        out.add(catalog, DCT + "issued", _stamp(stats.issued))
    if stats.modified is not None:
        out.add(catalog, DCT + "modified", _stamp(stats.modified))


def catalog_triples(stats: Stats, settings: Settings) -> list[ox.Triple]:
    """What DCAT-AP 3 and DCAT-AP-NL 3 add to the dataset's VoID description."""
    out = _Triples()
    parties = _Parties(out, settings)
    _dataset(out, stats, settings, parties)
    _distributions(out, settings, parties)
    service = _service(out, settings, parties)
    _catalog(out, stats, settings, parties, service)
    return list(out)


def description_triples(stats: Stats, settings: Settings) -> list[ox.Triple]:
    """The dataset's whole description: VoID with its statistics, and the DCAT-AP catalogue."""
    return void_triples(stats, settings.base_iri) + catalog_triples(stats, settings)
