"""A streaming RDF writer: one subject at a time to N-Triples and, optionally, Turtle.

Nothing is kept in memory beyond the subject being written, so a file of any size is written
with flat memory.
"""

from __future__ import annotations

from pathlib import Path
from types import TracebackType
from typing import IO, NamedTuple

XSD = "http://www.w3.org/2001/XMLSchema#"


class Lit(NamedTuple):
    """A literal: lexical form with a language tag or a datatype (neither: xsd:string)."""

    lex: str
    lang: str | None = None
    datatype: str | None = None


Term = str | Lit  # an IRI or a literal
Pairs = list[tuple[str, Term]]

_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})


def xsd_date(value: str) -> Lit:
    return Lit(value, datatype=XSD + "date")


def xsd_integer(value: int) -> Lit:
    return Lit(str(value), datatype=XSD + "integer")


def xsd_decimal(value: float) -> Lit:
    return Lit(f"{value:.2f}", datatype=XSD + "decimal")


def nl_en(nl: str, en: str) -> list[Lit]:
    return [Lit(nl, lang="nl"), Lit(en, lang="en")]


def _nt(term: Term) -> str:
    if isinstance(term, str):
        return f"<{term}>"
    text = f'"{term.lex.translate(_ESCAPES)}"'
    if term.lang:
        return f"{text}@{term.lang}"
    if term.datatype:
        return f"{text}^^<{term.datatype}>"
    return text


class RdfWriter:
    """Writes subjects with their (predicate, object) pairs; counts the statements written."""

    def __init__(
        self, nt_path: Path, ttl_path: Path | None = None, prefixes: dict[str, str] | None = None
    ) -> None:
        self.nt_path = nt_path
        self.ttl_path = ttl_path
        self.prefixes = dict(sorted((prefixes or {}).items(), key=lambda kv: -len(kv[1])))
        self.statements = 0
        self._nt: IO[str] | None = None
        self._ttl: IO[str] | None = None

    def __enter__(self) -> RdfWriter:
        self.nt_path.parent.mkdir(parents=True, exist_ok=True)
        self._nt = self.nt_path.open("w", encoding="utf-8", newline="\n", buffering=1 << 20)
        if self.ttl_path is not None:
            self._ttl = self.ttl_path.open("w", encoding="utf-8", newline="\n", buffering=1 << 20)
            for name, ns in sorted(self.prefixes.items()):
                self._ttl.write(f"@prefix {name}: <{ns}> .\n")
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        for f in (self._nt, self._ttl):
            if f is not None:
                f.close()

    def subject(self, iri: str, pairs: Pairs) -> None:
        assert self._nt is not None, "use RdfWriter as a context manager"
        s = f"<{iri}>"
        self._nt.write("".join(f"{s} <{p}> {_nt(o)} .\n" for p, o in pairs))
        self.statements += len(pairs)
        if self._ttl is not None:
            body = " ;\n    ".join(f"{self._short(p)} {self._ttl_term(o)}" for p, o in pairs)
            self._ttl.write(f"\n{self._short(iri)}\n    {body} .\n")

    def _ttl_term(self, term: Term) -> str:
        return self._short(term) if isinstance(term, str) else _nt(term)

    def _short(self, iri: str) -> str:
        for name, ns in self.prefixes.items():
            if iri.startswith(ns):
                local = iri[len(ns) :]
                if local and all(c.isalnum() or c in "-_" for c in local) and local[0].isalpha():
                    return f"{name}:{local}"
        return f"<{iri}>"
