"""SPARQL query results (SELECT rows, ASK booleans) written as JSON, XML, CSV and TSV.

Written here rather than with pyoxigraph's serialisers because the result cap needs the rows
counted and cut first, and pyoxigraph serialises only a whole, unread result.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from kennisgraaf.graph.literals import XSD_STRING

RESULTS_NS = "http://www.w3.org/2005/sparql-results#"

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
Row = Sequence[Term | None]


def _json_term(term: Term) -> dict[str, Any]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {
        "type": "triple",
        "value": {
            "subject": _json_term(term.subject),
            "predicate": _json_term(term.predicate),
            "object": _json_term(term.object),
        },
    }


def _json(variables: list[str], rows: Sequence[Row]) -> bytes:
    bindings = [
        {v: _json_term(t) for v, t in zip(variables, row, strict=True) if t is not None}
        for row in rows
    ]
    body = {"head": {"vars": variables}, "results": {"bindings": bindings}}
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()


def _xml_term(term: Term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            attr = f" xml:lang={quoteattr(term.language)}"
        elif term.datatype.value != XSD_STRING:
            attr = f" datatype={quoteattr(term.datatype.value)}"
        else:
            attr = ""
        return f"<literal{attr}>{escape(term.value)}</literal>"
    return (
        f"<triple><subject>{_xml_term(term.subject)}</subject>"
        f"<predicate>{_xml_term(term.predicate)}</predicate>"
        f"<object>{_xml_term(term.object)}</object></triple>"
    )


def _xml(variables: list[str], rows: Sequence[Row]) -> bytes:
    parts = [f'<?xml version="1.0"?>\n<sparql xmlns="{RESULTS_NS}"><head>']
    parts += [f"<variable name={quoteattr(v)}/>" for v in variables]
    parts.append("</head><results>")
    for row in rows:
        parts.append("<result>")
        for v, t in zip(variables, row, strict=True):
            if t is not None:
                parts.append(f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>")
        parts.append("</result>")
    parts.append("</results></sparql>\n")
    return "".join(parts).encode()


def _csv_value(term: Term | None) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        text = f"_:{term.value}"
    elif isinstance(term, ox.NamedNode | ox.Literal):
        text = term.value
    else:
        text = str(term)
    if any(c in text for c in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def _csv(variables: list[str], rows: Sequence[Row]) -> bytes:
    lines = [",".join(variables)]
    lines += [",".join(_csv_value(t) for t in row) for row in rows]
    return ("\r\n".join(lines) + "\r\n").encode()


def _tsv(variables: list[str], rows: Sequence[Row]) -> bytes:
    # pyoxigraph's str() of a term is its N-Triples form, with newlines and quotes escaped.
    lines = ["\t".join("?" + v for v in variables)]
    lines += [
        "\t".join("" if t is None else str(t).replace("\t", "\\t") for t in row) for row in rows
    ]
    return ("\n".join(lines) + "\n").encode()


_WRITERS = {"json": _json, "xml": _xml, "csv": _csv, "tsv": _tsv}
FORMATS = tuple(_WRITERS)


def write_rows(fmt: str, variables: list[str], rows: Sequence[Row]) -> bytes:
    return _WRITERS[fmt](variables, rows)


def write_boolean(fmt: str, value: bool) -> bytes:
    text = "true" if value else "false"
    if fmt == "json":
        return json.dumps({"head": {}, "boolean": value}).encode()
    if fmt == "xml":
        return (
            f'<?xml version="1.0"?>\n<sparql xmlns="{RESULTS_NS}"><head/>'
            f"<boolean>{text}</boolean></sparql>\n"
        ).encode()
    # CSV and TSV define no boolean form; a single value is what clients expect.
    return (text + ("\r\n" if fmt == "csv" else "\n")).encode()
