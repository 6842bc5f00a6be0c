"""The one table of RDF formats: what each reader, the exporter, dumps, uploads and negotiation
read from it, and that it agrees with pyoxigraph."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from kennisgraaf import rdf_formats
from kennisgraaf.api.dumps import DUMPS
from kennisgraaf.api.negotiation import RDF_OFFERS, RESOURCE_FORMATS, by_param
from kennisgraaf.errors import InputError
from kennisgraaf.graph.exporter import EXPORT_FORMATS
from kennisgraaf.loaders import prescan, rdf_reader
from kennisgraaf.rdf_formats import RDF_SYNTAXES, RESULTS_SYNTAXES
from kennisgraaf.sparql import formats as sparql_formats

NAMES = ["turtle", "jsonld", "ntriples", "rdfxml", "nquads", "trig"]


def test_every_format_pyoxigraph_reads_that_we_use_is_in_the_table_once() -> None:
    assert [s.name for s in RDF_SYNTAXES] == NAMES
    assert len({s.format for s in RDF_SYNTAXES}) == len(RDF_SYNTAXES)
    for s in RDF_SYNTAXES:
        assert rdf_formats.of_format(s.format) is s
        assert ox.RdfFormat.from_media_type(s.media_type) == s.format
        assert ox.RdfFormat.from_extension(s.suffix[1:]) == s.format
        for alias in s.accepted_as:
            assert ox.RdfFormat.from_media_type(alias) == s.format, alias
        assert s.name in prescan.SYNTAXES  # the pre-scan knows it by the same name


@pytest.mark.parametrize(
    ("suffix", "name"),
    [(".ttl", "turtle"), (".turtle", "turtle"), (".nt", "ntriples"), (".nq", "nquads"),
     (".trig", "trig"), (".jsonld", "jsonld"), (".json", "jsonld"), (".rdf", "rdfxml"),
     (".xml", "rdfxml"), (".owl", "rdfxml"), (".TTL", "turtle")],
)  # fmt: skip
def test_readers_tell_the_format_from_the_suffix(suffix: str, name: str) -> None:
    assert rdf_reader.format_of(Path("data" + suffix)) == rdf_formats.BY_NAME[name].format


def test_readers_take_the_names_and_refuse_others() -> None:
    for name in NAMES:
        assert rdf_reader.format_of(Path("data.unknown"), name) == rdf_formats.BY_NAME[name].format
    with pytest.raises(InputError, match="unknown RDF format 'n3'; known: turtle, jsonld"):
        rdf_reader.format_of(Path("data.ttl"), "n3")
    with pytest.raises(InputError, match=r"extension '\.n3'.*\.jsonld"):
        rdf_reader.format_of(Path("data.n3"))


def test_export_dumps_and_uploads_read_the_same_table() -> None:
    assert list(EXPORT_FORMATS) == NAMES
    assert [(d.suffix, d.fmt) for d in DUMPS.values()] == [
        ("ttl", "turtle"), ("jsonld", "jsonld"), ("nt", "ntriples"), ("rdf", "rdfxml"),
        ("nq", "nquads"), ("trig", "trig"),
    ]  # fmt: skip
    assert DUMPS["ttl"].media_type == "text/turtle; charset=utf-8"
    assert [s.name for s in RDF_SYNTAXES if s.quads] == ["nquads", "trig"]
    # Content-Type of an upload: the registered type or an alias, never a generic type.
    assert list(rdf_formats.BY_MEDIA_TYPE) == [
        "text/turtle", "application/x-turtle", "application/ld+json", "application/n-triples",
        "application/rdf+xml", "application/n-quads", "application/trig",
    ]  # fmt: skip


def test_negotiation_offers_come_from_the_table() -> None:
    for offer in RESOURCE_FORMATS:
        if offer.rdf is not None:
            syntax = rdf_formats.of_format(offer.rdf)
            assert (offer.media_type, offer.suffix, offer.content_type) == (
                syntax.media_type, syntax.suffix, syntax.content_type
            )  # fmt: skip
            assert by_param(syntax.name, RESOURCE_FORMATS) is offer
    for graph in sparql_formats.GRAPH_FORMATS:
        assert graph in RDF_SYNTAXES


def test_results_formats_agree_with_pyoxigraph() -> None:
    assert [(s.key, s.media_type, s.content_type) for s in RESULTS_SYNTAXES] == [
        ("json", "application/sparql-results+json", "application/sparql-results+json"),
        ("xml", "application/sparql-results+xml", "application/sparql-results+xml"),
        ("csv", "text/csv", "text/csv; charset=utf-8"),
        ("tsv", "text/tab-separated-values", "text/tab-separated-values; charset=utf-8"),
    ]
    for s in RESULTS_SYNTAXES:
        for generic in s.accepted_as:
            assert ox.QueryResultsFormat.from_media_type(generic) == s.format


# --- every consumer reads the one table -------------------------------------------------------

PACKAGE = Path(__file__).resolve().parents[2]
ROOMS = ("api", "cli", "core", "graph", "loaders", "queries", "sparql", "ontology")


def test_every_route_offers_exactly_the_tables_formats() -> None:
    from kennisgraaf.api import uploads
    from kennisgraaf.api.routers import linked_data

    table = [s.media_type for s in RDF_SYNTAXES]
    rdf_offers = [f.media_type for f in RESOURCE_FORMATS if f.rdf is not None]
    assert rdf_offers == table  # /id, /doc and /def
    assert [f.media_type for f in RESOURCE_FORMATS if f.rdf is None] == ["text/html"]
    assert linked_data.VOID_FORMATS is RESOURCE_FORMATS  # /.well-known/void and /dataset
    assert [f.media_type for f in RDF_OFFERS] == table  # /dumps/kennisgraaf
    assert [s.media_type for s in sparql_formats.GRAPH_FORMATS] == table  # CONSTRUCT/DESCRIBE
    assert list(sparql_formats.RESULT_FORMATS) == list(RESULTS_SYNTAXES)  # SELECT/ASK
    assert [d.media_type for d in DUMPS.values()] == [s.content_type for s in RDF_SYNTAXES]
    assert [EXPORT_FORMATS[name] for name in NAMES] == list(RDF_SYNTAXES)
    assert set(rdf_formats.BY_MEDIA_TYPE.values()) == set(RDF_SYNTAXES)  # uploads
    assert rdf_formats.TURTLE in uploads.REPORT_FORMATS  # a validation report in Turtle
    for s in RDF_SYNTAXES:  # the readers take every format by its name and its suffix
        assert rdf_reader.format_of(Path("x" + s.suffix)) == s.format
        assert rdf_reader.format_of(Path("x.unknown"), s.name) == s.format


def test_the_sparql_route_documents_the_tables_formats() -> None:
    from kennisgraaf.api.routers import sparql

    documented = list(sparql._RESPONSES[200]["content"])
    results = [s.media_type for s in RESULTS_SYNTAXES]
    assert documented == results + [s.media_type for s in RDF_SYNTAXES]


def test_no_module_spells_out_a_media_type_of_the_table() -> None:
    """A media type of an RDF or SPARQL results format is written once, in core/rdf_formats.py
    (or pyoxigraph): a second table would drift from it. (CSV is records' type too.)"""
    spelled = {
        *(m for s in RDF_SYNTAXES for m in (s.media_type, *s.aliases)),
        *(s.media_type for s in RESULTS_SYNTAXES if "sparql" in s.media_type),
    }
    found = []
    for room in ROOMS:
        for path in (PACKAGE / room).rglob("*.py"):
            if path.name == "rdf_formats.py":
                continue
            text = path.read_text(encoding="utf-8")
            found += [f"{path.relative_to(PACKAGE)}: {m}" for m in spelled if f'"{m}' in text]
    assert found == []
