"""The API's own bodies: the /cypher request and answer, and the health report. Results of
queries are typed where they are made (kennisgraaf.queries.analytics) and returned as they are."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from kennisgraaf.queries.analytics.common import ID, result_config


class Neo4jServer(BaseModel):
    name: str
    version: str
    edition: str


class Health(BaseModel):
    model_config = result_config(
        {"status": "ok", "neo4j": {"name": "Neo4j Kernel", "version": "5.26.0",
                                   "edition": "community"},
         "base_iri": "https://w3id.org/kennisgraaf/", "imports": {"running": False}}
    )  # fmt: skip
    status: str
    neo4j: Neo4jServer
    base_iri: str
    imports: dict[str, bool | int] = Field(
        description="whether an import runs, and the jobs in each state (queued, reading, loading)"
    )


# --- read-only Cypher --------------------------------------------------------------------------


class CypherRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "query": "MATCH (q:KnowledgeQuestion)-[:sector]->(s {skos_notation: $s}) "
                    "RETURN q.iri AS iri ORDER BY iri",
                    "parameters": {"s": "PO"},
                }
            ]
        },
    )
    query: str = Field(min_length=1, max_length=100_000, description="one read-only Cypher query")
    parameters: dict[str, Any] = Field(default_factory=dict)


class CypherResult(BaseModel):
    model_config = result_config(
        {"columns": ["iri"], "rows": [{"iri": ID + "question/q01"}], "truncated": False,
         "row_limit": 10000}
    )  # fmt: skip
    columns: list[str]
    rows: list[dict[str, Any]] = Field(
        description="one object per record; nodes, relationships and paths as objects, "
        "temporal values as ISO 8601 text"
    )
    truncated: bool = Field(description="true when the query had more rows than row_limit")
    row_limit: int
