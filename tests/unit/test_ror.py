"""ROR v2 records → organisations: the exact triples of three real Dutch records of the shipped
snapshot (CPB, Utrecht University, the Dutch Research Council), written here from the record
files, refusals naming record and field, and the snapshot's rebuild. No database needed."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.compare import graph_diff, isomorphic
from rdflib.namespace import DCTERMS, FOAF, RDF, RDFS, SKOS, XSD

from kennisgraaf.errors import InputError
from kennisgraaf.loaders import ror, ror_files, sources
from kennisgraaf.loaders.record_conversion import RecordRefusal
from kennisgraaf.ontology.validation import validate

BASE = "https://w3id.org/kennisgraaf/"
ORGANISATION = BASE + "id/organisation/ror/"
KG = Namespace("https://w3id.org/kennisgraaf/def#")
ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")
SNAPSHOT = Path(__file__).parents[2] / "data" / "registers" / "ror" / "ror-nl.json.gz"
CPB, UU, NWO = "04rjxzd30", "04pp8hn57", "04jsz6e67"


def snapshot_records(*ids: str) -> list[dict[str, Any]]:
    with gzip.open(SNAPSHOT, "rt", encoding="utf-8") as handle:
        records = json.load(handle)
    return [r for r in records if r["id"].rsplit("/", 1)[1] in ids]


def org(ror_id: str) -> URIRef:
    return URIRef(ORGANISATION + ror_id)


def stub(ror_id: str, label: str) -> list[tuple[Any, Any, Any]]:
    """An organisation named in a relationship only: its ROR ID and the label given there."""
    return [(org(ror_id), RDF.type, KG.Organisation), (org(ror_id), FOAF.name, Literal(label)),
            (org(ror_id), KG.ror, Literal(ror_id))]  # fmt: skip


ACTIVE = URIRef("https://w3id.org/kennisgraaf/def/register-status/active")


def register(ror_id: str, established: str) -> list[tuple[Any, Any, Any]]:
    """What ROR says of the record's existence: active, and the year it was established."""
    year = Literal(established, datatype=XSD.gYear)
    return [(org(ror_id), KG.registerStatus, ACTIVE), (org(ror_id), KG.establishedYear, year)]


def sames(ror_id: str, *iris: str) -> list[tuple[Any, Any, Any]]:
    return [(org(ror_id), SCHEMA.sameAs, URIRef(i)) for i in (f"https://ror.org/{ror_id}", *iris)]


def cpb() -> set[tuple[Any, Any, Any]]:
    s = org(CPB)
    return {
        (s, RDF.type, KG.Organisation), (s, RDF.type, KG.GovernmentAgency),
        (s, FOAF.name, Literal("CPB Netherlands Bureau for Economic Policy Analysis")),
        (s, KG.ror, Literal(CPB)),
        (s, RDFS.label, Literal("CPB Netherlands Bureau for Economic Policy Analysis", lang="en")),
        (s, RDFS.label, Literal("Centraal Planbureau, Central Planning Bureau", lang="nl")),
        (s, SKOS.altLabel, Literal("CPB")),
        (s, KG.region, Literal("The Hague")),
        (s, DCTERMS.identifier, Literal("grid.423770.5")),
        *sames(CPB, "https://isni.org/isni/0000000110923202", "http://www.wikidata.org/entity/Q692173"),
        (s, ORG.subOrganizationOf, org("00bc6bw85")),
        *stub("00bc6bw85", "Ministry of Economic Affairs and Climate Policy"),
        *register(CPB, "1945"),
    }  # fmt: skip


RELATED = {
    "01gntjh03": "Royal Netherlands Institute for Sea Research",
    "0575yy874": "University Medical Center Utrecht",
    "02z3zn824": "Netherlands Proteomics Centre",
}


