"""What the SPARQL endpoint refuses before a query reaches the engine: updates and SERVICE.

pyoxigraph would execute `SERVICE <iri> { … }` by fetching the IRI, so SERVICE is refused on sight.
The check is lexical: comments, strings and IRIs are blanked out first (the keyword inside them
means nothing), then the keyword is looked for wherever the grammar could place it. It errs on
the side of refusing. The query processes also run without network access where the operating
system allows it (see `sparql_worker`), so a miss here still fetches nothing.
"""

from __future__ import annotations

import re

# The first keyword of every SPARQL 1.1 Update operation.
UPDATE_KEYWORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
)
# Characters an IRIREF may not contain (besides controls and space).
_NOT_IN_IRI = set('<>"{}|^`\\')
_PROLOGUE_AND_FORM = re.compile(
    r"\A(?:\s*(?:BASE|PREFIX\s*[^\s:]*:))*\s*([A-Za-z]+)", re.IGNORECASE
)
# SERVICE as a keyword: not part of a name, variable or prefixed name.
_SERVICE = re.compile(r"(?<![\w:?$])SERVICE(?![\w:])", re.IGNORECASE)


def blank_out(text: str) -> str:
    """`text` with comments, string literals and IRIs replaced by spaces (positions kept)."""
    out = list(text)
    i, n = 0, len(text)

    def blank(start: int, end: int) -> None:
        for k in range(start, min(end, n)):
            if out[k] != "\n":
                out[k] = " "

    while i < n:
        c = text[i]
        if c == "\\":  # an escape in a local name (`ex:a\#b`) is not a comment
            i += 2
        elif c == "#":
            end = text.find("\n", i)
            end = n if end < 0 else end
            blank(i, end)
            i = end
        elif c in "\"'":
            end = _string_end(text, i)
            blank(i, end)
            i = end
        elif c == "<":
            iri_end = _iri_end(text, i)
            if iri_end is None:
                i += 1
            else:
                blank(i, iri_end)
                i = iri_end
        else:
            i += 1
    return "".join(out)


def _string_end(text: str, start: int) -> int:
    quote = text[start]
    delimiter = quote * 3 if text.startswith(quote * 3, start) else quote
    i = start + len(delimiter)
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text.startswith(delimiter, i):
            return i + len(delimiter)
        if len(delimiter) == 1 and text[i] in "\r\n":
            return i  # an unterminated short string: the parser reports it
        i += 1
    return len(text)


def _iri_end(text: str, start: int) -> int | None:
    """End of an IRIREF starting at `start`, or None when `<` is the less-than operator."""
    i = start + 1
    while i < len(text):
        c = text[i]
        if c == ">":
            return i + 1
        if c in _NOT_IN_IRI or ord(c) <= 0x20:
            return None
        i += 1
    return None


def update_keyword(text: str) -> str | None:
    """The update operation `text` starts with (`INSERT`, `LOAD`, …), or None."""
    m = _PROLOGUE_AND_FORM.match(blank_out(text))
    if m and m.group(1).upper() in UPDATE_KEYWORDS:
        return m.group(1).upper()
    return None


def service_position(text: str) -> tuple[int, int] | None:
    """Line and column (1-based) of a SERVICE keyword in `text`, or None."""
    m = _SERVICE.search(blank_out(text))
    if m is None:
        return None
    line = text.count("\n", 0, m.start()) + 1
    column = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
    return line, column
