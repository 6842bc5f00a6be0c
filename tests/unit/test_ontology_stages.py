"""The cycle's stages come from the function vocabulary: names, order, labels, activity classes."""

from __future__ import annotations

from typing import get_args

from kennisgraaf.api.routers.questions import Stage
from kennisgraaf.ontology.stages import cycle_stages, stage_names, stage_of_activity_class


def test_the_five_stages_in_cycle_order() -> None:
    assert stage_names() == ("articulation", "creation", "organisation", "sharing", "use")


def test_each_stage_has_its_labels_and_the_class_performing_it() -> None:
    assert [(s.title, s.labels["nl"], s.activity_class) for s in cycle_stages()] == [
        ("Articulation", "vraagarticulatie", "QuestionArticulation"),
        ("Creation", "kenniscreatie", "KnowledgeCreation"),
        ("Organisation", "kennisorganisatie", "KnowledgeOrganisation"),
        ("Sharing", "kennisdeling", "KnowledgeSharing"),
        ("Use", "kennisbenutting", "KnowledgeUse"),
    ]
    assert stage_of_activity_class()["KnowledgeUse"] == "use"
    assert cycle_stages()[3].iri == "https://w3id.org/kennisgraaf/def/function/sharing"


def test_the_api_parameter_type_names_the_same_stages() -> None:
    # A typing.Literal must be spelled out for mypy and the OpenAPI enum; this keeps it honest.
    assert get_args(Stage) == stage_names()
