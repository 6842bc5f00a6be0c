"""Validation results as the rest of the code sees them, whichever engine found them."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from rdflib import Node, URIRef
from rdflib.namespace import SH


class Severity(Enum):
    """SHACL severities; only VIOLATION blocks loading."""

    VIOLATION = str(SH.Violation)
    WARNING = str(SH.Warning)
    INFO = str(SH.Info)

    @property
    def iri(self) -> URIRef:
        return URIRef(self.value)


@dataclass(frozen=True)
class ValidationResult:
    """One sh:ValidationResult, flattened."""

    focus_node: Node
    path: Node | None
    constraint_component: URIRef
    severity: Severity
    message: str
    messages: dict[str, str]
    value: Node | None
    source_shape: Node
    path_text: str | None = None  # SPARQL property-path text: "^" + IRI for an inverse path


def fill_message(template: str, bindings: dict[str, Node | None]) -> str:
    """A SPARQL-based message with {$name} / {?name} replaced by the bound terms' text."""
    for name, bound in bindings.items():
        if bound is not None:
            text = str(bound)
            template = template.replace(f"{{${name}}}", text).replace(f"{{?{name}}}", text)
    return template
