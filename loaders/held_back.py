"""Which statements held back for a later batch a new batch concerns.

A resource is held back when it fails the gate for want of something a later statement may
bring: a value of its own, a link into it, a description of what it links to. Validated again
with a batch that brings none of these it fails again, the same way — so it is validated again
only with a batch that has a statement about it or into it, or about something it links to. The
rest wait aside (still held, still persisted with each batch) for such a batch, the bound on
what is held, or the final pass. Without this every later batch validated everything held:
at 10^6 dirty statements the cost of a batch grew with the number of batches before it.

Held statements wake by group: a held resource with the held links into it and the held blank
nodes it describes, as they were held together, so the gate sees them as the batch that held
them did.
"""

from __future__ import annotations

from kennisgraaf.graph.mapping import Resolved


class _Groups:
    """Held resources joined by the held links between them (union-find over subjects)."""

    def __init__(self, held: list[Resolved]) -> None:
        self.subjects = {s for s, _, _, _ in held}
        self._parent: dict[str, str] = {}
        for s, _, o, _ in held:
            if isinstance(o, str) and o in self.subjects:
                self._join(s, o)

    def of(self, iri: str) -> str:
        parent = self._parent
        root = iri
        while parent.get(root, root) != root:
            root = parent[root]
        while iri != root:  # path compression: the next look-up is direct
            parent[iri], iri = root, parent[iri]
        return root

    def _join(self, a: str, b: str) -> None:
        ra, rb = self.of(a), self.of(b)
        if ra != rb:
            self._parent[rb] = ra


def wake(held: list[Resolved], batch: list[Resolved]) -> tuple[list[Resolved], list[Resolved]]:
    """The held statements `batch` concerns (whole groups, in held order), and those that wait."""
    if not held:
        return [], []
    groups = _Groups(held)
    subjects = groups.subjects
    linking: dict[str, set[str]] = {}  # what held resources link to (not itself held) → groups
    for s, _, o, _ in held:
        if isinstance(o, str) and o not in subjects:
            linking.setdefault(o, set()).add(groups.of(s))
    woken: set[str] = set()
    for s, _, o, _ in batch:
        if s in subjects:
            woken.add(groups.of(s))  # more about a held resource
        if isinstance(o, str) and o in subjects:
            woken.add(groups.of(o))  # a link into one
        woken |= linking.get(s, set())  # something a held resource links to described
    if not woken:
        return [], held
    concerned: list[Resolved] = []
    waiting: list[Resolved] = []
    for t in held:
        (concerned if groups.of(t[0]) in woken else waiting).append(t)
    return concerned, waiting
