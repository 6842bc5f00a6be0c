"""The five stages of the knowledge cycle, read from the function vocabulary.

`vocabularies.ttl` names the functions (skos:notation), labels them and orders them
(kg:cycleOrder); `kennisgraaf.ttl` says which activity class performs which function
(owl:hasValue on kg:function). Traces, the funnel, the CLI and the diagrams read them here, so a
stage is named and ordered in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from rdflib import OWL, RDFS, SKOS, Graph, Literal, URIRef

from kennisgraaf.errors import OntologyError
from kennisgraaf.ontology.files import BASE, KG, ontology_graph, vocabularies_graph

FUNCTION_SCHEME = URIRef(BASE + "def/function")
CYCLE_ORDER = URIRef(KG + "cycleOrder")
FUNCTION = URIRef(KG + "function")


@dataclass(frozen=True)
class CycleStage:
    name: str  # the function's skos:notation: "articulation", "creation", …
    iri: str
    labels: dict[str, str]  # skos:prefLabel by language
    activity_class: str  # local name of the kg: class performing it: "QuestionArticulation", …

    @property
    def title(self) -> str:
        """The short English heading: "Articulation"."""
        return self.name.capitalize()


def _activity_classes(ontology: Graph) -> dict[URIRef, str]:
    """Function IRI → local name of the class whose restriction fixes kg:function to it."""
    classes: dict[URIRef, str] = {}
    for restriction in ontology.subjects(OWL.onProperty, FUNCTION):
        function = ontology.value(restriction, OWL.hasValue)
        for cls in ontology.subjects(RDFS.subClassOf, restriction):
            if isinstance(function, URIRef) and isinstance(cls, URIRef):
                classes[function] = str(cls).removeprefix(KG)
    return classes


@cache
def cycle_stages() -> tuple[CycleStage, ...]:
    """The stages in cycle order (parsed once per process)."""
    vocab = vocabularies_graph()
    classes = _activity_classes(ontology_graph())
    ordered: list[tuple[int, CycleStage]] = []
    for function in vocab.objects(FUNCTION_SCHEME, SKOS.hasTopConcept):
        order = vocab.value(function, CYCLE_ORDER)
        if not isinstance(function, URIRef) or not isinstance(order, Literal):
            raise OntologyError(f"function {function} has no kg:cycleOrder")
        if function not in classes:
            raise OntologyError(f"no activity class performs the function {function}")
        labels = {
            label.language: str(label)
            for label in vocab.objects(function, SKOS.prefLabel)
            if isinstance(label, Literal) and label.language
        }
        name = str(vocab.value(function, SKOS.notation))
        stage = CycleStage(name, str(function), labels, classes[function])
        ordered.append((int(order), stage))
    return tuple(stage for _, stage in sorted(ordered, key=lambda pair: pair[0]))


def stage_names() -> tuple[str, ...]:
    """The stage names in cycle order: ("articulation", "creation", …, "use")."""
    return tuple(stage.name for stage in cycle_stages())


def stage_of_activity_class() -> dict[str, str]:
    """Activity class local name → stage name: {"QuestionArticulation": "articulation", …}."""
    return {stage.activity_class: stage.name for stage in cycle_stages()}
