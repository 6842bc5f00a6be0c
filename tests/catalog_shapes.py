"""The official DCAT-AP 3.0.1 and DCAT-AP-NL 3.0 shapes (tests/specs/), and the violations a
description has against each profile."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pyshacl import validate
from rdflib import Graph, URIRef

SPECS = Path(__file__).parent / "specs"
PROFILES = ("dcat-ap-3.0.1", "dcat-ap-nl-3.0")
SH = "http://www.w3.org/ns/shacl#"


@lru_cache(maxsize=len(PROFILES))
def profile_shapes(profile: str) -> Graph:
    shapes = Graph()
    files = sorted((SPECS / profile).glob("*.ttl"))
    assert files, f"no shapes in {SPECS / profile}"
    for path in files:
        shapes.parse(path, format="turtle")
    return shapes


def violations(data: Graph, profile: str) -> list[str]:
    """Each sh:Violation as "focus node, path: message" (warnings are not listed)."""
    _, report, _ = validate(
        data, shacl_graph=profile_shapes(profile), inference="none", allow_warnings=True
    )
    assert isinstance(report, Graph)
    found = []
    for result in report.subjects(URIRef(SH + "resultSeverity"), URIRef(SH + "Violation")):
        focus = report.value(result, URIRef(SH + "focusNode"))
        path = report.value(result, URIRef(SH + "resultPath"))
        message = report.value(result, URIRef(SH + "resultMessage"))
        found.append(f"{focus}, {path}: {message}")
    return sorted(found)
