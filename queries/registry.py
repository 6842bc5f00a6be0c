"""Named queries: one file each under this package, with a header that declares them.

Header lines come first, as comments (`//` in Cypher, `#` in SPARQL):

    // name: trace_question
    // description: what the query answers
    // param: iri string — the question's IRI
    // param: limit int = 25 — rows at most
    // returns: stage, date, actor

A parameter without a default is required. The query text is used as written; callers only
ever pass values as driver parameters, never text.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from kennisgraaf.errors import InputError, KennisgraafError

_PARAM = re.compile(
    r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s+(?P<type>string|int|float|bool|date|list)"
    r"(?:\s*=\s*(?P<default>\S+))?\s*(?:—|-)?\s*(?P<doc>.*)$"
)
_TYPES: dict[str, type | tuple[type, ...]] = {
    "string": str,
    "int": int,
    "float": (int, float),
    "bool": bool,
    "date": str,
    "list": list,
}


class QueryDefinitionError(KennisgraafError):
    """A query file's header is malformed (a packaging bug, not user input)."""


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    default: Any
    required: bool
    doc: str

    def coerce(self, value: Any) -> Any:
        """Turn a CLI string into the declared type; check the type of anything else."""
        if value is None and not self.required:
            return None
        if self.type == "date":
            try:
                return _dt.date.fromisoformat(str(value)).isoformat()
            except ValueError as e:
                raise InputError(
                    f"parameter {self.name!r}: {value!r} is not a date (YYYY-MM-DD)"
                ) from e
        if isinstance(value, str) and self.type != "string" and self.type != "date":
            try:
                if self.type == "int":
                    return int(value)
                if self.type == "float":
                    return float(value)
                if self.type == "bool":
                    if value.lower() in {"true", "1", "yes"}:
                        return True
                    if value.lower() in {"false", "0", "no"}:
                        return False
                    raise ValueError(value)
                if self.type == "list":
                    return [v for v in value.split(",") if v]
            except ValueError as e:
                raise InputError(f"parameter {self.name!r}: {value!r} is not a {self.type}") from e
        expected = _TYPES[self.type]
        if self.type != "bool" and isinstance(value, bool) and expected in (int, (int, float)):
            raise InputError(f"parameter {self.name!r}: expected {self.type}, got a boolean")
        if not isinstance(value, expected):
            raise InputError(
                f"parameter {self.name!r}: expected {self.type}, got {type(value).__name__}"
            )
        return value


@dataclass(frozen=True)
class NamedQuery:
    name: str
    language: str  # "cypher" or "sparql"
    description: str
    params: tuple[Param, ...]
    returns: str
    text: str
    resource: str = field(repr=False)

    def statements(self) -> list[str]:
        """The statements of a multi-statement file (schema files), split on `;` at line end."""
        parts = re.split(r";\s*(?:\n|$)", self.text)
        return [p.strip() for p in parts if p.strip()]

    def bind(self, given: dict[str, Any]) -> dict[str, Any]:
        """Checked values: unknown names refused, required ones present, defaults filled."""
        declared = {p.name: p for p in self.params}
        unknown = sorted(set(given) - set(declared))
        if unknown:
            raise InputError(
                f"query {self.name!r} has no parameter(s) {', '.join(unknown)}; "
                f"it takes: {', '.join(declared) or 'none'}"
            )
        bound: dict[str, Any] = {}
        for p in self.params:
            if p.name in given:
                bound[p.name] = p.coerce(given[p.name])
            elif p.required:
                raise InputError(f"query {self.name!r} needs parameter {p.name!r} ({p.type})")
            else:
                bound[p.name] = p.default
        return bound


def _parse_default(kind: str, raw: str | None) -> Any:
    if raw is None or raw == "null":
        return None
    if kind == "int":
        return int(raw)
    if kind == "float":
        return float(raw)
    if kind == "bool":
        return raw == "true"
    if kind == "list":
        return [v for v in raw.strip("[]").split(",") if v]
    return raw.strip("\"'")


def parse_query(resource: str, source: str) -> NamedQuery:
    language = "sparql" if resource.endswith(".rq") else "cypher"
    marker = "#" if language == "sparql" else "//"
    header: dict[str, str] = {}
    params: list[Param] = []
    body: list[str] = []
    in_header = True
    for line in source.splitlines():
        stripped = line.strip()
        if in_header and stripped.startswith(marker):
            key, _, value = stripped[len(marker) :].strip().partition(":")
            key, value = key.strip(), value.strip()
            if key == "param":
                m = _PARAM.match(value)
                if not m:
                    raise QueryDefinitionError(f"{resource}: malformed param line {value!r}")
                raw_default = m.group("default")
                params.append(
                    Param(
                        name=m.group("name"),
                        type=m.group("type"),
                        default=_parse_default(m.group("type"), raw_default),
                        required=raw_default is None,
                        doc=m.group("doc").strip(),
                    )
                )
            elif key in {"name", "description", "returns"}:
                header[key] = value
            continue
        in_header = False
        body.append(line)
    if "name" not in header:
        raise QueryDefinitionError(f"{resource}: header has no 'name:' line")
    return NamedQuery(
        name=header["name"],
        language=language,
        description=header.get("description", ""),
        params=tuple(params),
        returns=header.get("returns", ""),
        text="\n".join(body).strip() + "\n",
        resource=resource,
    )


@lru_cache(maxsize=1)
def all_queries() -> dict[str, NamedQuery]:
    """Every query file shipped in `kennisgraaf.queries`, by declared name."""
    found: dict[str, NamedQuery] = {}
    root = resources.files("kennisgraaf.queries")
    stack = [root]
    while stack:
        folder = stack.pop()
        for entry in folder.iterdir():
            if entry.is_dir():
                stack.append(entry)
            elif entry.name.endswith((".cypher", ".rq")):
                rel = str(entry).removeprefix(str(root)).lstrip("/")
                query = parse_query(rel, entry.read_text(encoding="utf-8"))
                if query.name in found:
                    raise QueryDefinitionError(
                        f"query name {query.name!r} declared twice "
                        f"({found[query.name].resource}, {rel})"
                    )
                found[query.name] = query
    return found


def get_query(name: str) -> NamedQuery:
    queries = all_queries()
    if name not in queries:
        raise InputError(f"no query named {name!r}; known: {', '.join(sorted(queries))}")
    return queries[name]
