"""What a load or a validation reports: the statements read, loaded and rejected, each
rejection and warning, the records a converter refused one by one, and for a load what it
wrote; the quarantine files a steward reads (the rejected statements as Turtle, the report as a
SHACL validation report, the refused records as JSON Lines)."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from kennisgraaf.graph.mapping import Triple
from kennisgraaf.graph.writer import WriteCounts
from kennisgraaf.loaders.record_conversion import RecordRefusal
from kennisgraaf.ontology.terms import to_rdflib
from kennisgraaf.ontology.validation import ValidationResult

log = logging.getLogger(__name__)


@dataclass
class Rejection:
    focus: str
    path: str | None
    message: str
    component: str


def rejection_of(r: ValidationResult) -> Rejection:
    return Rejection(
        focus=str(r.focus_node),
        path=r.path_text,
        message=r.message,
        component=str(r.constraint_component).rsplit("#", 1)[-1],
    )


@dataclass
class FileReport:
    path: Path
    source: str
    import_id: str
    status: str = "loaded"  # loaded | unchanged | resumed
    statements_read: int = 0
    statements_loaded: int = 0
    statements_rejected: int = 0
    rejections: list[Rejection] = field(default_factory=list)
    warnings: list[Rejection] = field(default_factory=list)
    counts: WriteCounts = field(default_factory=WriteCounts)
    seconds: float = 0.0
    quarantine: list[Path] = field(default_factory=list)
    batches_skipped: int = 0  # committed by an earlier run of the same import (resumed)
    written: list[int] = field(default_factory=list)  # index of each batch this run committed
    # Input converted record by record (CSV, Kennisrotonde): the records read, and those
    # refused before the gate (quarantined whole, with each field's problem).
    records_read: int = 0
    refused_records: list[RecordRefusal] = field(default_factory=list)
    # A register release (registers.py): the release loaded and what changed since the
    # previous one (register_changes.py); None for other sources.
    register: dict[str, object] | None = None
    # Erased people (graph/erasure_map.py) the file still names, kept out of the graph.
    erased_people_skipped: int = 0

    def add_warnings(self, results: Iterable[ValidationResult]) -> list[Rejection]:
        """Each warning once: a resource held back for the next batch is validated again.
        Returns those not seen before."""
        seen = {(w.focus, w.path, w.component, w.message) for w in self.warnings}
        added = []
        for result in results:
            warning = rejection_of(result)
            key = (warning.focus, warning.path, warning.component, warning.message)
            if key not in seen:
                seen.add(key)
                added.append(warning)
        self.warnings += added
        return added

    @property
    def batches_written(self) -> int:
        return len(self.written)

    @property
    def rejected_resources(self) -> int:
        return len({r.focus for r in self.rejections})

    def summary(self) -> dict[str, object]:
        return {
            "source": self.source,
            "import": self.import_id,
            "status": self.status,
            "statements_read": self.statements_read,
            "statements_loaded": self.statements_loaded,
            "statements_rejected": self.statements_rejected,
            "resources_rejected": self.rejected_resources,
            "warnings": len(self.warnings),
            "records_read": self.records_read,
            "records_quarantined": len(self.refused_records),
            "nodes_created": self.counts.nodes_created,
            "nodes_updated": self.counts.nodes_updated,
            "nodes_deleted": self.counts.nodes_deleted,
            "relationships_created": self.counts.relationships_created,
            "relationships_deleted": self.counts.relationships_deleted,
            "batches_skipped": self.batches_skipped,
            "batches_written": self.batches_written,
            "erased_people_skipped": self.erased_people_skipped,
            "seconds": round(self.seconds, 3),
            **({"register": self.register} if self.register is not None else {}),
        }


def report_graph(report: FileReport) -> Graph:
    """The rejections and warnings as a SHACL validation report (Turtle or JSON-LD for stewards)."""
    g = Graph()
    g.bind("sh", SH)
    root = URIRef(f"urn:kennisgraaf:report:{report.import_id}")
    g.add((root, RDF.type, SH.ValidationReport))
    g.add((root, SH.conforms, Literal(not report.rejections)))
    for n, (item, severity) in enumerate(
        [(r, SH.Violation) for r in report.rejections] + [(w, SH.Warning) for w in report.warnings]
    ):
        node = URIRef(f"{root}:result:{n}")
        g.add((root, SH.result, node))
        g.add((node, RDF.type, SH.ValidationResult))
        g.add((node, SH.focusNode, URIRef(item.focus)))
        if item.path:
            g.add((node, SH.resultPath, _path_node(g, item.path)))
        g.add((node, SH.resultSeverity, severity))
        g.add((node, SH.sourceConstraintComponent, SH[item.component]))
        g.add((node, SH.resultMessage, Literal(item.message)))
    return g


def _path_node(g: Graph, text: str) -> Node:
    """sh:resultPath from a rejection's path text; the shapes use predicate and inverse paths."""
    if text.startswith("^"):
        inverse = BNode()
        g.add((inverse, SH.inversePath, URIRef(text[1:])))
        return inverse
    return URIRef(text)


def write_quarantine(folder: Path, report: FileReport, triples: list[Triple]) -> list[Path]:
    """The rejected statements and the report; the refused records, if any, as JSON Lines
    (one line per record: file, record, line, identifier and each field's problem)."""
    folder.mkdir(parents=True, exist_ok=True)
    data = Graph()
    for s, p, o in triples:
        data.add((URIRef(s), URIRef(p), URIRef(o) if isinstance(o, str) else to_rdflib(o)))
    stem = f"{Path(report.source).stem}-{report.import_id}"
    data_path = folder / f"{stem}.rejected.ttl"
    report_path = folder / f"{stem}.report.ttl"
    data.serialize(data_path, format="turtle")
    report_graph(report).serialize(report_path, format="turtle")
    log.warning("%d statements quarantined in %s", len(triples), data_path)
    if not report.refused_records:
        return [data_path, report_path]
    records_path = folder / f"{stem}.records.jsonl"
    with records_path.open("w", encoding="utf-8") as out:
        for refusal in report.refused_records:
            out.write(json.dumps(refusal.as_json(), ensure_ascii=False) + "\n")
    log.warning("%d records quarantined in %s", len(report.refused_records), records_path)
    return [data_path, report_path, records_path]
