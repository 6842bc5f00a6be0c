"""Restricted personal data never reaches a public output (README "Personal data").

Generated graphs hold people who did not consent to be named (consent false, or not stated) and
restricted literals (a use's outcome, free-text notes), each carrying a unique canary string, next
to people who did consent. Loaded into the real Neo4j through the pipeline, then: every GET route
of the app (enumerated from its routes, so a new route is covered without touching this test; its
path parameters filled from the loaded resources, its query parameters set to the canary in
turn — in lower case, so that an echo of the request is not taken for a leak), resources in every
RDF format and as HTML and JSON, `/sparql` selecting everything, every dump and the public export
in every format must hold no canary. The authorised routes (a token
with the `restricted` scope) and the steward's non-public export do hold them — so the canaries
were there to be leaked — and the audit log has a line for each authorised read.
"""

from __future__ import annotations

import io
import itertools
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlencode

from fastapi import FastAPI
from fastapi.routing import APIRoute, iter_route_contexts
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from neo4j import Driver
from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, SKOS
from starlette.routing import Mount

from kennisgraaf.api.app import create_app
from kennisgraaf.api.audit import audit_path, read_audit
from kennisgraaf.api.auth import create_token, tokens_path
from kennisgraaf.api.dumps import DUMPS
from kennisgraaf.graph.exporter import EXPORT_FORMATS, export
from kennisgraaf.graph.model import natural_datatypes
from kennisgraaf.rdf_formats import RDF_SYNTAXES
from kennisgraaf.settings import Settings
from tests.conftest import wipe_database
from tests.ld_helpers import app_settings
from tests.pipeline_helpers import BASE, load

KG = Namespace("https://w3id.org/kennisgraaf/def#")
ID = BASE + "id/"
# Valid ORCID iDs (check characters right), given to people who refused: restricted too.
ORCIDS = ("0000-0002-9990-0038", "0000-0002-9990-0011", "0000-0002-9990-002X")
ACCEPT = ["text/html", "application/json", *(s.media_type for s in RDF_SYNTAXES)]
_files = itertools.count()


@dataclass(frozen=True)
class Person:
    key: str
    given: str
    consent: bool | None  # None: not stated
    orcid: str | None = None

    @property
    def iri(self) -> str:
        return ID + "person/" + self.key

    @property
    def restricted(self) -> bool:
        return self.consent is not True


@dataclass
class Case:
    canary: str
    people: list[Person]
    notes: int  # resources with only restricted statements (an outcome, a note)
    secrets: set[str] = field(default_factory=set)

    def name(self, p: Person) -> str:
        return f"{p.given} {self.canary}{p.key[-2:]}" if p.restricted else f"{p.given} Openbaar"

    def graph(self) -> Graph:
        g = Graph()
        doc = URIRef(ID + "thing/report")
        g.add((doc, DCTERMS.title, Literal("Een openbaar verslag", lang="nl")))
        for p in self.people:
            person = URIRef(p.iri)
            g.add((person, RDF.type, KG.Person))
            g.add((person, FOAF.name, Literal(self.name(p))))
            g.add((doc, DCTERMS.creator, person))
            if p.consent is not None:
                g.add((person, KG.consentToBeNamed, Literal(p.consent)))
            if p.orcid:
                g.add((person, KG.orcid, Literal(p.orcid)))
            if p.restricted:
                self.secrets.add(self.name(p))
                g.add((person, SKOS.note, Literal(f"notitie {self.canary}")))
                if p.orcid:
                    self.secrets.add(p.orcid)
        for i in range(self.notes):
            thing = URIRef(f"{ID}thing/use-{i}")
            g.add((thing, KG.outcome, Literal(f"uitkomst {self.canary}", lang="nl")))
            g.add((doc, DCTERMS.relation, thing))
        self.secrets.add(self.canary)
        return g


given_names = st.sampled_from(["Sanne", "Ayşe", "Pieter", "Noor", "Mohamed", "Iris"])


