"""Helpers shared by the pipeline tests: load a file, export the graph as rdflib."""

from __future__ import annotations

import io
from importlib import resources
from pathlib import Path

from neo4j import Driver
from rdflib import Graph

from kennisgraaf.graph.exporter import export
from kennisgraaf.graph.model import natural_datatypes
from kennisgraaf.loaders.pipeline import FileReport, LoadOptions, load_file
from kennisgraaf.ontology.files import dataset_path

BASE = "https://w3id.org/kennisgraaf/"
KG = "https://w3id.org/kennisgraaf/def#"
TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
NAME = "http://xmlns.com/foaf/0.1/name"
EX = "https://example.org/"
HELD = f"{EX}p1"  # a person without a name: held back until a name comes, if one does


def options(tmp_path: Path, **kw: object) -> LoadOptions:
    return LoadOptions(base_iri=BASE, quarantine_dir=tmp_path / "quarantine", **kw)  # type: ignore[arg-type]


def load(driver: Driver, database: str, path: Path, tmp_path: Path, **kw: object) -> FileReport:
    return load_file(path, driver, database, options(tmp_path, **kw))


def load_sample(driver: Driver, database: str, tmp_path: Path) -> list[FileReport]:
    """The vocabularies, then the sample dataset: what most query and API tests start from."""
    vocabularies = Path(str(resources.files("kennisgraaf.ontology") / "vocabularies.ttl"))
    return [
        load(driver, database, path, tmp_path) for path in (vocabularies, dataset_path("sample"))
    ]


def exported_bytes(driver: Driver, database: str, fmt: str) -> bytes:
    buf = io.BytesIO()
    export(driver, database, buf, fmt, BASE, natural_datatypes(), public=False)
    return buf.getvalue()


def exported(driver: Driver, database: str, fmt: str = "ntriples") -> Graph:
    rdflib_fmt = {"ntriples": "nt", "turtle": "turtle", "jsonld": "json-ld", "rdfxml": "xml"}[fmt]
    return Graph().parse(data=exported_bytes(driver, database, fmt), format=rdflib_fmt)


def people_file(path: Path, batches: int, named_in: int | None) -> Path:
    """Two statements a batch: p1 without a name first, then other people with theirs; with
    `named_in`, p1's name comes in that batch."""
    lines = [f"<{HELD}> <{TYPE}> <{KG}Person> .", f'<{EX}p0> <{NAME}> "zero" .']
    for n in range(1, batches):
        if n == named_in:
            lines += [f'<{HELD}> <{NAME}> "one" .', f'<{EX}p0> <{EX}note> "x" .']
        else:
            lines += [f"<{EX}q{n}> <{TYPE}> <{KG}Person> .", f'<{EX}q{n}> <{NAME}> "q{n}" .']
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
