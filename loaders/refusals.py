"""Where the gate's refusals go: statements to write now, statements held back for a later
batch, and what goes to quarantine at once — with the resources refused for good, whose later
statements and links follow them to quarantine without being validated."""

from __future__ import annotations

from dataclasses import dataclass, field

from kennisgraaf.graph.mapping import ObjectTerm, Resolved, Triple
from kennisgraaf.loaders.gate import GateOutcome
from kennisgraaf.loaders.reports import Rejection, rejection_of


@dataclass
class Refused:
    """What one run of the gate sends to quarantine: statements and the Violations why."""

    triples: list[Triple] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)
    condemned: list[str] = field(default_factory=list)  # resources refused for good, new here


class Refusals:
    """Where the gate's refusals go. A resource whose Violation no later statement can mend
    (gate.is_final) is quarantined at once and stays refused: its later statements, and links
    to it, go straight to quarantine too — as they would have when it was retried with every
    later batch and failed each time. Others are held back for the next batch, whose statements
    may complete them, and quarantined if they still fail at the end."""

    def __init__(self, genid: str) -> None:
        self.genid = genid
        self.condemned: set[str] = set()

    def screen(self, pending: list[Resolved]) -> tuple[list[Resolved], list[Resolved]]:
        """The statements that may pass, and those about or into a condemned resource."""
        if not self.condemned:
            return pending, []
        frontier = self.condemned & {s for s, _, _, _ in pending}
        while frontier:  # blank nodes only a condemned resource described go with it
            owned = {
                o
                for s, _, o, _ in pending
                if s in frontier
                and isinstance(o, str)
                and o.startswith(self.genid)
                and o not in self.condemned
            }
            self.condemned |= owned
            frontier = owned
        passing, refused = [], []
        for t in pending:
            o = t[2]
            if t[0] in self.condemned or (isinstance(o, str) and o in self.condemned):
                refused.append(t)
            else:
                passing.append(t)
        return passing, refused

    def sort(
        self,
        pending: list[Resolved],
        outcome: GateOutcome,
        refused: list[Resolved],
        final: bool,
        waiting: list[Resolved] | None = None,
    ) -> tuple[list[Resolved], list[Resolved], Refused]:
        """The statements to write, those held back, and what goes to quarantine now.
        `waiting`: held statements this batch did not concern (held_back.wake): not gated,
        held again unless the batch condemned what they are about."""
        kept, failed = split_by_outcome(pending, outcome)
        failed += waiting or []
        before = set(self.condemned)
        held: list[Resolved]
        if final:
            held, out = [], refused + failed
            self.condemned |= outcome.final_subjects
        else:
            self.condemned |= outcome.final_subjects
            held, now = self.screen(failed)
            out = refused + now
        new = self.condemned - before
        violations = outcome.violations if final else [
            r for r in outcome.violations if str(r.focus_node) in new
        ]  # fmt: skip
        triples = list(dict.fromkeys((s, p, o) for s, p, o, _ in out))
        return kept, held, Refused(triples, [rejection_of(r) for r in violations], sorted(new))


def split_by_outcome(
    pending: list[Resolved], outcome: GateOutcome
) -> tuple[list[Resolved], list[Resolved]]:
    """The statements (with their named graphs) the gate kept, and those it held back."""
    if not outcome.quarantined:
        return pending, []  # the usual case: everything passed
    graphs_of: dict[tuple[str, str, object], list[str | None]] = {}
    for s, p, o, g in pending:
        graphs_of.setdefault((s, p, _okey(o)), []).append(g)
    # The same statement may sit in several named graphs: each keeps its own provenance.
    kept = [(s, p, o, g) for s, p, o in outcome.kept for g in graphs_of.pop((s, p, _okey(o)), [])]
    failed = [
        (s, p, o, g) for s, p, o in outcome.quarantined for g in graphs_of.pop((s, p, _okey(o)), [])
    ]
    return kept, failed


def _okey(o: ObjectTerm) -> object:
    return o if isinstance(o, str) else (type(o).__name__, str(o))
