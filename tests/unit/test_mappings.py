"""ontology/mappings.ttl: every mapping joins a concept of the vocabularies to a concept of a
named outside scheme, and the ISCED mappings agree with what the vocabularies themselves say."""

from __future__ import annotations

from collections import defaultdict

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, RDFS, SKOS

from kennisgraaf.ontology.files import mappings_graph, vocabularies_graph

KG = "https://w3id.org/kennisgraaf/def#"
DEF = "https://w3id.org/kennisgraaf/def/"
ISCED = "https://w3id.org/isced/2011/level"
UNESCO = "http://vocabularies.unesco.org/thesaurus/concept"
MAPPINGS = (SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch, SKOS.narrowMatch, SKOS.relatedMatch)


def statements(graph: Graph) -> list[tuple[URIRef, URIRef, URIRef]]:
    return [(s, p, o) for s, p, o in graph if p in MAPPINGS]  # type: ignore[misc]


def test_every_mapping_joins_a_known_concept_to_an_outside_concept() -> None:
    vocabularies = vocabularies_graph()
    concepts = set(vocabularies.subjects(SKOS.inScheme, None))
    found = statements(mappings_graph())
    assert len(found) > 40
    for s, _, o in found:
        assert s in concepts, s
        assert str(o).startswith((ISCED, UNESCO)), o
        assert str(o)[len(ISCED) if str(o).startswith(ISCED) else len(UNESCO) :].isdigit(), o


def test_the_mappings_name_their_sources() -> None:
    graph = mappings_graph()
    header = URIRef(DEF + "mappings")
    assert {str(o) for o in graph.objects(header, RDFS.seeAlso)} == {
        "https://github.com/dini-ag-kim/vocabs-edu",
        "http://vocabularies.unesco.org/thesaurus",
    }
    assert graph.value(header, DCTERMS.license) is not None


def test_each_isced_concept_is_exactly_its_published_level() -> None:
    graph = mappings_graph()
    for n in range(9):
        ours = URIRef(f"{DEF}isced-2011/{n}")
        assert set(graph.objects(ours, SKOS.exactMatch)) == {URIRef(f"{ISCED}{n}")}


def test_education_levels_and_sectors_map_to_the_levels_the_vocabularies_give() -> None:
    vocabularies, graph = vocabularies_graph(), mappings_graph()
    by_sector: dict[URIRef, set[URIRef]] = defaultdict(set)
    levels = list(vocabularies.subject_objects(URIRef(KG + "isced2011Level")))
    assert levels
    for level, isced in levels:
        published = URIRef(ISCED + str(isced).rsplit("/", 1)[1])
        assert set(graph.objects(level, SKOS.broadMatch)) == {published}, level
        sector = vocabularies.value(level, URIRef(KG + "sector"))
        assert isinstance(sector, URIRef)
        by_sector[sector].add(published)
    for sector, published_levels in by_sector.items():
        assert set(graph.objects(sector, SKOS.relatedMatch)) == published_levels, sector


def test_themes_map_to_the_unesco_thesaurus() -> None:
    graph = mappings_graph()
    themes = {s for s, _, o in statements(graph) if str(s).startswith(DEF + "theme/")}
    assert len(themes) >= 10
    assert (
        URIRef(DEF + "theme/teacher-shortage"),
        SKOS.exactMatch,
        URIRef(UNESCO + "5381"),
    ) in graph
