"""Result types that several analytics share: a named resource, a role held at an organisation,
and a date read from Neo4j. Results are frozen Pydantic models: the API documents and returns
them as they are, and the CLI prints the same JSON (`model_dump(mode="json")`)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field
from pydantic.config import JsonDict

from kennisgraaf.queries.runner import to_date

ID = "https://w3id.org/kennisgraaf/id/"  # the default base, in the schema's examples

# A date field fed straight from a row: a neo4j Date becomes a Python date, anything else None.
Day = Annotated[dt.date | None, BeforeValidator(to_date)]


def result_config(*examples: JsonDict, frozen: bool = True) -> ConfigDict:
    """The configuration of a result, with examples for its schema (OpenAPI, /docs).

    Results are immutable unless `frozen=False`, named in JSON by their aliases, and every
    field is always in the JSON, so the schema says so (required) of fields with a default too.
    """
    return ConfigDict(
        frozen=frozen,
        serialize_by_alias=True,
        json_schema_serialization_defaults_required=True,
        json_schema_extra={"examples": list(examples)} if examples else None,
    )


class Result(BaseModel):
    """A result of a query."""

    model_config = result_config()


class Named(Result):
    iri: str
    name: str | None = None


class Concept(Result):
    """A SKOS concept (sector, theme, role, …); labels by language tag."""

    iri: str
    notation: str | None = None
    label: dict[str, str] = Field(default_factory=dict)
    scale: int | None = Field(default=None, description="kg:scaleValue, on ordered scales only")


class RoleAt(Result):
    """A role a person holds at an organisation."""

    role: str = Field(description="notation of the role concept, e.g. lector")
    organisation: str
    organisation_name: str | None


def short(iri: str) -> str:
    """The last segment of an IRI, to name it briefly."""
    return iri.rstrip("/").rsplit("/", 1)[-1]


def notation(value: str) -> str:
    """A concept's notation; concepts loaded without their scheme come back as IRIs, whose
    last segment is the notation by the vocabularies' minting rule."""
    return short(value) if value.startswith("http") else value
