"""Result paths as text people can read, and back as SHACL paths in the quarantine report."""

from __future__ import annotations

from pathlib import Path

from rdflib import BNode, Graph, Namespace, URIRef
from rdflib.namespace import PROV, SH

from kennisgraaf.loaders.pipeline import FileReport, Rejection, report_graph
from kennisgraaf.ontology.validation import path_text, validate
from tests.unit.test_shapes import CASES, _graph, _valid_turtle

EX = Namespace("http://example.org/")

PATHS = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <http://example.org/> .
ex:s ex:inverse [ sh:inversePath ex:p ] ;
     ex:sequence ( ex:p [ sh:inversePath ex:q ] ) ;
     ex:alternative [ sh:alternativePath ( ex:p ex:q ) ] ;
     ex:star [ sh:zeroOrMorePath ex:p ] .
"""


def test_paths_read_as_sparql_property_paths() -> None:
    g = Graph().parse(data=PATHS, format="turtle")

    def text(kind: str) -> str | None:
        return path_text(g, g.value(EX.s, EX[kind]))

    assert path_text(g, EX.p) == str(EX.p)
    assert path_text(g, None) is None
    assert text("inverse") == f"^{EX.p}"
    assert text("sequence") == f"{EX.p}/^{EX.q}"
    assert text("alternative") == f"({EX.p}|{EX.q})"
    assert text("star") == f"({EX.p})*"


def test_an_inverse_path_result_names_its_predicate() -> None:
    data = _graph(_valid_turtle(), *(case.turtle for case in CASES))
    inverse = [r for r in validate(data).results if isinstance(r.path, BNode)]
    assert inverse, "the violating cases include a result on an inverse path"
    assert {r.path_text for r in inverse} == {f"^{PROV.wasGeneratedBy}"}


def test_the_quarantine_report_keeps_the_inverse_path() -> None:
    report = FileReport(path=Path("x.ttl"), source="x.ttl", import_id="i")
    report.rejections = [
        Rejection(
            focus=str(EX.a),
            path=f"^{PROV.wasGeneratedBy}",
            message="m",
            component="MinCountConstraintComponent",
        ),
        Rejection(
            focus=str(EX.b), path=str(EX.p), message="m", component="MinCountConstraintComponent"
        ),
    ]
    g = report_graph(report)
    paths = list(g.objects(None, SH.resultPath))
    assert URIRef(EX.p) in paths
    (blank,) = [p for p in paths if isinstance(p, BNode)]
    assert g.value(blank, SH.inversePath) == PROV.wasGeneratedBy
