"""Locate and parse the Turtle files shipped in this package.

The Turtle files are the single source of the model; everything else reads them through here,
so a wheel install and an editable install behave the same.
"""

from __future__ import annotations

from importlib.resources import as_file, files
from importlib.resources.abc import Traversable
from pathlib import Path

from rdflib import Graph

from kennisgraaf.errors import OntologyError

ONTOLOGY_FILE = "kennisgraaf.ttl"
# Personal data (AVG/GDPR): the disclosure classification and the consent property; part of the
# ontology wherever it is read.
PERSONAL_DATA_FILE = "personal-data.ttl"
VOCABULARIES_FILE = "vocabularies.ttl"
# SKOS mappings of the concept schemes to outside schemes (ISCED 2011, UNESCO Thesaurus): data
# loaded beside the vocabularies, not part of the model that validation reads.
MAPPINGS_FILE = "mappings.ttl"
SHAPES_FILE = "shapes.ttl"
DATASETS = ("seed", "sample")

BASE = "https://w3id.org/kennisgraaf/"
KG = BASE + "def#"


def _resource(*parts: str) -> Traversable:
    resource = files(__package__ or "kennisgraaf.ontology")
    for part in parts:
        resource = resource.joinpath(part)
    if not resource.is_file():
        raise OntologyError(f"packaged file {'/'.join(parts)} is missing from kennisgraaf.ontology")
    return resource


def _parse(*parts: str) -> Graph:
    graph = Graph()
    resource = _resource(*parts)
    try:
        graph.parse(data=resource.read_text(encoding="utf-8"), format="turtle")
    except Exception as e:  # rdflib raises several unrelated types for bad Turtle
        raise OntologyError(f"cannot parse {'/'.join(parts)}: {e}") from e
    return graph


def ontology_graph() -> Graph:
    """The OWL ontology (classes and properties), freshly parsed."""
    graph = _parse(ONTOLOGY_FILE)
    graph += personal_data_graph()
    return graph


def personal_data_graph() -> Graph:
    """The personal-data classification alone (graph/disclosure.py reads it)."""
    return _parse(PERSONAL_DATA_FILE)


def vocabularies_graph() -> Graph:
    """The SKOS concept schemes, freshly parsed."""
    return _parse(VOCABULARIES_FILE)


def mappings_graph() -> Graph:
    """The mappings to outside schemes, freshly parsed."""
    return _parse(MAPPINGS_FILE)


def mappings_path() -> Path:
    """Filesystem path of the mappings file, to load it (see `dataset_path`)."""
    with as_file(_resource(MAPPINGS_FILE)) as path:
        return Path(path)


def shapes_graph() -> Graph:
    """The SHACL shapes, freshly parsed."""
    return _parse(SHAPES_FILE)


def model_graph() -> Graph:
    """Ontology and vocabularies together: what validation mixes into data as ont_graph."""
    graph = ontology_graph()
    graph += vocabularies_graph()
    return graph


def dataset_path(name: str) -> Path:
    """Filesystem path of a shipped dataset (`seed` or `sample`).

    Only valid while the package is installed from a directory (wheel or editable), which is how
    kennisgraaf is always installed; zipped installs are not supported.
    """
    if name not in DATASETS:
        raise OntologyError(f"unknown dataset {name!r}; known datasets: {', '.join(DATASETS)}")
    with as_file(_resource("datasets", f"{name}.ttl")) as path:
        return Path(path)


def dataset_graph(name: str) -> Graph:
    """A shipped dataset, freshly parsed."""
    if name not in DATASETS:
        raise OntologyError(f"unknown dataset {name!r}; known datasets: {', '.join(DATASETS)}")
    return _parse("datasets", f"{name}.ttl")
