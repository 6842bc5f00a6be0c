"""/cypher without the `restricted` scope: queries that could reach the bookkeeping keys (where
restricted personal data lives) are refused before Neo4j sees them; ordinary ones pass."""

from __future__ import annotations

from typing import Any

import pytest

from kennisgraaf.api.errors import ApiError
from kennisgraaf.api.restricted_cypher import check_public_query, public_rows

REFUSED = [
    ("MATCH (p:Person) RETURN p._restricted", {}),
    ("MATCH (p:Person) RETURN p.`_by:abc`", {}),
    ("MATCH (p:Person) RETURN properties(p)", {}),
    ("MATCH (p:Person) RETURN keys(p)", {}),
    ("MATCH (p:Person) RETURN p {.*}", {}),
    ("MATCH (p:Person) RETURN p['_restricted']", {}),
    ("MATCH (p:Person) RETURN p['_res' + 'tricted']", {}),
    ("MATCH (p:Person) RETURN p[$k]", {"k": "foaf_name"}),
    ("MATCH (p:Person) WITH p, 'x' AS k RETURN p[k]", {}),
    ("MATCH (p:Person) RETURN p.foaf_name AS name", {"k": "_restricted"}),
    # what an interrupted import held back, a quarantine report, extents, an erasure's traces
    ("MATCH (i:Import) RETURN i.held", {}),
    ("MATCH (r:ImportBatchReport) RETURN r.`report`", {}),
    ("MATCH (e:SourceExtent) RETURN e {.iris}", {}),
    ("MATCH (c:ProjectionChange) UNWIND c.iris AS iri RETURN iri", {}),
    ("MATCH (e:Erasure {identifiers: $x}) RETURN count(e)", {"x": ["0000-0002-9990-0038"]}),
    ("MATCH (e:Erasure) WHERE e.keyHash STARTS WITH 'a' RETURN e.id", {}),
    ("MATCH (e:Erasure) RETURN e.by, e.standIn, e.map", {}),
]
ACCEPTED = [
    "MATCH (q:KnowledgeQuestion)-[:sector]->(s {skos_notation: $s}) RETURN q.iri AS iri",
    "MATCH (p:Person) RETURN p, p.foaf_name AS name ORDER BY name",
    "MATCH (p:Person) WITH collect(p.foaf_name) AS names RETURN names[0], names[1..3], names[-1]",
    "UNWIND [1, 2, 3] AS x RETURN x",
    "MATCH (i:Import) RETURN i.id, i.source, i.status ORDER BY i.id",
    "MATCH (p:Person {foaf_name: $s}) RETURN p {.foaf_name, born: 1} ORDER BY p.foaf_name",
]


@pytest.mark.parametrize(("query", "parameters"), REFUSED)
def test_a_query_that_could_read_bookkeeping_keys_is_refused(
    query: str, parameters: dict[str, Any]
) -> None:
    with pytest.raises(ApiError) as refused:
        check_public_query(query, parameters, 1000)
    assert refused.value.status == 403


@pytest.mark.parametrize("query", ACCEPTED)
def test_ordinary_queries_pass(query: str) -> None:
    check_public_query(query, {"s": "PO"}, 1000)


def test_returned_nodes_lose_their_bookkeeping_keys() -> None:
    props = {"iri": "i", "_restricted": "{}", "_by:k": "{}", "foaf_name": "N"}
    node = {"element_id": "4:x:1", "labels": ["Person"], "properties": props}
    assert public_rows([{"p": node, "n": 1}]) == [
        {"p": {**node, "properties": {"iri": "i", "foaf_name": "N"}}, "n": 1}
    ]


def test_returned_bookkeeping_nodes_lose_what_may_name_people() -> None:
    props = {"id": "import-1", "source": "kr", "held": '[["urn:x:p", "…"]]', "status": "running"}
    node = {"element_id": "4:x:2", "labels": ["Import"], "properties": props}
    assert public_rows([{"i": node}]) == [
        {"i": {**node, "properties": {"id": "import-1", "source": "kr", "status": "running"}}}
    ]
