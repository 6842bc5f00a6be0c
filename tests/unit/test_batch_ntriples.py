"""A batch written as N-Triples for the gate's JVM without making quads first
(loaders/local_context.ntriples) reads back as exactly the quads it stands for, whatever its
literals hold."""

from __future__ import annotations

import pyoxigraph as ox

from kennisgraaf.graph.mapping import Triple
from kennisgraaf.loaders.local_context import as_quads, ntriples

EX = "https://example.org/"
XSD = "http://www.w3.org/2001/XMLSchema#"

TEXTS = [
    "plain",
    'with "quotes" inside',
    "back\\slash and \\n as text",
    "line one\nline two\r\n",
    "tab\there",
    "control \x01\x07\x1f\x7f characters",
    "Ünïcödé — ‘quotes’ 𝔘 emoji 🧪",
    "",
    " leading and trailing ",
    "<not an IRI> . _:b0 ^^",
]


def _batch() -> list[Triple]:
    triples: list[Triple] = []
    for i, text in enumerate(TEXTS):
        s = f"{EX}r{i}"
        triples.append((s, f"{EX}label", ox.Literal(text)))
        triples.append((s, f"{EX}title", ox.Literal(text, language="nl-NL")))
        triples.append((s, f"{EX}code", ox.Literal(text, datatype=ox.NamedNode(f"{XSD}token"))))
        triples.append((s, f"{EX}links", f"{EX}r{(i + 1) % len(TEXTS)}"))
    triples.append(
        (f"{EX}r0", f"{EX}count", ox.Literal("007", datatype=ox.NamedNode(f"{XSD}integer")))
    )
    triples.append(
        (f"{EX}r0", f"{EX}when", ox.Literal("2024-02-30", datatype=ox.NamedNode(f"{XSD}date")))
    )
    triples.append((f"{EX}r0", f"{EX}q?x=1&y=%20#frag", "urn:isbn:978-90-0000-000-0"))
    return triples


def test_the_batch_reads_back_as_its_quads() -> None:
    batch = _batch()
    data = ntriples(batch)
    assert list(ox.parse(data, format=ox.RdfFormat.N_TRIPLES)) == list(as_quads(batch))


def test_the_bytes_are_what_pyoxigraph_writes() -> None:
    batch = _batch()
    written = ox.serialize(list(as_quads(batch)), format=ox.RdfFormat.N_TRIPLES) or b""
    assert ntriples(batch) == written


def test_an_empty_batch_is_empty() -> None:
    assert ntriples([]) == b""
