"""No parser and no validation step fetches anything: a local listener must receive nothing."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from neo4j import Driver

from kennisgraaf.errors import InputError
from kennisgraaf.loaders.pipeline import validate_file
from tests.conftest import count_all
from tests.pipeline_helpers import load, options


class Listener:
    """A TCP listener on loopback that records every connection it receives."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = int(self.sock.getsockname()[1])
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self.sock.close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    probe = Listener()
    yield probe
    probe.close()


def test_the_listener_does_see_a_connection(listener: Listener) -> None:
    # Proves the probe works, so "zero connections" below means something.
    with socket.create_connection(("127.0.0.1", listener.port), timeout=2):
        pass
    deadline = threading.Event()
    deadline.wait(0.5)
    assert listener.connections == 1


def test_remote_jsonld_context_is_refused(
    driver: Driver, database: str, tmp_path: Path, listener: Listener
) -> None:
    path = tmp_path / "remote.jsonld"
    path.write_text(
        f'{{"@context": "{listener.url}/context.jsonld", "@id": "http://example.org/a", '
        '"name": "x"}'
    )
    with pytest.raises(InputError, match=r"remote\.jsonld.*not valid RDF"):
        load(driver, database, path, tmp_path)
    assert listener.connections == 0
    assert count_all(driver, database) == (0, 0)


def test_rdfxml_external_entity_is_refused(tmp_path: Path, listener: Listener) -> None:
    path = tmp_path / "entity.rdf"
    path.write_text(
        f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY ext SYSTEM "{listener.url}/x">]>'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns:ex="http://example.org/"><rdf:Description rdf:about="http://example.org/a">'
        "<ex:p>&ext;</ex:p></rdf:Description></rdf:RDF>"
    )
    with pytest.raises(InputError, match=r"entity\.rdf, line 1: external entity 'ext' refused"):
        validate_file(path, options(tmp_path))
    assert listener.connections == 0


def test_rdfxml_entity_expansion_bomb_is_refused(tmp_path: Path) -> None:
    entities = '<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {chr(98 + i)} "' + f"&{chr(97 + i)};" * 10 + '">' for i in range(8)
    )
    path = tmp_path / "bomb.rdf"
    path.write_text(
        f'<?xml version="1.0"?><!DOCTYPE r [{entities}]>'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns:ex="http://example.org/"><rdf:Description rdf:about="http://example.org/a">'
        "<ex:p>&i;</ex:p></rdf:Description></rdf:RDF>"
    )
    with pytest.raises(
        InputError, match=r"bomb\.rdf, line \d+: entity 'b' refers to other entities"
    ):
        validate_file(path, options(tmp_path))


def test_plain_internal_entities_still_work(tmp_path: Path) -> None:
    path = tmp_path / "abbrev.rdf"
    path.write_text(
        '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY ex "http://example.org/">]>'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns:ex="http://example.org/"><rdf:Description rdf:about="&ex;a">'
        "<ex:p>v</ex:p></rdf:Description></rdf:RDF>"
    )
    report = validate_file(path, options(tmp_path))
    assert report.statements_read == 1 and report.rejections == []


def test_owl_imports_are_stored_not_followed(
    driver: Driver, database: str, tmp_path: Path, listener: Listener
) -> None:
    path = tmp_path / "imports.ttl"
    path.write_text(
        f"<http://example.org/onto> a <http://www.w3.org/2002/07/owl#Ontology> ;\n"
        f"  <http://www.w3.org/2002/07/owl#imports> <{listener.url}/other.ttl> .\n"
    )
    report = load(driver, database, path, tmp_path)
    assert report.statements_loaded == 2
    assert listener.connections == 0
