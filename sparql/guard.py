"""What the SPARQL endpoint refuses before a query reaches the engine: updates, SERVICE, and
queries nested or chained deeper than the engine can take.

pyoxigraph would execute `SERVICE <iri> { … }` by fetching the IRI, so SERVICE is refused on sight.
The check is lexical: comments, strings and IRIs are blanked out first (the keyword inside them
means nothing), then the keyword is looked for wherever the grammar could place it. It errs on
the side of refusing. The query processes also run without network access where the operating
system allows it (see `worker`), so a miss here still fetches nothing.

pyoxigraph parses and evaluates recursively: 5,000 nested groups, 20,000 chained operators or
3,000 BINDs in a row overflow the query process's stack (SIGSEGV). `shape_excess` counts, on the
blanked text, the nesting of `{ ( [` and the operators and separators that chain parts of a query
(`/ | ^ ! + - * = < > && || . ; ,` and every opening bracket), so such a query is refused before
any parser sees it. Names and numbers are read as whole tokens, so the `-` and `.` inside
`ex:a-b.c` or `1.5e-3` are not counted; a count errs upwards, never down.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# The first keyword of every SPARQL 1.1 Update operation.
UPDATE_KEYWORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
)
_PROLOGUE_AND_FORM = re.compile(
    r"\A(?:\s*(?:BASE|PREFIX\s*[^\s:]*:))*\s*([A-Za-z]+)", re.IGNORECASE
)
# SERVICE as a keyword: not part of a name, variable or prefixed name.
_SERVICE = re.compile(r"(?<![\w:?$])SERVICE(?![\w:])", re.IGNORECASE)

# What `blank_out` blanks: a comment, an IRIREF (no controls, space or <>"{}|^`\ inside), a
# string to its closing delimiter (a short one at the latest to its line's end: unterminated, the
# parser reports it) or to the end of the text. A backslash escape (`ex:a\#b`) is kept as it is:
# its `#` starts no comment.
_BLANKED = re.compile(
    r"(?P<escape>\\[\s\S])|#[^\n]*|<[^<>\"{}|^`\\\x00-\x20]*>"
    + "".join(
        rf"|{q}{q}{q}(?:[^{q}\\]|\\[\s\S]|\\\Z|{q}(?!{q}{q}))*(?:{q}{q}{q}|\Z)"
        rf"|{q}(?:[^{q}\\\r\n]|\\[\s\S]|\\\Z)*{q}?"
        for q in ("'", '"')
    )
)
_NOT_NEWLINE = re.compile(r"[^\n]")

# Tokens of blanked text: names, variables and numbers as a whole (skipped), brackets, and the
# operators and separators that chain parts of a query. `^^` (a datatype) chains nothing.
# Runs of names, numbers, spaces, `@` (language tags) and `^^` are one match each, for speed.
_TOKEN = re.compile(
    r"(?P<word>(?:[\s@]|\^\^|[?$]\w+|\d*\.?\d+(?:[eE][+-]?\d+)?"
    r"|(?:[^\W\d]|:)(?:[\w\-:%]|\\.|\.(?=[\w\-:%\\]))*)+)"
    r"|(?P<open>[{(\[])|(?P<close>[})\]])"
    r"|(?P<op>&&|\|\||!=|<=|>=|[|/^!+\-*=<>.;,])"
)


def blank_out(text: str) -> str:
    """`text` with comments, string literals and IRIs replaced by spaces (positions kept)."""
    return _BLANKED.sub(_blank, text)


def _blank(m: re.Match[str]) -> str:
    return m.group() if m.lastgroup == "escape" else _NOT_NEWLINE.sub(" ", m.group())


def update_keyword(text: str) -> str | None:
    """The update operation `text` starts with (`INSERT`, `LOAD`, …), or None."""
    m = _PROLOGUE_AND_FORM.match(blank_out(text))
    if m and m.group(1).upper() in UPDATE_KEYWORDS:
        return m.group(1).upper()
    return None


def service_position(text: str) -> tuple[int, int] | None:
    """Line and column (1-based) of a SERVICE keyword in `text`, or None."""
    m = _SERVICE.search(blank_out(text))
    return None if m is None else position(text, m.start())


def position(text: str, offset: int) -> tuple[int, int]:
    """Line and column (1-based) of `offset` in `text`."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


@dataclass(frozen=True)
class ShapeExcess:
    """Where a query first goes beyond a shape limit: `what` is "nesting" or "operators"."""

    what: str
    limit: int
    line: int
    column: int


def shape_excess(text: str, max_nesting: int, max_operators: int) -> ShapeExcess | None:
    """The first place `text` nests `{ ( [` deeper than `max_nesting`, or has more than
    `max_operators` operators, separators and opening brackets in all; None when within both."""
    depth = operators = 0
    for m in _TOKEN.finditer(blank_out(text)):
        kind = m.lastgroup
        if kind is None or kind == "word":
            continue
        if kind == "close":
            depth = max(depth - 1, 0)
            continue
        operators += 1
        if kind == "open":
            depth += 1
            if depth > max_nesting:
                return ShapeExcess("nesting", max_nesting, *position(text, m.start()))
        if operators > max_operators:
            return ShapeExcess("operators", max_operators, *position(text, m.start()))
    return None
