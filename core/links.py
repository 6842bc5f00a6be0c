"""Which IRIs from data may become links in HTML (the pages and the cycle report alike)."""

from __future__ import annotations

from urllib.parse import urlsplit

# The only schemes a page links to; anything else (javascript:, data:, vbscript:, file:, …) is
# shown as text.
LINK_SCHEMES = frozenset({"http", "https"})


def safe_href(iri: str) -> str | None:
    """The IRI if a browser may follow it as a link: http or https with a host, and nothing a
    browser strips or reinterprets before reading the scheme (control characters, white space,
    backslashes); else None, and the page shows the IRI as text."""
    if not iri or any(c <= " " or c in "\\\x7f" for c in iri):
        return None
    try:
        parts = urlsplit(iri)
    except ValueError:  # e.g. an unclosed [ in the host
        return None
    if parts.scheme.lower() not in LINK_SCHEMES or not parts.netloc:
        return None
    return iri
