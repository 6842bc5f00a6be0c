"""The RDF formats kennisgraaf reads and writes, and the SPARQL results formats: the one table of
each, which readers, exporter, dumps, uploads, content negotiation and SPARQL all read.

A row is pyoxigraph's format (registered media type, file extension, whether it carries named
graphs) with what kennisgraaf adds to it: the name `--format`, `?format=` and the pre-scan use;
more file suffixes the readers recognise; more names `?format=` takes; other media types that
name the syntax itself (accepted in Content-Type and Accept); and generic media types a client
may accept it as (Accept only, and only when named: `application/*` does not mean RDF/XML by way
of `application/xml`). `text/plain` is no name of N-Triples here: a client asking for plain text
is not asking for RDF.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox


@dataclass(frozen=True)
class RdfSyntax:
    name: str  # `--format`, `?format=`, the pre-scan's name for it
    format: ox.RdfFormat
    suffixes: tuple[str, ...] = ()  # besides pyoxigraph's extension, for reading files
    nicknames: tuple[str, ...] = ()  # besides the name and the extension, for `?format=`
    aliases: tuple[str, ...] = ()  # media types naming this syntax, besides the registered one
    generic: tuple[str, ...] = ()  # media types a client may accept it as (Accept only)
    # Exported with each statement in its source's graph. JSON-LD could carry graphs too, but
    # its exports and dumps are the triples, as a JSON-LD client expects of a plain document.
    quads: bool = False

    @property
    def media_type(self) -> str:
        return self.format.media_type

    @property
    def content_type(self) -> str:
        """What a response carrying it says: with the charset where the type is text/*."""
        return _with_charset(self.format.media_type)

    @property
    def suffix(self) -> str:
        return "." + self.format.file_extension

    @property
    def accepted_as(self) -> tuple[str, ...]:
        """The media types besides its own that a client may name in Accept to get it."""
        return self.aliases + self.generic


def _with_charset(media_type: str) -> str:
    return media_type + "; charset=utf-8" if media_type.startswith("text/") else media_type


TURTLE = RdfSyntax("turtle", ox.RdfFormat.TURTLE, (".turtle",), aliases=("application/x-turtle",))
NTRIPLES = RdfSyntax("ntriples", ox.RdfFormat.N_TRIPLES)
JSONLD = RdfSyntax(
    "jsonld", ox.RdfFormat.JSON_LD, (".json",), ("json-ld",), generic=("application/json",)
)
RDFXML = RdfSyntax(
    "rdfxml",
    ox.RdfFormat.RDF_XML,
    (".xml", ".owl"),
    ("xml",),
    generic=("application/xml", "text/xml"),
)
NQUADS = RdfSyntax("nquads", ox.RdfFormat.N_QUADS, quads=True)
TRIG = RdfSyntax("trig", ox.RdfFormat.TRIG, quads=True)

# In order of preference, for every route that offers RDF (resources, the model, the dataset's
# description, SPARQL graphs): the first is what `*/*` or no Accept at all gets, and a client
# accepting `application/*` gets JSON-LD wherever it asks.
RDF_SYNTAXES: tuple[RdfSyntax, ...] = (TURTLE, JSONLD, NTRIPLES, RDFXML, NQUADS, TRIG)
BY_NAME: dict[str, RdfSyntax] = {s.name: s for s in RDF_SYNTAXES}
BY_SUFFIX: dict[str, RdfSyntax] = {
    suffix: s for s in RDF_SYNTAXES for suffix in (s.suffix, *s.suffixes)
}
# Content-Type of an upload: the registered media type or an alias, never a generic type.
BY_MEDIA_TYPE: dict[str, RdfSyntax] = {
    media: s for s in RDF_SYNTAXES for media in (s.media_type, *s.aliases)
}
_BY_FORMAT: dict[ox.RdfFormat, RdfSyntax] = {s.format: s for s in RDF_SYNTAXES}


def of_format(fmt: ox.RdfFormat) -> RdfSyntax:
    return _BY_FORMAT[fmt]


@dataclass(frozen=True)
class ResultsSyntax:
    """A SPARQL results format (SELECT and ASK answers)."""

    key: str  # the name the query process and its writers use
    format: ox.QueryResultsFormat
    generic: tuple[str, ...] = ()  # media types a client may accept it as (Accept only)

    @property
    def media_type(self) -> str:
        return self.format.media_type.split(";")[0]

    @property
    def content_type(self) -> str:
        return _with_charset(self.media_type)

    @property
    def accepted_as(self) -> tuple[str, ...]:
        return self.generic


# In order of preference: the first is what `*/*` or no Accept at all gets.
RESULTS_SYNTAXES: tuple[ResultsSyntax, ...] = (
    ResultsSyntax("json", ox.QueryResultsFormat.JSON, ("application/json",)),
    ResultsSyntax("xml", ox.QueryResultsFormat.XML, ("application/xml", "text/xml")),
    ResultsSyntax("csv", ox.QueryResultsFormat.CSV),
    ResultsSyntax("tsv", ox.QueryResultsFormat.TSV),
)
RESULTS_BY_KEY: dict[str, ResultsSyntax] = {s.key: s for s in RESULTS_SYNTAXES}
