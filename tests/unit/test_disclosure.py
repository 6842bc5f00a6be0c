"""The personal-data classification (ontology/personal-data.ttl) and its consent defaults, applied
to a node's statements as the writer applies them (graph/disclosure.py, graph/provenance.py)."""

from __future__ import annotations

import json

import pytest
from rdflib import OWL, RDF, URIRef

from kennisgraaf.graph.disclosure import (
    NEVER,
    PUBLIC,
    RESTRICTED,
    classification,
    named_publicly,
    split_literals,
)
from kennisgraaf.graph.mapping import NodeStatements
from kennisgraaf.graph.model import natural_datatypes
from kennisgraaf.graph.naming import KG
from kennisgraaf.graph.provenance import (
    HIDDEN_KEY,
    full_props,
    merged_state,
    restricted_values,
    visible,
)
from kennisgraaf.loaders.record_agents import Agents, Described, Person
from kennisgraaf.loaders.record_agents import consent as consent_field
from kennisgraaf.ontology.files import ontology_graph

FOAF = "http://xmlns.com/foaf/0.1/"
NAME = ("foaf_name", "Sanne Voorbeeld")
ORCID = ("orcid", "0000-0002-9990-0038")
YES = ("consentToBeNamed", "true")
NO = ("consentToBeNamed", "false")


@pytest.fixture(scope="module")
def natural() -> dict[str, str]:
    return natural_datatypes()


def test_the_classification_is_read_from_the_ontology() -> None:
    c = classification()
    assert "Person" in c.person_labels
    assert c.on_person[FOAF + "name"] == RESTRICTED
    assert c.on_person[FOAF + "mbox"] == NEVER
    assert c.on_person[KG + "consentToBeNamed"] == PUBLIC
    assert c.anywhere[KG + "outcome"] == RESTRICTED
    # part of the ontology wherever it is read: the consent property is declared there
    assert (URIRef(KG + "consentToBeNamed"), RDF.type, OWL.DatatypeProperty) in ontology_graph()


@pytest.mark.parametrize(
    ("statements", "named"),
    [
        ([NAME], False),  # no consent stated: default deny
        ([NAME, YES], True),
        ([NAME, NO], False),
        ([NAME, ORCID], True),  # a researcher's public professional identity
        ([NAME, ORCID, NO], False),  # a refusal wins over the ORCID iD
        ([NAME, YES, NO], False),  # two sources disagree: the refusal wins
        ([NAME, ("consentToBeNamed", "maybe")], False),
    ],
)
def test_consent_defaults(
    statements: list[tuple[str, str]], named: bool, natural: dict[str, str]
) -> None:
    assert named_publicly(statements, natural) is named


def test_a_person_without_consent_keeps_only_what_is_declared_public(
    natural: dict[str, str],
) -> None:
    other = ("<https://example.org/anything>", "x")
    levels = split_literals({"Person"}, [NAME, other, NO, ("foaf_mbox", "a@b.nl")], natural)
    assert levels[PUBLIC] == {NO}
    assert levels[RESTRICTED] == {NAME, other}  # unknown properties: restricted (default deny)
    assert levels[NEVER] == {("foaf_mbox", "a@b.nl")}


def test_a_consenting_person_is_public_but_never_published_stays_hidden(
    natural: dict[str, str],
) -> None:
    levels = split_literals({"Person"}, [NAME, YES, ("foaf_mbox", "a@b.nl")], natural)
    assert levels[PUBLIC] == {NAME, YES}
    assert levels[NEVER] == {("foaf_mbox", "a@b.nl")}


def test_restricted_properties_are_restricted_on_anything(natural: dict[str, str]) -> None:
    outcome = ("outcome@nl", "Groep 5 werkt met feedbackkaarten.")
    levels = split_literals({"KnowledgeUse"}, [outcome, ("dcterms_title@nl", "t")], natural)
    assert levels[RESTRICTED] == {outcome}
    assert levels[PUBLIC] == {("dcterms_title@nl", "t")}
    # an organisation's name is not personal data
    assert split_literals({"Organisation"}, [NAME], natural)[PUBLIC] == {NAME}


def test_the_stored_node_shows_public_values_and_keeps_the_rest_apart(
    natural: dict[str, str],
) -> None:
    iri = "https://w3id.org/kennisgraaf/id/person/anon-1"
    part = NodeStatements(labels={"Person"}, literals={NAME, ("foaf_mbox", "a@b.nl")})
    props, labels = merged_state(iri, {"k1": part}, {"k1": "i1"}, natural)
    assert "Person" in labels
    assert "foaf_name" not in visible(props) and "foaf_mbox" not in visible(props)
    assert props[HIDDEN_KEY] is True
    assert restricted_values(props) == {"foaf_name": ["Sanne Voorbeeld"]}
    assert "a@b.nl" not in json.dumps(restricted_values(props))  # never published: not even here
    full = full_props(iri, props, natural)
    assert full["foaf_name"] == "Sanne Voorbeeld" and full["foaf_mbox"] == "a@b.nl"
    # a second source's consent makes the name public
    consent = NodeStatements(literals={YES})
    props, _ = merged_state(iri, {"k1": part, "k2": consent}, {"k1": "i1", "k2": "i2"}, natural)
    assert visible(props)["foaf_name"] == "Sanne Voorbeeld" and HIDDEN_KEY not in props


def test_a_person_iri_spells_a_name_only_with_consent() -> None:
    agents = Agents("https://w3id.org/kennisgraaf/", set(), Described())
    assert agents.person_iri(Person("Joris Proef", None, True)).endswith("/person/joris-proef")
    for consent in (None, False):
        iri = str(agents.person_iri(Person("Joris Proef", None, consent)))
        assert "/person/anon/" in iri and "joris" not in iri.lower() and "proef" not in iri
    orcid = agents.person_iri(Person("Joris Proef", "0000-0002-9990-0038", None))
    assert orcid.endswith("/person/orcid/0000-0002-9990-0038")
    assert consent_field("x", "nee") is False and consent_field("x", " JA ") is True
    assert consent_field("x", "") is None


def test_an_author_of_a_public_output_is_named_unless_they_refused(
    natural: dict[str, str],
) -> None:
    author = ("publicProfessionalIdentity", "true")
    assert named_publicly([NAME, author], natural) is True
    assert named_publicly([NAME, author, NO], natural) is False
    assert named_publicly([NAME, ("publicProfessionalIdentity", "false")], natural) is False