@st.composite
def cases(draw: st.DrawFn) -> Case:
    canary = "KANARIE" + draw(st.uuids()).hex[:10].upper()
    n = draw(st.integers(2, 4))
    people = []
    for i in range(n):
        consent = draw(st.sampled_from([None, False, True]))
        orcid = ORCIDS[i % len(ORCIDS)] if consent is False and draw(st.booleans()) else None
        people.append(Person(f"p-{canary[-4:].lower()}-{i:02d}", draw(given_names), consent, orcid))
    if all(not p.restricted for p in people):
        people[0] = Person(people[0].key, people[0].given, None)
    return Case(canary, people, draw(st.integers(0, 2)))


def _body(content: bytes) -> str:
    """The body as text (the client has undone any content coding already)."""
    return content.decode("utf-8", "replace")


def _leaks(case: Case, text: str) -> list[str]:
    return [s for s in case.secrets if s in text]


def _path_values(case: Case) -> list[str]:
    """What fills a path parameter: each resource's key and its path below {base}id/."""
    iris = [p.iri for p in case.people] + [ID + "thing/report"]
    iris += [f"{ID}thing/use-{i}" for i in range(case.notes)]
    values = {iri[len(ID) :] for iri in iris} | {iri.rsplit("/", 1)[1] for iri in iris}
    return sorted(values | set(DUMPS))


def _filled(template: str, fill: tuple[str, ...]) -> str:
    values = iter(fill)
    return re.sub(r"\{(\w+)(?::\w+)?\}", lambda _: quote(next(values), safe="/"), template)


def public_requests(app: FastAPI, case: Case) -> Iterator[tuple[str, dict[str, str]]]:
    """(URL, headers) of every public GET: each route with its path parameters filled and its
    query parameters set to the (lower-case) canary in turn; resources in every format."""
    values = _path_values(case)
    # Searches use the canary in lower case: matching ignores case, so a hit would show the
    # stored (upper-case) canary, while the probe a page echoes back is no leak.
    probe = case.canary.lower()
    for context in iter_route_contexts(app.routes):
        route = getattr(context, "original_route", context)
        if isinstance(route, Mount) or "GET" not in (context.methods or ()):
            continue
        template = context.path or ""
        names = re.findall(r"\{(\w+)(?::\w+)?\}", template)
        fills = itertools.product(values, repeat=len(names)) if names else [()]
        params = (
            [p.alias for p in route.dependant.query_params] if isinstance(route, APIRoute) else []
        )
        for fill in fills:
            path = _filled(template, fill)
            accepts = (
                ACCEPT if path.startswith(("/id/", "/dataset", "/.well-known")) else ACCEPT[:2]
            )
            for accept in accepts:
                yield path, {"accept": accept}
            for name in params:
                yield f"{path}?{urlencode({name: probe})}", {"accept": "application/json"}
    everything = (
        "SELECT * WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }",
        "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }",
        "SELECT ?s ?o WHERE { ?s <http://xmlns.com/foaf/0.1/name> ?o }",
    )
    for query in everything:
        yield (
            "/sparql?" + urlencode({"query": query}),
            {"accept": "application/sparql-results+json"},
        )
        yield "/sparql?" + urlencode({"query": query}), {"accept": "text/turtle"}
    for p in case.people:
        for text in (case.name(p).lower(), p.given, probe):
            queries = {"q0": {"query": text}, "q1": {"query": text, "type": "Person"}}
            yield "/reconcile?" + urlencode({"queries": json.dumps(queries)}), {}
            yield "/search?" + urlencode({"q": text}), {"accept": "text/html"}
            yield "/people?" + urlencode({"q": text}), {}


def _cypher(client: TestClient, token: str, query: str) -> tuple[int, str]:
    r = client.post("/cypher", json={"query": query}, headers={"authorization": f"Bearer {token}"})
    return r.status_code, r.text


