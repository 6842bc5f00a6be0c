"""A corpus of hostile inputs, generated in code (nothing big is stored in the repository).

Every case is something a reader must refuse with a clear InputError naming the file, the place
and the limit, before native code sees it: deep nesting in every format, huge literals, long
lines, many small statements, invalid UTF-8 and other encodings, XML entity bombs.

Used by the reader tests (``validate_file`` and the CLI) and by the API tests (``POST /validate``
and ``POST /imports`` with ``case.media_type``). A case may need settings lower than the defaults
(``case.settings``, field names of ``kennisgraaf.settings.Settings``; ``case.env()`` gives them as
environment variables) — e.g. the statement count, so the corpus stays small.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

DEEP = 100_000
HUGE = 17 * 1024 * 1024  # past pyoxigraph's 16 MB token buffer
MANY_LIMIT = 1_000  # the statement limit the "many statements" cases are run with

RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
EX = "http://example.org/"

DEPTH = "input_max_depth"
LITERAL = "input_max_literal_bytes"
LINE = "input_max_line_bytes"
STATEMENTS = "input_max_statements"
EXPANSION = "input_max_entity_expansion_bytes"


@dataclass(frozen=True)
class HostileCase:
    name: str
    suffix: str  # what the file is called on disk (the readers choose the format by it)
    media_type: str | None  # the upload's Content-Type; None: no API route takes this kind
    kind: str  # "rdf", "kennisrotonde" or "csv" (CSV with the mapping in `mapping`)
    body: Callable[[], bytes]
    expect: tuple[str, ...]  # every one of these appears in the error message
    settings: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))
    mapping: str | None = None  # for kind "csv": a mapping shipped in loaders/mappings

    def env(self) -> dict[str, str]:
        return {f"KENNISGRAAF_{k.upper()}": str(v) for k, v in self.settings.items()}

    def write(self, folder: Path) -> Path:
        path = folder / f"{self.name}{self.suffix}"
        path.write_bytes(self.body())
        return path


# --- bodies ------------------------------------------------------------------------------------


def _jsonld_deep_arrays() -> bytes:
    head = b'{\n  "@id": "http://example.org/a",\n  "http://example.org/p": '
    return head + b"[" * DEEP + b"]" * DEEP + b"\n}\n"


def _jsonld_deep_objects(depth: int = DEEP) -> bytes:
    # Nested node objects: at 10,000 the native JSON-LD parser dies of a stack overflow (exit
    # 139); at 100,000 its own stack limit (65,536) refuses them first.
    head = b'{\n  "@id": "http://example.org/a",\n  "http://example.org/p": '
    return head + b'{"http://example.org/p": ' * depth + b"1" + b"}" * depth + b"\n}\n"


def _rdfxml(body: bytes, doctype: bytes = b"") -> bytes:
    return (
        b'<?xml version="1.0" encoding="utf-8"?>\n'
        + doctype
        + f'<rdf:RDF xmlns:rdf="{RDF_NS}" xmlns:ex="{EX}">\n'.encode()
        + body
        + b"\n</rdf:RDF>\n"
    )


def _rdfxml_deep() -> bytes:
    return _rdfxml(
        b"<rdf:Description><ex:p>" * (DEEP // 2) + b"</ex:p></rdf:Description>" * (DEEP // 2)
    )


_TTL_HEAD = f"@prefix ex: <{EX}> .\n\n".encode()


def _turtle_deep_blank_nodes() -> bytes:
    return _TTL_HEAD + b"ex:a ex:p " + b"[ ex:p " * DEEP + b"1 " + b"] " * DEEP + b".\n"


def _turtle_deep_collections() -> bytes:
    return _TTL_HEAD + b"ex:a ex:p " + b"( " * DEEP + b") " * DEEP + b".\n"


def _trig_deep() -> bytes:
    nested = b"[ ex:p " * DEEP + b"1 " + b"] " * DEEP
    return _TTL_HEAD + b"ex:g {\n  ex:a ex:p " + nested + b".\n}\n"


def _triple_term_deep(graph: bytes = b"") -> bytes:
    # RDF 1.2 triple terms nest; pyoxigraph recurses on them and dies (exit 139).
    inner = f"<<( <{EX}a> <{EX}p> ".encode()
    return (
        f'<{EX}a> <{EX}p> "x" {graph.decode()}.\n<{EX}a> <{EX}p> '.encode()
        + inner * DEEP
        + b'"x"'
        + b" )>>" * DEEP
        + b" "
        + graph
        + b".\n"
    )


def _huge(text: bytes = b"a") -> bytes:
    return text * (HUGE // len(text))


def _turtle_huge_literal() -> bytes:
    return _TTL_HEAD + b'ex:a ex:p "' + _huge() + b'" .\n'


def _turtle_huge_long_literal() -> bytes:
    # A triple-quoted literal of short lines: no line is long, the literal is.
    return _TTL_HEAD + b'ex:a ex:p """' + _huge(b"a line of a long text\n") + b'""" .\n'


def _ntriples_huge_literal() -> bytes:
    return f'<{EX}a> <{EX}p> "x" .\n<{EX}a> <{EX}p> "'.encode() + _huge() + b'" .\n'


def _jsonld_huge_literal() -> bytes:
    return b'{\n  "@id": "http://example.org/a",\n  "http://example.org/p": "' + _huge() + b'"\n}\n'


def _rdfxml_huge_literal() -> bytes:
    about = b'<rdf:Description rdf:about="http://example.org/a">\n<ex:p>'
    return _rdfxml(about + _huge() + b"</ex:p></rdf:Description>")


def _ntriples_long_line() -> bytes:
    # An IRI of 5 MB: no literal, one long line.
    iri = b"<" + EX.encode() + b"a" * (5 * 1024 * 1024) + b">"
    return f'<{EX}a> <{EX}p> "x" .\n'.encode() + iri + f' <{EX}p> "x" .\n'.encode()


def _turtle_long_line() -> bytes:
    # Many short statements on one 5 MB line.
    return _TTL_HEAD + b"ex:a ex:p ex:b . " * (5 * 1024 * 1024 // 17) + b"\n"


def _ntriples_many() -> bytes:
    return b"".join(f'<{EX}s{i}> <{EX}p> "{i}" .\n'.encode() for i in range(MANY_LIMIT * 3))


def _turtle_many() -> bytes:
    # One subject, many objects: a line-based count cannot see them; the parser's count can.
    return (
        _TTL_HEAD + b"ex:a ex:p " + b", ".join(b'"%d"' % i for i in range(MANY_LIMIT * 3)) + b" .\n"
    )


def _jsonld_many() -> bytes:
    values = ", ".join(f'"{i}"' for i in range(MANY_LIMIT * 3))
    return f'{{"@id": "{EX}a", "{EX}p": [{values}]}}\n'.encode()


def _ntriples_invalid_utf8() -> bytes:
    return f'<{EX}a> <{EX}p> "x" .\n<{EX}a> <{EX}p> "y" .\n<{EX}a> <{EX}p> "bad '.encode() + (
        b'\xff\xfe\xc3" .\n'
    )


def _turtle_utf16() -> bytes:
    return (_TTL_HEAD.decode() + 'ex:a ex:p "café" .\n').encode("utf-16")  # with its BOM


def _turtle_latin1() -> bytes:
    return (_TTL_HEAD.decode() + 'ex:a ex:p "café" .\n').encode("latin-1")


def _rdfxml_latin1_declared() -> bytes:
    text = _rdfxml(
        '<rdf:Description rdf:about="http://example.org/a"><ex:p>café</ex:p></rdf:Description>'.encode()
    ).decode()
    return text.replace('encoding="utf-8"', 'encoding="ISO-8859-1"').encode("latin-1")


_ONE_REFERENCE = (
    b'<rdf:Description rdf:about="http://example.org/a"><ex:p>&lol9;</ex:p></rdf:Description>'
)


def _laughs() -> bytes:
    entities = ['<!ENTITY lol "lol">']
    for i in range(1, 10):
        previous = f"lol{i - 1}" if i > 1 else "lol"
        entities.append(f'<!ENTITY lol{i} "{f"&{previous};" * 10}">')
    return ("<!DOCTYPE rdf:RDF [\n" + "\n".join(entities) + "\n]>\n").encode()


def _billion_laughs() -> bytes:
    return _rdfxml(_ONE_REFERENCE, _laughs())


def _billion_laughs_hidden() -> bytes:
    # A 70 KB comment first: a guard that reads only the head of the file sees no DOCTYPE.
    comment = b"<!-- " + b"padding " * (70 * 1024 // 8) + b"-->\n"
    return _rdfxml(_ONE_REFERENCE, comment + _laughs())


def _entity_many_references() -> bytes:
    # One permitted-looking 1,000-byte entity, referenced 500,000 times: 500 MB expanded.
    doctype = b'<!DOCTYPE rdf:RDF [\n<!ENTITY big "' + b"x" * 1000 + b'">\n]>\n'
    body = b'<rdf:Description rdf:about="http://example.org/a"><ex:p>' + b"&big;" * 500_000
    return _rdfxml(body + b"</ex:p></rdf:Description>", doctype)


def _entity_external() -> bytes:
    doctype = b'<!DOCTYPE rdf:RDF [\n<!ENTITY secret SYSTEM "file:///etc/passwd">\n]>\n'
    return _rdfxml(_ONE_REFERENCE.replace(b"lol9", b"secret"), doctype)


def _entity_parameter() -> bytes:
    doctype = b"<!DOCTYPE rdf:RDF [\n<!ENTITY % p \"<!ENTITY big 'xxxxxxxx'>\">\n%p;\n]>\n"
    return _rdfxml(_ONE_REFERENCE.replace(b"lol9", b"big"), doctype)


def _kr_record(question: str = "Werkt feedback?") -> str:
    return (
        f'{{"number": "KR.1", "date": "2020-01-02", "sectors": ["PO"], "question": "{question}"}}'
    )


def _kr_json_deep_arrays() -> bytes:
    return b"[\n" + b"[" * DEEP + b"]" * DEEP + b"\n]\n"


def _kr_json_deep_objects() -> bytes:
    return b'[\n{"number": "KR.1", "x": ' + b'{"x": ' * DEEP + b"1" + b"}" * DEEP + b"}\n]\n"


def _kr_json_huge_string() -> bytes:
    return (
        ("[\n" + _kr_record("Q") + ",\n").encode()
        + _kr_record(_huge().decode()).encode()
        + b"\n]\n"
    )


def _kr_json_lines_long_line() -> bytes:
    # JSON Lines in a .json file (the reader takes it line by line); short strings, long line.
    padding = ", ".join(['"' + "p" * 1000 + '"'] * (5 * 1024))
    long_record = _kr_record().replace("}", f', "pad": [{padding}]}}')
    return (_kr_record() + "\n" + long_record + "\n").encode()


def _kr_json_invalid_utf8() -> bytes:
    return (
        ("[\n" + _kr_record() + ",\n").encode() + _kr_record("caf\xe9").encode("latin-1") + b"\n]\n"
    )


_KR_CSV_HEAD = b"number,date,sectors,question\n"


def _kr_csv_huge_field() -> bytes:
    return _KR_CSV_HEAD + b'KR.1,2020-01-02,PO,"' + _huge() + b'"\n'


def _kr_csv_long_line() -> bytes:
    # Quoted fields on one line, each short: the line is long.
    cells = b",".join([b'"x"'] * (5 * 1024 * 1024 // 4))
    return _KR_CSV_HEAD + b"KR.1,2020-01-02,PO," + cells + b"\n"


def _kr_csv_invalid_utf8() -> bytes:
    return _KR_CSV_HEAD + b"KR.1,2020-01-02,PO,Werkt feedback?\nKR.2,2020-01-02,PO,caf\xe9\n"


def _kr_csv_many() -> bytes:
    rows = (f"KR.{i},2020-01-02,PO,Vraag {i}?\n" for i in range(1, MANY_LIMIT * 3))
    return _KR_CSV_HEAD + "".join(rows).encode()


_ACTORS_HEAD = b"name,kind,sector,role_in_seed\n"


def _csv_huge_field() -> bytes:
    return _ACTORS_HEAD + b'Stichting X,stichting,PO,"' + _huge() + b'"\n'


def _csv_long_line() -> bytes:
    return _ACTORS_HEAD + b"Stichting X,stichting,PO," + b"a," * (5 * 1024 * 1024 // 2) + b"a\n"


def _csv_invalid_utf8() -> bytes:
    return _ACTORS_HEAD + b"Stichting X,stichting,PO,ok\nStichting Y,stichting,PO,caf\xe9\n"


# --- the corpus ----------------------------------------------------------------------------


def _case(
    name: str,
    suffix: str,
    media_type: str | None,
    kind: str,
    body: Callable[[], bytes],
    *expect: str,
    settings: Mapping[str, int] | None = None,
    mapping: str | None = None,
) -> HostileCase:
    return HostileCase(
        name,
        suffix,
        media_type,
        kind,
        body,
        expect,
        MappingProxyType(dict(settings or {})),
        mapping,
    )


TTL, NT, NQ, TRIG = (
    "text/turtle",
    "application/n-triples",
    "application/n-quads",
    "application/trig",
)
JSONLD, RDFXML, JSON, CSV = (
    "application/ld+json",
    "application/rdf+xml",
    "application/json",
    "text/csv",
)
MANY = {STATEMENTS: MANY_LIMIT}

CASES: list[HostileCase] = [
    # deep nesting, every format
    _case("jsonld-deep-arrays", ".jsonld", JSONLD, "rdf", _jsonld_deep_arrays, DEPTH, "line 3"),
    _case("jsonld-deep-objects", ".jsonld", JSONLD, "rdf", _jsonld_deep_objects, DEPTH, "line 3"),
    _case(
        "jsonld-deep-objects-10k",
        ".jsonld",
        JSONLD,
        "rdf",
        lambda: _jsonld_deep_objects(10_000),
        DEPTH,
        "line 3",
    ),
    _case("rdfxml-deep", ".rdf", RDFXML, "rdf", _rdfxml_deep, DEPTH, "line 3"),
    _case("turtle-deep-blank-nodes", ".ttl", TTL, "rdf", _turtle_deep_blank_nodes, DEPTH, "line 3"),
    _case("turtle-deep-collections", ".ttl", TTL, "rdf", _turtle_deep_collections, DEPTH, "line 3"),
    _case("trig-deep", ".trig", TRIG, "rdf", _trig_deep, DEPTH, "line 4"),
    _case("ntriples-deep-triple-terms", ".nt", NT, "rdf", _triple_term_deep, DEPTH, "line 2"),
    _case(
        "nquads-deep-triple-terms",
        ".nq",
        NQ,
        "rdf",
        lambda: _triple_term_deep(f"<{EX}g> ".encode()),
        DEPTH,
        "line 2",
    ),
    _case(
        "kennisrotonde-json-deep-arrays",
        ".json",
        JSON,
        "kennisrotonde",
        _kr_json_deep_arrays,
        DEPTH,
        "line 2",
    ),
    _case(
        "kennisrotonde-json-deep-objects",
        ".json",
        JSON,
        "kennisrotonde",
        _kr_json_deep_objects,
        DEPTH,
        "line 2",
    ),
    # huge literals
    _case("turtle-huge-literal", ".ttl", TTL, "rdf", _turtle_huge_literal, LITERAL, "line 3"),
    _case(
        "turtle-huge-long-literal", ".ttl", TTL, "rdf", _turtle_huge_long_literal, LITERAL, "line 3"
    ),
    _case("ntriples-huge-literal", ".nt", NT, "rdf", _ntriples_huge_literal, LITERAL, "line 2"),
    _case("jsonld-huge-literal", ".jsonld", JSONLD, "rdf", _jsonld_huge_literal, LITERAL, "line 3"),
    _case("rdfxml-huge-literal", ".rdf", RDFXML, "rdf", _rdfxml_huge_literal, LITERAL),
    _case(
        "kennisrotonde-json-huge-string",
        ".json",
        JSON,
        "kennisrotonde",
        _kr_json_huge_string,
        LITERAL,
        "line 3",
    ),
    _case(
        "kennisrotonde-csv-huge-field",
        ".csv",
        CSV,
        "kennisrotonde",
        _kr_csv_huge_field,
        LITERAL,
        "line 2",
    ),
    _case(
        "csv-huge-field",
        ".csv",
        None,
        "csv",
        _csv_huge_field,
        LITERAL,
        "line 2",
        mapping="seed-actors.yaml",
    ),
    # long lines
    _case("ntriples-long-line", ".nt", NT, "rdf", _ntriples_long_line, LINE, "line 2"),
    _case("turtle-long-line", ".ttl", TTL, "rdf", _turtle_long_line, LINE, "line 3"),
    _case(
        "kennisrotonde-json-lines-long-line",
        ".json",
        JSON,
        "kennisrotonde",
        _kr_json_lines_long_line,
        LINE,
        "line 2",
    ),
    _case(
        "kennisrotonde-csv-long-line",
        ".csv",
        CSV,
        "kennisrotonde",
        _kr_csv_long_line,
        LINE,
        "line 2",
    ),
    _case(
        "csv-long-line",
        ".csv",
        None,
        "csv",
        _csv_long_line,
        LINE,
        "line 2",
        mapping="seed-actors.yaml",
    ),
    # many small statements (with a low limit)
    _case("ntriples-many", ".nt", NT, "rdf", _ntriples_many, STATEMENTS, settings=MANY),
    _case("turtle-many", ".ttl", TTL, "rdf", _turtle_many, STATEMENTS, settings=MANY),
    _case("jsonld-many", ".jsonld", JSONLD, "rdf", _jsonld_many, STATEMENTS, settings=MANY),
    _case(
        "kennisrotonde-csv-many",
        ".csv",
        CSV,
        "kennisrotonde",
        _kr_csv_many,
        STATEMENTS,
        settings=MANY,
    ),
    # encodings
    _case("ntriples-invalid-utf8", ".nt", NT, "rdf", _ntriples_invalid_utf8, "UTF-8", "line 3"),
    _case("turtle-utf16-bom", ".ttl", TTL, "rdf", _turtle_utf16, "UTF-16", "line 1"),
    _case("turtle-latin1", ".ttl", TTL, "rdf", _turtle_latin1, "UTF-8", "line 3"),
    _case(
        "rdfxml-latin1-declared", ".rdf", RDFXML, "rdf", _rdfxml_latin1_declared, "UTF-8", "line 3"
    ),
    _case(
        "kennisrotonde-json-invalid-utf8",
        ".json",
        JSON,
        "kennisrotonde",
        _kr_json_invalid_utf8,
        "UTF-8",
        "line 3",
    ),
    _case(
        "kennisrotonde-csv-invalid-utf8",
        ".csv",
        CSV,
        "kennisrotonde",
        _kr_csv_invalid_utf8,
        "UTF-8",
        "line 3",
    ),
    _case(
        "csv-invalid-utf8",
        ".csv",
        None,
        "csv",
        _csv_invalid_utf8,
        "UTF-8",
        "line 3",
        mapping="seed-actors.yaml",
    ),
    # XML entities
    _case("rdfxml-billion-laughs", ".rdf", RDFXML, "rdf", _billion_laughs, "refers to"),
    _case(
        "rdfxml-billion-laughs-after-comment",
        ".rdf",
        RDFXML,
        "rdf",
        _billion_laughs_hidden,
        "refers to",
    ),
    _case(
        "rdfxml-entity-500k-references", ".rdf", RDFXML, "rdf", _entity_many_references, EXPANSION
    ),
    _case("rdfxml-external-entity", ".rdf", RDFXML, "rdf", _entity_external, "external entity"),
    _case("rdfxml-parameter-entity", ".rdf", RDFXML, "rdf", _entity_parameter, "parameter entit"),
]

API_CASES: list[HostileCase] = [c for c in CASES if c.media_type is not None]


def case(name: str) -> HostileCase:
    return next(c for c in CASES if c.name == name)
