"""Helpers shared by the pipeline tests: load a file, export the graph as rdflib."""

from __future__ import annotations

import io
from pathlib import Path

from neo4j import Driver
from rdflib import Graph

from kennisgraaf.graph.exporter import export
from kennisgraaf.graph.model import natural_datatypes
from kennisgraaf.loaders.pipeline import FileReport, LoadOptions, load_file

BASE = "https://w3id.org/kennisgraaf/"


def options(tmp_path: Path, **kw: object) -> LoadOptions:
    return LoadOptions(base_iri=BASE, quarantine_dir=tmp_path / "quarantine", **kw)  # type: ignore[arg-type]


def load(driver: Driver, database: str, path: Path, tmp_path: Path, **kw: object) -> FileReport:
    return load_file(path, driver, database, options(tmp_path, **kw))


def exported_bytes(driver: Driver, database: str, fmt: str) -> bytes:
    buf = io.BytesIO()
    export(driver, database, buf, fmt, BASE, natural_datatypes())
    return buf.getvalue()


def exported(driver: Driver, database: str, fmt: str = "ntriples") -> Graph:
    rdflib_fmt = {"ntriples": "nt", "turtle": "turtle", "jsonld": "json-ld", "rdfxml": "xml"}[fmt]
    return Graph().parse(data=exported_bytes(driver, database, fmt), format=rdflib_fmt)
