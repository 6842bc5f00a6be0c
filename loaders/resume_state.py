"""What a committed batch leaves for the next, stored with it, so that a load stopped half-way
resumes after its last committed batch without validating or writing anything again: the
statements it held back, what it quarantined (with the Violations why), the warnings it found
and the resources it refused for good."""

from __future__ import annotations

import json
from dataclasses import dataclass

import pyoxigraph as ox
from neo4j import Driver

from kennisgraaf.graph.mapping import Resolved, Triple
from kennisgraaf.loaders.refusals import Refusals, Refused
from kennisgraaf.loaders.reports import FileReport, Rejection
from kennisgraaf.queries.registry import get_query


@dataclass
class BatchState:
    """What a committed batch leaves for the next: the statements held back, and what it sent
    to quarantine (with the warnings it found), stored in its own transaction."""

    held_back: list[Resolved]
    refused: Refused
    warnings: list[Rejection]

    def held(self) -> str:
        return json.dumps([resolved_json(t) for t in self.held_back], ensure_ascii=False)

    def report(self) -> str | None:
        r = self.refused
        if not (r.triples or r.rejections or r.condemned or self.warnings):
            return None
        return json.dumps(
            {
                "quarantined": [resolved_json((s, p, o, None))[:3] for s, p, o in r.triples],
                "violations": [vars(v) for v in r.rejections],
                "warnings": [vars(w) for w in self.warnings],
                "condemned": r.condemned,
            },
            ensure_ascii=False,
        )


def resolved_json(t: Resolved) -> list[object]:
    s, p, o, g = t
    if isinstance(o, str):
        return [s, p, o, g]
    return [s, p, [o.value, o.datatype.value, o.language], g]


def resolved_of(row: list[object]) -> Resolved:
    s, p, o, g = [*row, None][:4]
    if isinstance(o, list):
        value, datatype, language = o
        literal = (
            ox.Literal(str(value), language=str(language))
            if language
            else ox.Literal(str(value), datatype=ox.NamedNode(str(datatype)))
        )
        return str(s), str(p), literal, None if g is None else str(g)
    return str(s), str(p), str(o), None if g is None else str(g)


def resume(
    driver: Driver,
    database: str,
    report: FileReport,
    refusals: Refusals,
    quarantined: list[Triple],
    keys: set[str],
) -> list[Resolved]:
    """Pick up where the import stopped: its counters, the quarantine and warnings of its
    committed batches, the resources refused for good, and what the last of them held back."""
    records, _, _ = driver.execute_query(
        get_query("load.import_resume_state").text, id=report.import_id, database_=database
    )
    state = records[0]
    report.statements_loaded = int(state["loaded"] or 0)
    report.statements_rejected = int(state["rejected"] or 0)
    keys.update(state["keys"])
    for text in state["reports"]:
        part = json.loads(text)
        quarantined.extend(resolved_of(row)[:3] for row in part["quarantined"])
        report.rejections += [Rejection(**v) for v in part["violations"]]
        report.warnings += [Rejection(**w) for w in part["warnings"]]
        refusals.condemned.update(part["condemned"])
    return [resolved_of(row) for row in json.loads(state["held"] or "[]")]
