"""The pre-scan: real files pass, structure is counted outside strings, IRIs and comments only,
chunk boundaries change nothing, each bound holds at exactly its value, and what the native
parser still raises is an InputError naming the file."""

from __future__ import annotations

from collections.abc import Callable
from importlib import resources
from pathlib import Path

import pyoxigraph as ox
import pytest

from kennisgraaf.errors import InputError, InputLimitError
from kennisgraaf.loaders import prescan, rdf_reader
from kennisgraaf.loaders.prescan import Limits, scan
from kennisgraaf.settings import get_settings

EXAMPLES = Path(__file__).resolve().parents[2] / "loaders" / "examples"


def _write(tmp_path: Path, name: str, body: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(body.encode() if isinstance(body, str) else body)
    return path


@pytest.fixture(params=[prescan.CHUNK, 7, 64], ids=["1MiB", "7B", "64B"])
def chunk(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> int:
    """Every test runs with the real chunk size and with tiny ones: tokens, escapes, UTF-8
    sequences and lines then fall across chunk boundaries."""
    monkeypatch.setattr(prescan, "CHUNK", request.param)
    return int(request.param)


def test_shipped_files_pass(chunk: int) -> None:
    ontology = resources.files("kennisgraaf.ontology")
    for name in ("vocabularies.ttl", "shapes.ttl", "kennisgraaf.ttl"):
        path = Path(str(ontology / name))
        if path.is_file():
            scan(path, "turtle")
    scan(EXAMPLES / "kennisrotonde-example.json", "json")
    scan(EXAMPLES / "kennisrotonde-example.csv", "csv")


TURTLE_WITH_BRACKETS_IN_TEXT = (
    "@prefix ex: <http://example.org/> . # [[[[ (((( in a comment\n"
    'ex:a ex:p "[[[[ (((( {{{{ in a string \\" [[[[" ;\n'
    "  ex:q '''a long string\n"
    "over lines [[[[ (((( with \"\"\" inside'''\n"
    '  ; ex:r """and \\""" [[[[ (((( """ ;\n'
    "  ex:s <http://example.org/x#y> ;\n"
    "  ex:t [ ex:u ( 1 2 [ ex:v 3 ] ) ] .\n"
    'ex:café ex:p "é 中 🙂" .\n'
)


def test_brackets_in_strings_iris_and_comments_do_not_count(tmp_path: Path, chunk: int) -> None:
    path = _write(tmp_path, "text.ttl", TURTLE_WITH_BRACKETS_IN_TEXT)
    scan(path, "turtle", Limits(depth=3))  # [ ( [ is the deepest structure
    with pytest.raises(InputLimitError, match=r"text.ttl, line 7: nested deeper than 2 levels"):
        scan(path, "turtle", Limits(depth=2))
    assert len(list(ox.parse(path.read_bytes(), format=ox.RdfFormat.TURTLE))) == 14


JSONLD = (
    '{"@context": {"ex": "http://example.org/"}, "@id": "ex:a",\n'
    ' "ex:p": ["[[[ {{{ \\" [[[ \\\\", {"@value": "x\\\\\\"[[["}],\n'
    ' "ex:q": {"@list": [[1, 2], {"@id": "ex:b"}]}}\n'
)


def test_json_structure_outside_strings_with_escapes(tmp_path: Path, chunk: int) -> None:
    path = _write(tmp_path, "doc.jsonld", JSONLD)
    scan(path, "jsonld", Limits(depth=4))
    with pytest.raises(InputLimitError, match=r"doc.jsonld, line 3: nested deeper than 3"):
        scan(path, "jsonld", Limits(depth=3))


def test_depth_holds_at_exactly_the_limit(tmp_path: Path, chunk: int) -> None:
    limits = Limits(depth=20)
    rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    triple = "<http://e/a> <http://e/p> "
    cases: dict[str, Callable[[int], str]] = {
        "turtle": lambda n: "ex:a ex:p " + "[ ex:p " * n + "1" + " ]" * n + " .\n",
        "ntriples": lambda n: triple + f"<<( {triple}" * n + '"x"' + " )>>" * n + " .\n",
        "jsonld": lambda n: '{"http://e/p": ' * n + "1" + "}" * n + "\n",
        "rdfxml": lambda n: (
            f'<r:RDF xmlns:r="{rdf}">' + "<a>" * (n - 1) + "</a>" * (n - 1) + "<b/></r:RDF>\n"
        ),
    }
    for syntax, body in cases.items():
        scan(_write(tmp_path, f"ok.{syntax}", body(20)), syntax, limits)
        with pytest.raises(InputLimitError, match="input_max_depth") as caught:
            scan(_write(tmp_path, f"deep.{syntax}", body(21)), syntax, limits)
        assert caught.value.setting == "input_max_depth"


def test_literal_and_line_bounds(tmp_path: Path, chunk: int) -> None:
    limits = Limits(literal=100, line=300)
    fits = f'<http://e/a> <http://e/p> "{"x" * 100}" .\n'
    scan(_write(tmp_path, "ok.nt", fits * 3), "ntriples", limits)
    over = f'<http://e/a> <http://e/p> "{"x" * 101}" .\n'
    with pytest.raises(InputLimitError, match=r"line 2: a literal longer than 100 bytes"):
        scan(_write(tmp_path, "over.nt", fits + over), "ntriples", limits)
    # escaped characters count as written: a string of escaped backslashes is no shortcut
    escaped = '{"@id": "http://e/a", "http://e/p": "' + "\\\\" * 51 + '"}\n'
    with pytest.raises(InputLimitError, match="input_max_literal_bytes"):
        scan(_write(tmp_path, "escaped.jsonld", escaped), "jsonld", limits)
    long_line = "<http://e/a> <http://e/p> <http://e/b> . " * 10 + "\n"
    with pytest.raises(InputLimitError, match=r"line 1: a line longer than 300 bytes"):
        scan(_write(tmp_path, "line.ttl", long_line), "turtle", limits)
    # minified JSON-LD is one line by nature: no line bound
    minified = '[{"@id": "http://e/a", "http://e/p": "x"}' + ', {"@id": "http://e/a"}' * 50 + "]"
    scan(_write(tmp_path, "minified.jsonld", minified), "jsonld", limits)


def test_statements_counted_while_parsing_and_csv_rows_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = "name,kind\n" + "".join(f"n{i},stichting\n" for i in range(11))
    with pytest.raises(InputLimitError, match=r"line 12: more than 10 rows"):
        scan(_write(tmp_path, "many.csv", rows), "csv", Limits(statements=10))
    assert scan(_write(tmp_path, "eleven.csv", rows), "csv").statements == 11
    # RDF statements are counted by the parser as it goes, exactly and at no extra pass
    lines = "".join(f'<http://e/s{i}> <http://e/p> "{i}" .\n' for i in range(11))
    objects = ", ".join(map(str, range(11)))
    files = {
        ox.RdfFormat.N_TRIPLES: _write(tmp_path, "many.nt", lines),
        ox.RdfFormat.TURTLE: _write(tmp_path, "many.ttl", f"<http://e/a> <http://e/p> {objects} ."),
    }
    monkeypatch.setenv("KENNISGRAAF_INPUT_MAX_STATEMENTS", "10")
    get_settings.cache_clear()
    try:
        for fmt, path in files.items():
            with pytest.raises(InputLimitError, match="more than 10 statements"):
                rdf_reader.count_statements(path, fmt)
            with pytest.raises(InputLimitError, match="more than 10 statements"):
                list(rdf_reader.iter_statements(path, fmt))
        monkeypatch.setenv("KENNISGRAAF_INPUT_MAX_STATEMENTS", "11")
        get_settings.cache_clear()
        assert [rdf_reader.count_statements(p, f) for f, p in files.items()] == [11, 11]
    finally:
        get_settings.cache_clear()


ONTOLOGY_WITH_ENTITIES = """<?xml version="1.0"?>
<!-- a comment before the DOCTYPE -->
<!DOCTYPE rdf:RDF [
  <!ENTITY owl "http://www.w3.org/2002/07/owl#">
  <!ENTITY rdfs "http://www.w3.org/2000/01/rdf-schema#">
]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:rdfs="&rdfs;">
  <rdf:Description rdf:about="http://e/C">
    <rdf:type rdf:resource="&owl;Class"/>
    <rdfs:label>a &lt;label&gt; &amp; more</rdfs:label>
    <rdfs:comment><![CDATA[<<<< [[[[ ]]></rdfs:comment>
  </rdf:Description>
</rdf:RDF>
"""


def test_internal_entities_within_the_budget_load(tmp_path: Path, chunk: int) -> None:
    path = _write(tmp_path, "onto.rdf", ONTOLOGY_WITH_ENTITIES)
    scan(path, "rdfxml", Limits(depth=3))
    quads = list(ox.parse(path.read_bytes(), format=ox.RdfFormat.RDF_XML))
    assert ox.NamedNode("http://www.w3.org/2002/07/owl#Class") in {q.object for q in quads}
    # two references: the owl IRI and the rdfs IRI
    budget = len("http://www.w3.org/2002/07/owl#") + len("http://www.w3.org/2000/01/rdf-schema#")
    scan(path, "rdfxml", Limits(expansion=budget))
    with pytest.raises(InputLimitError, match="input_max_entity_expansion_bytes"):
        scan(path, "rdfxml", Limits(expansion=budget - 1))


def test_entity_bombs_refused_wherever_the_doctype_is(tmp_path: Path, chunk: int) -> None:
    # entity declarations after 200 KB of comment, and a reference inside an attribute
    size = 200_000 if chunk == 1 << 20 else 3_000  # tiny chunks re-read a carried comment
    comment = "<!-- " + "x" * size + " -->\n"
    body = ONTOLOGY_WITH_ENTITIES.replace("<!DOCTYPE", comment + "<!DOCTYPE", 1)
    body = body.replace('"http://www.w3.org/2002/07/owl#"', '"' + "y" * 1000 + '"')
    body = body.replace(
        "</rdf:RDF>", '<rdf:Description rdf:about="&owl;"/>\n' * 2000 + "</rdf:RDF>"
    )
    with pytest.raises(InputLimitError, match=r"entity 'owl'"):
        scan(_write(tmp_path, "bomb.rdf", body), "rdfxml")


def test_invalid_utf8_named_by_line_and_byte(tmp_path: Path, chunk: int) -> None:
    body = (
        '<http://e/a> <http://e/p> "é" .\n'.encode() * 3 + b'<http://e/a> <http://e/p> "\xc3(" .\n'
    )
    with pytest.raises(InputError, match=r"bad.nt, line 4, byte 28 of the line \(offset 126\)"):
        scan(_write(tmp_path, "bad.nt", body), "ntriples")
    # a sequence cut at the end of the file
    with pytest.raises(InputError, match="not valid UTF-8"):
        scan(_write(tmp_path, "cut.nt", body[:-5] + b"\xe2\x82"), "ntriples")


def test_the_native_parser_s_own_errors_name_the_file(tmp_path: Path) -> None:
    # Past the pre-scan (called directly): pyoxigraph's MemoryError for a token over 16 MB.
    body = b'<http://e/a> <http://e/p> "' + b"a" * (17 * 1024 * 1024) + b'" .\n'
    path = _write(tmp_path, "huge.nt", body)
    with pytest.raises(InputError, match=r"huge\.nt"):
        rdf_reader.count_statements(path, ox.RdfFormat.N_TRIPLES)


def test_a_long_string_across_chunks_counts_its_line_once(tmp_path: Path, chunk: int) -> None:
    # A bracket before a long string that the chunk cuts: the line is read again whole.
    line = 'ex:a ex:p [ ex:q """one\ntwo ( [ three""" ] .\n'
    path = _write(tmp_path, "long.ttl", "@prefix ex: <http://example.org/> .\n" + line * 40)
    scan(path, "turtle", Limits(depth=1))
    assert len(list(ox.parse(path.read_bytes(), format=ox.RdfFormat.TURTLE))) == 80


def test_xml_text_that_looks_like_a_tag_end_hides_no_depth(tmp_path: Path, chunk: int) -> None:
    rdf = '<r:RDF xmlns:r="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    hidden = rdf + "<a>/>" * 30 + "</a>" * 30 + "</r:RDF>\n"
    with pytest.raises(InputLimitError, match="input_max_depth"):
        scan(_write(tmp_path, "hidden.rdf", hidden), "rdfxml", Limits(depth=20))
    # a ">" or "/>" inside an attribute value is no tag end either
    quoted = rdf + '<a t="x/>y">' * 15 + "<b/>" * 50 + "</a>" * 15 + "</r:RDF>\n"
    scan(_write(tmp_path, "quoted.rdf", quoted), "rdfxml", Limits(depth=16))
    with pytest.raises(InputLimitError, match="input_max_depth"):
        scan(_write(tmp_path, "quoted.rdf", quoted), "rdfxml", Limits(depth=15))