def utrecht() -> set[tuple[Any, Any, Any]]:
    s = org(UU)
    return {
        (s, RDF.type, KG.Organisation), (s, RDF.type, KG.University), (s, RDF.type, KG.FundingBody),
        (s, FOAF.name, Literal("Utrecht University")), (s, KG.ror, Literal(UU)),
        (s, RDFS.label, Literal("Universiteit Utrecht", lang="nl")),
        (s, RDFS.label, Literal("Utrecht University", lang="en")),
        (s, SKOS.altLabel, Literal("Rijksuniversiteit Utrecht", lang="nl")),
        (s, KG.region, Literal("Utrecht")),
        (s, DCTERMS.identifier, Literal("grid.5477.1")),
        *sames(UU, "https://doi.org/10.13039/501100001829", "https://doi.org/10.13039/501100002989",
               "https://isni.org/isni/0000000120346234", "https://isni.org/isni/0000000096370671",
               "http://www.wikidata.org/entity/Q221653"),
        # two children and three related organisations
        (org("01yx4wq53"), ORG.subOrganizationOf, s), (org("058kzes98"), ORG.subOrganizationOf, s),
        *stub("01yx4wq53", "Delta Institute for Theoretical Physics"),
        *stub("058kzes98", "University Museum Utrecht"),
        *((s, KG.relatedOrganisation, org(other)) for other in RELATED),
        *(t for other, label in RELATED.items() for t in stub(other, label)),
        *register(UU, "1636"),
    }  # fmt: skip


NWO_CHILDREN = {
    "008pnp284": "Data Archiving and Networked Services (DANS)",
    "02wc0kq10": "Space Research Organisation Netherlands",
    "00rbjv475": "Netherlands eScience Center",
    "03r6vqn56": "Taskforce for Applied Research",
    "057tq3593": "Technology Foundation STW",
    "00yqqb480": "National Initiative for Education Research",
    "01epydt92": "Open Science NL",
    "010e01376": "NWO-I",
}
NWO_ALIASES = (
    "Dutch Foundation for Scientific Research", "Dutch National Science Foundation",
    "Dutch National Scientific Foundation", "Dutch Organization for Scientific Research",
    "Dutch Programme Council for Scientific Research", "Dutch Research Council (NWO)",
    "Netherlands Organisation for Scientific Research", "Netherlands Research Council",
    "Netherlands Science Foundation",
)  # fmt: skip


DUTCH_NAME = "Nederlandse Organisatie voor Wetenschappelijk Onderzoek"


def nwo(in_file: set[str]) -> set[tuple[Any, Any, Any]]:
    """The Dutch Research Council; children in `in_file` are described by their own record."""
    s = org(NWO)
    found = {
        (s, RDF.type, KG.Organisation), (s, RDF.type, KG.FundingBody),
        (s, RDF.type, KG.GovernmentAgency),
        (s, FOAF.name, Literal("Dutch Research Council")), (s, KG.ror, Literal(NWO)),
        (s, RDFS.label, Literal("Dutch Research Council", lang="en")),
        (s, RDFS.label, Literal(DUTCH_NAME, lang="nl")),
        (s, SKOS.altLabel, Literal("NWO")),
        (s, SKOS.altLabel, Literal(f"{DUTCH_NAME} (NWO)", lang="nl")),
        *((s, SKOS.altLabel, Literal(alias, lang="en")) for alias in NWO_ALIASES),
        (s, KG.region, Literal("The Hague")),
        (s, DCTERMS.identifier, Literal("grid.420488.2")),
        *sames(NWO, *(f"https://doi.org/10.13039/{n}" for n in
                      ("501100003246", "501100001345", "501100013956", "501100024871")),
               "https://isni.org/isni/0000000110927772", "http://www.wikidata.org/entity/Q129724"),
        *register(NWO, "1950"),
    }  # fmt: skip
    for child, label in NWO_CHILDREN.items():
        found.add((org(child), ORG.subOrganizationOf, s))
        if child not in in_file:
            found.update(stub(child, label))
    return found


def converted(path: Path) -> list[Any]:
    return list(ror.record_triples(path, base=BASE))


