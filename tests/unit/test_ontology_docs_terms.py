"""The generated ontology documentation lists every term kennisgraaf.ttl defines and every
concept scheme of vocabularies.ttl with each of its concepts, in both languages — so a term added
to the model cannot be left out of the docs (there is no checked-in copy to compare with)."""

from __future__ import annotations

import pytest
from rdflib import OWL, RDF, SKOS, URIRef

from kennisgraaf.ontology.docs import curie, render_docs
from kennisgraaf.ontology.files import ontology_graph, vocabularies_graph

KG = "https://w3id.org/kennisgraaf/def#"
# Terms of the NRO model (funding, typed links, publication metadata, toolkit strand metrics,
# the Kennisrotonde's referrals, the agenda layer): defined, hence listed.
NRO_TERMS = (
    "Programme", "Call", "Grant", "funder", "leadApplicant", "participatingOrganisation",
    "nroProjectNumber", "synthesises", "buildsOn", "fullText", "averageImpactMonths",
    "costRating", "numberOfStudies", "implementationNotes", "askerRole", "questionAsAsked",
    "sharpenedQuestion", "referredTo", "ResearchAgenda", "AgendaItem", "agendaKind", "fedBy",
    "takenUpBy",
)  # fmt: skip


def anchor(term: URIRef) -> str:
    return f'id="{curie(term).replace(":", "-").replace("/", "-")}"'


@pytest.fixture(scope="module", params=["en", "nl"])
def page(request: pytest.FixtureRequest) -> str:
    return render_docs(str(request.param))


def test_every_term_of_the_ontology_is_listed_with_its_anchor(page: str) -> None:
    ontology = ontology_graph()
    terms = {
        s for s in ontology.subjects(RDF.type, None)
        if isinstance(s, URIRef) and str(s).startswith(KG)
    }  # fmt: skip
    assert {URIRef(KG + name) for name in NRO_TERMS} <= terms
    assert [str(t) for t in sorted(terms) if anchor(t) not in page or str(t) not in page] == []


def test_every_concept_scheme_is_listed_with_every_concept(page: str) -> None:
    vocabularies = vocabularies_graph()
    schemes = [s for s in vocabularies.subjects(RDF.type, SKOS.ConceptScheme)]
    assert len(schemes) >= 20  # among them asker-role, region, agenda-kind, use-level, COAR
    missing = []
    for scheme in schemes:
        assert isinstance(scheme, URIRef)
        if str(scheme) not in page or anchor(scheme) not in page:
            missing.append(str(scheme))
        for concept in vocabularies.subjects(SKOS.inScheme, scheme):
            if isinstance(concept, URIRef) and anchor(concept) not in page:
                missing.append(str(concept))
    assert missing == []
    # a scheme is a section; the ontology's header is not a term of a scheme
    assert ontology_graph().value(URIRef(KG[:-1]), RDF.type) == OWL.Ontology
