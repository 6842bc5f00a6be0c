"""Lucene query text for Neo4j's full-text indexes, built from what a user typed: every
character of Lucene's syntax in it is escaped, so a term or phrase means only itself."""

from __future__ import annotations

SPECIAL = frozenset('+-&|!(){}[]^"~*?:\\/')


def escape(text: str) -> str:
    """Text with each character of Lucene's query syntax backslash-escaped (valid in a term
    and inside a quoted phrase)."""
    return "".join("\\" + c if c in SPECIAL else c for c in text)
