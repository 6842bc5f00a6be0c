"""The writer's two paths store the same thing: a node the graph does not hold is created from
rows prepared before the transaction, a node it holds is merged with its stored state — field
for field the same graph either way; and rows prepared on the loading thread write what the
writer would have worked out itself (graph/batch_rows.py, graph/writer.py). Real Neo4j."""

from __future__ import annotations

from pathlib import Path

from neo4j import Driver

from kennisgraaf.graph.batch_rows import Rows
from kennisgraaf.graph.mapping import (
    MappedBatch,
    Skolemizer,
    map_statements,
    resolve,
    source_key,
)
from kennisgraaf.graph.model import natural_datatypes
from kennisgraaf.graph.provenance import split_provenance
from kennisgraaf.graph.writer import GraphWriter
from kennisgraaf.loaders.rdf_reader import format_of, iter_statements
from kennisgraaf.ontology.files import dataset_path
from kennisgraaf.queries.registry import get_query
from tests.database import fingerprint, read_graph, wipe_database

BASE = "https://w3id.org/kennisgraaf/"
IMPORT = "import-under-test"


def sample_batch(source: str) -> MappedBatch:
    path = Path(dataset_path("sample"))
    statements = list(iter_statements(path, format_of(path)))
    resolved = resolve(statements, Skolemizer(BASE, scope="rows-test"))
    return map_statements(resolved, natural_datatypes(), source)


def both_sources() -> MappedBatch:
    """The sample as said by two sources at once: each node has two parts, each link two keys."""
    one, two = sample_batch("one.ttl"), sample_batch("two.ttl")
    return MappedBatch(
        nodes={**one.nodes, **two.nodes},
        relationships=one.relationships | two.relationships,
        references=one.references | two.references,
        graphs={**one.graphs, **two.graphs},
        statements=one.statements + two.statements,
    )


def test_new_and_stored_nodes_are_written_alike(driver: Driver, database: str) -> None:
    writer = GraphWriter(driver, database, natural_datatypes())
    batch = sample_batch("one.ttl")
    subjects = {iri for iri, _ in batch.nodes}
    described = sum(1 for part in batch.nodes.values() if part.labels or part.literals)

    counts = writer.write_batch(batch, IMPORT, 0, 0)
    created = fingerprint(driver, database)
    assert counts.nodes_created == len(subjects | batch.references)
    assert counts.nodes_updated == 0
    assert counts.relationships_created == len({(s, t, o) for s, t, o, _ in batch.relationships})

    # The same batch once every resource exists bare: each node takes the stored-state path.
    wipe_database(driver, database)
    driver.execute_query(
        get_query("load.merge_references").text,
        iris=sorted(subjects | batch.references),
        database_=database,
    )
    counts = writer.write_batch(sample_batch("one.ttl"), IMPORT, 0, 0)
    assert counts.nodes_created == 0
    assert counts.nodes_updated == described  # a node with only links shows no change
    assert fingerprint(driver, database) == created

    # Each node holds its source's part, and the import that said it.
    for _labels, props in read_graph(driver, database).nodes:
        if props["iri"] in subjects:
            parts, imports = split_provenance(props)
            assert set(imports.values()) == {IMPORT}
            assert parts == {key: batch.nodes[(props["iri"], key)] for key in parts}


def test_a_second_source_on_stored_links_is_written_as_both_at_once(
    driver: Driver, database: str
) -> None:
    writer = GraphWriter(driver, database, natural_datatypes())
    # A link lists its sources in the order they asserted it; at once, in the order of their
    # keys: the source with the smaller key goes first.
    first, second = sorted(["one.ttl", "two.ttl"], key=lambda name: source_key(name, None))
    writer.write_batch(sample_batch(first), IMPORT, 0, 0)
    counts = writer.write_batch(sample_batch(second), IMPORT, 1, 0)
    assert counts.relationships_created == 0  # every link exists: the source is added to it
    one_after_other = fingerprint(driver, database)
    links = read_graph(driver, database).relationships
    assert links and all(len(props["sources"]) == 2 for *_, props, _ in links)

    wipe_database(driver, database)
    writer.write_batch(both_sources(), IMPORT, 0, 0)
    assert fingerprint(driver, database) == one_after_other


def test_rows_prepared_before_the_transaction_write_the_same(driver: Driver, database: str) -> None:
    writer = GraphWriter(driver, database, natural_datatypes())
    writer.write_batch(both_sources(), IMPORT, 0, 0)
    worked_out_inside = fingerprint(driver, database)

    wipe_database(driver, database)
    prepared = writer.prepare(both_sources(), IMPORT)
    assert writer.prepare(prepared, IMPORT) is prepared  # not worked out twice
    writer.write_batch(prepared, IMPORT, 0, 0)
    assert fingerprint(driver, database) == worked_out_inside


def test_rows_prepared_for_another_import_are_worked_out_again(
    driver: Driver, database: str
) -> None:
    writer = GraphWriter(driver, database, natural_datatypes())
    writer.write_batch(writer.prepare(sample_batch("one.ttl"), "another import"), IMPORT, 0, 0)
    imports = {
        value
        for _labels, props in read_graph(driver, database).nodes
        for key, value in props.items()
        if key.startswith("_imp:")
    }
    assert imports == {IMPORT}


def test_a_list_parameter_is_shown_by_its_length() -> None:
    rows = Rows([{"iri": BASE + "x"}] * 3)
    assert repr({"rows": rows}) == "{'rows': <3 rows>}"
    assert rows == [{"iri": BASE + "x"}] * 3
