"""The change report of a register load: the previous release as the graph holds it against the
new release about to replace it (register_changes.py compares them)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from neo4j import Driver

from kennisgraaf import identifiers
from kennisgraaf.errors import KennisgraafError
from kennisgraaf.graph.literals import parse_key
from kennisgraaf.graph.mapping import NodeStatements
from kennisgraaf.graph.naming import iri_for, name_for
from kennisgraaf.loaders import ror_files
from kennisgraaf.loaders.rdf_reader import Statement
from kennisgraaf.loaders.register_changes import (
    LINKS,
    RULES,
    Changes,
    Facts,
    add_fact,
    compare,
    entries,
)
from kennisgraaf.loaders.source_kind import Source
from kennisgraaf.queries.registry import get_query


def previous_facts(driver: Driver, database: str, key: str, natural: dict[str, str]) -> Facts:
    """What source `key` says in the graph now: its literal statements and its links."""
    facts: Facts = {}
    records, _, _ = driver.execute_query(
        get_query("registers.previous_statements").text, key=key, database_=database
    )
    for record in records:
        said = NodeStatements.from_json(json.loads(record["said"]))
        for prop, lexical in said.literals:
            predicate, _, language = parse_key(prop, natural)
            add_fact(facts, record["iri"], predicate, lexical, language)
    links, _, _ = driver.execute_query(
        get_query("registers.previous_links").text,
        key=key,
        types=[name_for(p) for p in LINKS],
        database_=database,
    )
    for link in links:
        add_fact(facts, link["s"], iri_for(link["type"]), link["o"])
    return facts


def _value(term: object) -> tuple[str, str | None]:
    return str(getattr(term, "value", term)), getattr(term, "language", None)


def file_facts(reader: Source, batch_size: int) -> Facts:
    """What the new release's file says (one more pass over the parsed statements)."""
    facts: Facts = {}
    for batch in reader.batches(batch_size):
        for st in batch.statements:
            add_statement(facts, st)
    return facts


def add_statement(facts: Facts, st: Statement) -> None:
    value, lang = _value(st.object)
    add_fact(facts, _value(st.subject)[0], st.predicate.value, value, lang)


def successors(kind: str, path: Path) -> dict[str, str]:
    """Identifier → successor's, as the new release states it. ROR: an inactive or withdrawn
    record's successor relation, and an active record's predecessor relation."""
    if kind != "ror":
        return {}
    found: dict[str, str] = {}
    for record in ror_files.read_records(path):
        try:
            ror = identifiers.normalise("ror", record.get("id"))
            for link in record.get("relationships") or []:
                other = identifiers.normalise("ror", link.get("id"))
                if link.get("type") == "successor" and record.get("status") != "active":
                    found[ror] = other
                elif link.get("type") == "predecessor" and record.get("status") == "active":
                    found.setdefault(other, ror)
        except (KennisgraafError, AttributeError, TypeError):
            continue  # a malformed record is refused by the loader itself
    return found


def change_report(
    kind: str, previous: Facts, new: Facts, successor_of: Mapping[str, str]
) -> Changes:
    rule = RULES[kind]
    return compare(entries(previous, rule), entries(new, rule), successor_of)