def write(tmp_path: Path, records: list[Any], name: str = "ror.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(records), encoding="utf-8")
    return path


def test_three_named_records_give_exactly_their_triples(tmp_path: Path) -> None:
    records = snapshot_records(CPB, UU, NWO)
    assert len(records) == 3
    results = converted(write(tmp_path, records))
    assert not [r for r in results if isinstance(r, RecordRefusal)]
    got = {t for triples in results for t in triples}
    expected = cpb() | utrecht() | nwo(set())
    assert got - expected == set()
    assert expected - got == set()


def test_a_child_in_the_file_is_not_described_twice(tmp_path: Path) -> None:
    """NWO-I (010e01376) has its own record: NWO's record only links it."""
    records = snapshot_records(NWO, "010e01376")
    assert len(records) == 2
    results = converted(write(tmp_path, records))
    nwo_triples = set(results[[r["id"] for r in records].index(f"https://ror.org/{NWO}")])
    assert nwo_triples == nwo({"010e01376"})


def test_the_triples_pass_the_shapes(tmp_path: Path) -> None:
    graph = Graph()
    for triples in converted(write(tmp_path, snapshot_records(CPB, UU, NWO))):
        for triple in triples:
            graph.add(triple)
    expected = Graph()
    for triple in cpb() | utrecht() | nwo(set()):
        expected.add(triple)
    assert isomorphic(graph, expected), graph_diff(graph, expected)
    assert validate(graph).conforms


# Mutation caught: mapping "successor" to kg:predecessor, or reading the status of the snapshot
# instead of the record, changes the triples below.
def test_an_inactive_record_loads_with_its_status_and_successor(tmp_path: Path) -> None:
    good = snapshot_records(CPB)[0]
    closed = {
        **good,
        "status": "inactive",
        "relationships": [{"type": "successor", "id": f"https://ror.org/{NWO}", "label": "NWO"}],
    }
    (triples,) = converted(write(tmp_path, [closed]))
    status = URIRef("https://w3id.org/kennisgraaf/def/register-status/inactive")
    assert (org(CPB), KG.registerStatus, status) in triples
    assert (org(CPB), KG.registerStatus, ACTIVE) not in triples
    assert (org(CPB), KG.successor, org(NWO)) in triples


def test_bad_and_unknown_status_records_are_refused_by_record_and_field(tmp_path: Path) -> None:
    good = snapshot_records(CPB)[0]
    inactive = {**good, "id": "https://ror.org/04pp8hn57", "status": "closed"}
    broken = {
        **good,
        "id": "https://ror.org/04pp8hn58",
        "names": [{"types": ["label"], "value": "x"}],
    }
    shapeless = {**good, "external_ids": ["grid.423770.5"], "relationships": {"id": CPB}}
    results = converted(write(tmp_path, [good, inactive, broken, "text", shapeless]))
    refusals = [r for r in results if isinstance(r, RecordRefusal)]
    assert [(r.record, r.identifier) for r in refusals] == [
        (2, "04pp8hn57"), (3, None), (4, None), (5, CPB)
    ]  # fmt: skip
    assert [f for f, _ in refusals[0].problems] == ["status"]
    assert sorted(f for f, _ in refusals[1].problems) == ["id", "names"]
    assert [f for f, _ in refusals[2].problems] == [""]
    assert sorted(f for f, _ in refusals[3].problems) == ["external_ids", "relationships"]


def test_the_kind_is_registered_and_refuses_what_is_no_ror_file(tmp_path: Path) -> None:
    assert sources.kind_named("ror") is ror.KIND
    with pytest.raises(InputError, match=r"ror\.csv: unknown ROR file format"):
        sources.open_source(write(tmp_path, [], "ror.csv"), kind="ror")
    with pytest.raises(InputError, match="expected a JSON list"):
        sources.open_source(write(tmp_path, {"id": 1}, "one.json"), kind="ror")  # type: ignore[arg-type]


def test_rebuild_keeps_the_dutch_active_records_sorted(tmp_path: Path) -> None:
    records = snapshot_records(CPB, UU)
    german = {**records[0], "id": "https://ror.org/000000000", "locations": [
        {"geonames_details": {"country_code": "DE", "name": "Berlin"}}]}  # fmt: skip
    inactive = {**records[1], "id": "https://ror.org/000000001", "status": "inactive"}
    dump = write(tmp_path, [records[1], german, inactive, records[0]], "dump.json")
    target = tmp_path / "nl.json.gz"
    assert ror_files.rebuild(dump, target) == 2
    first = target.read_bytes()
    rebuilt = json.loads(gzip.decompress(first))
    assert [r["id"] for r in rebuilt] == [f"https://ror.org/{UU}", f"https://ror.org/{CPB}"]
    assert ror_files.rebuild(dump, target) == 2 and target.read_bytes() == first


def test_the_rebuild_command_writes_the_snapshot(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dump = write(tmp_path, snapshot_records(CPB, UU, NWO), "dump.json")
    out = tmp_path / "ror-nl.json.gz"
    assert ror.main(["--rebuild", str(dump), "--out", str(out)]) == 0
    assert capsys.readouterr().out == f"{out}: 3 Dutch active ROR records\n"
    assert len(json.loads(gzip.decompress(out.read_bytes()))) == 3
