"""Erased people out of files: the quarantine's rejected statements, reports and refused records.

A rejected statement about an erased person is kept, said of the stand-in (the quarantine is a
record of what a load refused); any text naming an erased IRI or identifier has it replaced.
Turtle is read and written again as RDF, JSON Lines line by line as JSON, anything else as text.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from kennisgraaf.errors import InputError

REDACTED = "[erased]"


class Scrubber:
    """Replaces erased IRIs by their stand-ins and erased identifiers by a marker, in text."""

    def __init__(self, iris: Mapping[str, str], values: Iterable[str]) -> None:
        pairs = {**{v: REDACTED for v in values if v.strip()}, **iris}
        # Longest first, so an IRI is replaced whole before a name inside it.
        self.pairs = sorted(pairs.items(), key=lambda kv: -len(kv[0]))

    def text(self, text: str) -> str:
        for old, new in self.pairs:
            if old in text:
                text = text.replace(old, new)
        return text

    def json(self, value: object) -> object:
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, list):
            return [self.json(v) for v in value]
        if isinstance(value, dict):
            return {self.text(str(k)): self.json(v) for k, v in value.items()}
        return value

    def term(self, node: Node) -> Node:
        if isinstance(node, URIRef):
            return URIRef(self.text(str(node)))
        if isinstance(node, Literal):
            text = self.text(str(node))
            if text == str(node):
                return node
            return Literal(text, lang=node.language, datatype=node.datatype)
        return node

    def mentions(self, text: str) -> bool:
        return any(old in text for old, _ in self.pairs)


def scrub_files(folders: Iterable[Path], scrubber: Scrubber) -> list[Path]:
    """Rewrite every file under `folders` that mentions an erased IRI or identifier; returns
    the files rewritten."""
    changed = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as e:
                raise InputError(f"{path}: cannot be read to erase a person from it: {e}") from e
            if not scrubber.mentions(text):
                continue
            _replace(path, _scrubbed(path, text, scrubber))
            changed.append(path)
    return changed


def _scrubbed(path: Path, text: str, scrubber: Scrubber) -> str:
    if path.suffix == ".ttl":
        g = Graph()
        g.parse(data=text, format="turtle")
        out = Graph()
        for prefix, namespace in g.namespaces():
            out.bind(prefix, namespace, override=True)
        for s, p, o in g:
            out.add((scrubber.term(s), scrubber.term(p), scrubber.term(o)))
        scrubbed = out.serialize(format="turtle")
        if scrubber.mentions(scrubbed):  # a prefix spelling part of an erased IRI
            scrubbed = scrubber.text(scrubbed)
        return scrubbed
    if path.suffix == ".jsonl":
        lines = [
            json.dumps(scrubber.json(json.loads(line)), ensure_ascii=False) if line.strip() else ""
            for line in text.splitlines()
        ]
        return "\n".join(lines) + "\n"
    return scrubber.text(text)


def _replace(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".erasing")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