@settings(
    max_examples=int(os.environ.get("KG_CANARY_EXAMPLES", "3")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)
@given(case=cases())
def test_no_public_output_holds_a_canary(
    driver: Driver, database: str, neo4j_settings: Settings, tmp_path: Path, case: Case
) -> None:
    wipe_database(driver, database)
    source = tmp_path / f"people-{next(_files)}.ttl"
    case.graph().serialize(source, format="turtle", encoding="utf-8")
    report = load(driver, database, source, tmp_path)
    assert report.statements_rejected == 0, report.rejections

    folder = tmp_path / f"app-{next(_files)}"
    s = app_settings(neo4j_settings, folder)
    with TestClient(create_app(s, driver=driver)) as client:
        assert isinstance(client.app, FastAPI)
        seen = ok = 0
        for url, headers in public_requests(client.app, case):
            r = client.get(url, headers=headers)
            seen += 1
            ok += r.status_code == 200
            leaked = _leaks(case, _body(r.content))
            leaked += _leaks(case, json.dumps(dict(r.headers)))
            assert not leaked, (url, headers, r.status_code, leaked)
            assert r.status_code < 500, (url, r.status_code, r.text[:300])
        assert ok > 100, (seen, ok)  # the sweep really read the graph

        # The authorised views show what the public ones leave out.
        secret = create_token(tokens_path(s.data_dir), "steward", ["restricted", "query"])
        querying = create_token(tokens_path(s.data_dir), "researcher", ["query"])
        hidden = [p for p in case.people if p.restricted]
        for p in hidden:
            url = "/restricted/resource?" + urlencode({"iri": p.iri})
            assert client.get(url).status_code == 401
            shown = client.get(url, headers={"authorization": f"Bearer {querying}"})
            assert shown.status_code == 403
            shown = client.get(url, headers={"authorization": f"Bearer {secret}"})
            assert shown.status_code == 200 and case.name(p) in shown.text
            assert shown.json()["hidden"] is True
        everyone = "MATCH (p:Person) RETURN p, p.foaf_name AS name"
        status, text = _cypher(client, secret, everyone)
        assert status == 200 and all(case.name(p) in text for p in hidden)
        status, text = _cypher(client, querying, everyone)
        assert status == 200 and not _leaks(case, text)
        for sneaky in (
            "MATCH (p:Person) RETURN p.`_restricted`",
            "MATCH (p:Person) RETURN properties(p)",
            "MATCH (p:Person) RETURN p {.*}",
            "MATCH (p:Person) UNWIND keys(p) AS k RETURN p[k]",
            "MATCH (p:Person) RETURN p['_res' + 'tricted']",
        ):
            status, text = _cypher(client, querying, sneaky)
            assert status == 403 and not _leaks(case, text), (sneaky, status)
        assert _cypher(client, secret, "MATCH (p:Person) RETURN properties(p)")[0] == 200

        # The audit log: a line per authorised read (who, the route, which resources), none
        # for a refused or a public one, and never the token itself.
        lines = read_audit(s)
        reads = [x for x in lines if x["route"] == "GET /restricted/resource"]
        assert sorted(x["resources"][0] for x in reads) == sorted(p.iri for p in hidden)
        queries = [x for x in lines if x["route"] == "POST /cypher"]
        assert len(queries) == 2 and len(lines) == len(hidden) + 2
        assert all(x["who"] == "steward" and x["at"] for x in lines)
        assert {p.iri for p in hidden} <= set(queries[0]["resources"])
        assert secret not in audit_path(s).read_text(encoding="utf-8")

    natural = natural_datatypes()
    for fmt in EXPORT_FORMATS:
        public, steward = io.BytesIO(), io.BytesIO()
        export(driver, database, public, fmt, BASE, natural, public=True)
        export(driver, database, steward, fmt, BASE, natural, public=False)
        assert not _leaks(case, public.getvalue().decode()), fmt
        assert case.canary in steward.getvalue().decode(), fmt
