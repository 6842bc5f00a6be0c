"""The OWL 2 DL check of the published model: profile violations and a DL reasoner's verdict.

Each OWL document the `def` namespace serves is checked on its own, as a tool that fetched it
reads it: the ontology (kennisgraaf.ttl with personal-data.ttl, served together), the
vocabularies, and any other packaged Turtle model file (the SHACL shapes are not an OWL
ontology and are left out). Then all their axioms together are checked again and classified by
HermiT. The check is the small Java program in `owl-check/` (the OWL API's OWL2DLProfile and
HermiT, both fetched by Maven), built on first use into the build folder and run as a child
process; nothing is fetched while it runs, since the documents import nothing.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from rdflib import Graph

from kennisgraaf.errors import OntologyError
from kennisgraaf.ontology import java_build
from kennisgraaf.ontology.files import (
    ONTOLOGY_FILE,
    PERSONAL_DATA_FILE,
    SHAPES_FILE,
    VOCABULARIES_FILE,
    ontology_graph,
    vocabularies_graph,
)

MAIN_CLASS = "nl.kennisgraaf.owlcheck.OwlCheck"
SOURCES = ("pom.xml", "src/main/java/nl/kennisgraaf/owlcheck/OwlCheck.java")
# Files that are part of a document checked under another name, or not OWL at all.
_NOT_SEPARATE = {ONTOLOGY_FILE, PERSONAL_DATA_FILE, VOCABULARIES_FILE, SHAPES_FILE}
MERGED = "model"  # the name under which the documents together are reported
RUN_TIMEOUT_S = 300.0


@dataclass(frozen=True)
class Violation:
    document: str  # a document's name, or MERGED
    kind: str  # the OWL API's class name, e.g. UseOfUndeclaredObjectProperty
    text: str


@dataclass(frozen=True)
class OwlReport:
    axioms: Mapping[str, int]  # document (and MERGED) → number of OWL axioms read
    violations: tuple[Violation, ...]
    unparsed: tuple[str, ...]  # triples the OWL parser could not turn into axioms
    cardinalities: tuple[str, ...]  # every cardinality restriction read, functional syntax
    reasoner: str
    consistent: bool
    unsatisfiable: tuple[str, ...]  # named classes that can have no member
    reasoner_seconds: float

    @property
    def passed(self) -> bool:
        return (
            not self.violations and not self.unparsed and self.consistent and not self.unsatisfiable
        )

    def summary(self) -> str:
        counts = {name: 0 for name in self.axioms}
        for violation in self.violations:
            counts[violation.document] += 1
        lines = [
            f"{name}: {self.axioms[name]} axioms, {counts[name]} OWL 2 DL profile violations"
            for name in self.axioms
        ]
        lines += [f"  {v.document}: {v.kind}: {v.text}" for v in self.violations]
        lines += [f"  unparsed: {t}" for t in self.unparsed]
        verdict = "consistent" if self.consistent else "INCONSISTENT"
        lines.append(f"{self.reasoner}: {verdict}, {len(self.unsatisfiable)} unsatisfiable classes")
        lines += [f"  unsatisfiable: {c}" for c in self.unsatisfiable]
        return "\n".join(lines)


def published_documents() -> dict[str, Graph]:
    """The OWL documents of the model by name, each as it is served."""
    documents = {"ontology": ontology_graph(), "vocabularies": vocabularies_graph()}
    package = resources.files("kennisgraaf.ontology")
    for entry in sorted(package.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".ttl") and entry.name not in _NOT_SEPARATE:
            graph = Graph()
            try:
                graph.parse(data=entry.read_text(encoding="utf-8"), format="turtle")
            except Exception as e:  # rdflib raises several unrelated types for bad Turtle
                raise OntologyError(f"cannot parse {entry.name}: {e}") from e
            documents[entry.name.removesuffix(".ttl")] = graph
    return documents


def check_model(build_root: Path) -> OwlReport:
    """Check the published documents; see `check_documents`."""
    return check_documents(published_documents(), build_root=build_root)


def check_documents(documents: Mapping[str, Graph], *, build_root: Path) -> OwlReport:
    """Check each document against the OWL 2 DL profile, then all of them together, and
    classify them together with HermiT. The checker is built under `build_root` on first use."""
    classpath = checker_classpath(build_root)
    with tempfile.TemporaryDirectory(prefix="kg-owl-check-") as folder:
        arguments = []
        for name, graph in documents.items():
            path = Path(folder) / f"{name}.ttl"
            graph.serialize(destination=path, format="turtle", encoding="utf-8")
            arguments.append(f"{name}={path}")
        java = java_build.program("java", "the OWL check needs Java 17+")
        try:
            done = subprocess.run(
                [java, "-cp", classpath, MAIN_CLASS, *arguments],
                capture_output=True,
                text=True,
                timeout=RUN_TIMEOUT_S,
                check=False,
            )
        except subprocess.TimeoutExpired as e:
            raise OntologyError(f"the OWL check took longer than {RUN_TIMEOUT_S:.0f} s") from e
    if done.returncode != 0:
        tail = "\n".join(done.stderr.strip().splitlines()[-15:])
        raise OntologyError(f"the OWL check failed (exit {done.returncode}):\n{tail}")
    return _report(json.loads(done.stdout.strip().splitlines()[-1]))


def _report(data: dict[str, object]) -> OwlReport:
    documents: list[dict[str, object]] = data["documents"]  # type: ignore[assignment]
    merged: dict[str, object] = data["merged"]  # type: ignore[assignment]
    axioms = {str(d["name"]): int(str(d["axioms"])) for d in documents}
    axioms[MERGED] = int(str(merged["axioms"]))
    violations = [
        Violation(name, str(v["kind"]), str(v["text"]))
        for name, found in [(str(d["name"]), d["violations"]) for d in documents]
        + [(MERGED, merged["violations"])]
        for v in found  # type: ignore[attr-defined]
    ]
    unparsed = [str(t) for d in documents for t in d["unparsed"]]  # type: ignore[attr-defined]
    return OwlReport(
        axioms=axioms,
        violations=tuple(violations),
        unparsed=tuple(unparsed),
        cardinalities=tuple(str(c) for c in merged["cardinalities"]),  # type: ignore[attr-defined]
        reasoner=str(merged["reasoner"]),
        consistent=bool(merged["consistent"]),
        unsatisfiable=tuple(str(c) for c in merged["unsatisfiable"]),  # type: ignore[attr-defined]
        reasoner_seconds=float(str(merged["reasoner_seconds"])),
    )


def checker_classpath(build_root: Path) -> str:
    """Build the checker once per version of its sources and return its classpath."""
    return java_build.classpath(build_root, "owl-check", SOURCES, "OWL checker")
