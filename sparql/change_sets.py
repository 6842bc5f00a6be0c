"""What changed between two versions of the graph, as the resources to derive again — or None
when the change cannot be told from the imports' change records (then the projection rebuilds).

A version is the list of current imports, `'<import id> <finishedAt>'` each. Going from one to
the next, the new entries are the imports completed since; each recorded, before it wrote, the
resources it might change (graph/change_journal.py), its withdrawals of what earlier imports of
its source said included. So the union of their records covers every change, as long as:
- every new entry is a current import with change records (an import written without them, or
  an entry that is not an import at all — a wipe, an erasure — is not covered);
- every entry that went is an import of a source that has a new entry (one that replaced it);
- no import is both gone and new (the same import loaded again after another version replaced
  it in between: that version's own records may be pruned already).
"""

from __future__ import annotations

from dataclasses import dataclass

from neo4j import Bookmarks, Driver

from kennisgraaf.graph.connection import read_session
from kennisgraaf.queries.registry import get_query


def entry_id(entry: str) -> str:
    """The import id of a version entry ('<id> <finishedAt>')."""
    return entry.rpartition(" ")[0] or entry


@dataclass(frozen=True)
class ChangeSet:
    imports: list[str]  # the imports completed since
    iris: list[str]  # the resources their records name


def change_set(
    driver: Driver,
    database: str,
    before: list[str],
    after: list[str],
    bookmarks: Bookmarks | None = None,
) -> ChangeSet | None:
    """The resources to derive again to go from version `before` to `after`, or None."""
    new = set(after) - set(before)
    gone = set(before) - set(after)
    new_ids = {entry_id(e) for e in new}
    gone_ids = {entry_id(e) for e in gone}
    if not new or new_ids & gone_ids:
        return None
    with read_session(driver, database, bookmarks=bookmarks) as session:
        rows = list(
            session.run(
                get_query("projection.changes_of").text,
                ids=sorted(new_ids | gone_ids),
                with_iris=sorted(new_ids),
            )
        )
    found = {r["id"]: r for r in rows}
    sources = set()
    iris: set[str] = set()
    for i in new_ids:
        r = found.get(i)
        if r is None or r["source"] is None or not r["current"] or not r["parts"]:
            return None
        sources.add(r["source"])
        iris.update(r["iris"])
    for i in gone_ids:
        r = found.get(i)
        if r is None or r["source"] not in sources:
            return None
    return ChangeSet(sorted(new_ids), sorted(iris))
