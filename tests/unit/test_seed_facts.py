"""The seed tables → RDF: named initiatives with exactly the statements their CSV rows give,
the two duplicates held once, every region code well-formed and known, NRO's roles, and the
errors a bad table gets. Expectations are read off loaders/examples/seed-*.csv by hand."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, SKOS, XSD

from kennisgraaf.errors import InputError
from kennisgraaf.loaders.seed_dataset import TABLES_DIR, build_seed

KG = Namespace("https://w3id.org/kennisgraaf/def#")
ID = Namespace("https://w3id.org/kennisgraaf/id/")
DEF = "https://w3id.org/kennisgraaf/def/"
REGION = Namespace(DEF + "region/")
FN = Namespace(DEF + "function/")
SECTOR = Namespace(DEF + "sector/")
NETKIND = Namespace(DEF + "network-kind/")
SCHEMA = Namespace("https://schema.org/")
AGENDA = ID["document/ontwikkelagenda-kennisinfrastructuur-2019"]
PROVINCES = {f"PV{n}" for n in range(20, 32)}


@pytest.fixture(scope="module")
def seed() -> Graph:
    return build_seed()


def about(graph: Graph, subject: URIRef) -> set[tuple[URIRef, object]]:
    return set(graph.predicate_objects(subject))  # type: ignore[arg-type]


def test_a_typed_werkplaats_has_exactly_the_statements_of_its_row(seed: Graph) -> None:
    # Werkplaats Onderwijsonderzoek VO,"AOS Noordoost, …",medium,PV30,within,werkplaats,VO,
    # kenniscreatie;kennisdeling;kennisbenutting
    name = "Werkplaats Onderwijsonderzoek VO"
    assert about(seed, ID["initiative/werkplaats-onderwijsonderzoek-vo"]) == {
        (RDF.type, KG.Initiative),
        (RDF.type, KG.Network),
        (DCTERMS.title, Literal(name, lang="nl")),
        (FOAF.name, Literal(name)),
        (KG.region, Literal("AOS Noordoost, Zuidoost, Midden-Brabant en West")),
        (KG.inRegion, REGION.PV30),
        (KG.networkKind, NETKIND.werkplaats),
        (KG.sector, SECTOR.VO),
        (KG.servesFunction, FN.creation),
        (KG.servesFunction, FN.sharing),
        (KG.servesFunction, FN.use),
        (DCTERMS.isReferencedBy, AGENDA),
    }


def test_an_untyped_initiative_keeps_title_and_place_and_gains_its_municipality(
    seed: Graph,
) -> None:
    # Meer Primair en VU,Hoofddorp,high,GM0394,within — Hoofddorp lies in Haarlemmermeer
    assert about(seed, ID["initiative/meer-primair-en-vu"]) == {
        (RDF.type, KG.Initiative),
        (DCTERMS.title, Literal("Meer Primair en VU", lang="nl")),
        (KG.region, Literal("Hoofddorp")),
        (KG.inRegion, ID["region/GM0394"]),
        (DCTERMS.isReferencedBy, AGENDA),
    }
    assert about(seed, ID["region/GM0394"]) == {
        (RDF.type, SKOS.Concept),
        (SKOS.inScheme, URIRef(DEF + "region")),
        (SKOS.notation, Literal("GM0394")),
        (KG.cbsCode, Literal("GM0394")),
        (SKOS.broader, REGION.PV27),
        (SKOS.prefLabel, Literal("Haarlemmermeer", lang="nl")),
        (SKOS.prefLabel, Literal("Haarlemmermeer", lang="en")),
    }


def test_an_ambiguous_place_is_kept_as_text_and_not_coded(seed: Graph) -> None:
    school = ID["initiative/werkplaats-onderwijsonderzoek-school-of-education"]
    assert seed.value(school, KG.region) == Literal("Noord-Nederland")
    assert seed.value(school, KG.inRegion) is None
    carmel = ID["initiative/datateams-en-samenwerking-carmel-college-en-universiteit-twente"]
    assert (seed.value(carmel, KG.region), seed.value(carmel, KG.inRegion)) == (
        Literal("Scholen Carmel"),
        None,
    )
    # the three of unknown alignment have neither
    flagged = {s for s in seed.subjects(KG.region, None) if seed.value(s, KG.inRegion) is None}
    assert {str(s).rsplit("/", 1)[1] for s in flagged} == {
        "werkplaats-onderwijsonderzoek-school-of-education",
        "datateams-en-samenwerking-carmel-college-en-universiteit-twente",
    }


def test_the_duplicates_are_held_once_as_networks(seed: Graph) -> None:
    subjects = set(seed.subjects())
    for key in ("researched", "leiden-education-fieldlab"):
        assert ID[f"initiative/{key}"] not in subjects
        assert ID[f"initiative/{key}"] not in set(seed.objects())
        network = ID[f"network/{key}"]
        assert {(RDF.type, KG.Initiative), (RDF.type, KG.Network)} <= about(seed, network)
        assert (network, DCTERMS.isReferencedBy, AGENDA) in seed
    fieldlab = ID["network/leiden-education-fieldlab"]
    assert seed.value(fieldlab, KG.inRegion) == ID["region/GM0546"]
    assert seed.value(fieldlab, KG.networkKind) == NETKIND["learning-lab"]
    assert len(set(seed.subjects(RDF.type, KG.Initiative))) == 48  # the appendix's 48


def test_every_region_code_is_well_formed_and_names_a_known_concept(seed: Graph) -> None:
    municipalities = {str(seed.value(c, KG.cbsCode)): c for c in seed.subjects(KG.cbsCode, None)}
    assert all(re.fullmatch(r"GM\d{4}", code) for code in municipalities)
    assert len(municipalities) == 11  # seed-regions.csv
    for concept in municipalities.values():
        assert str(seed.value(concept, SKOS.broader)).removeprefix(str(REGION)) in PROVINCES
    regions = set(seed.objects(None, KG.inRegion))
    for region in regions:
        code = str(region).rsplit("/", 1)[1]
        if region in set(municipalities.values()):
            continue
        assert region == REGION[code] and (code == "NL01" or code in PROVINCES), region
    assert REGION.PV25 in regions  # Arnhem/Nijmegen lies in Gelderland
    assert len({s for s in seed.subjects(KG.inRegion, None)}) == 43  # 45 places, 2 flagged


def test_nro_roles_and_the_werkgroep(seed: Graph) -> None:
    nro = ID["organisation/nro"]
    werkgroep = ID["organisation/landelijke-werkgroep-kennisinfrastructuur-voor-het-onderwijs"]
    assert (ID["initiative/kennisrotonde"], SCHEMA.provider, nro) in seed
    [post] = seed.subjects(ORG.heldBy, nro)
    assert (post, RDF.type, ORG.Post) in seed and (post, ORG.postIn, werkgroep) in seed
    for activity in ("verkenning-landelijk-kennisnetwerk", "verkenning-regionale-r-d-netwerken"):
        assert seed.value(ID[f"agenda-activity/{activity}"], KG.leadOrganisation) == werkgroep
    peer_review = ID["agenda-activity/peer-review-kennisbasis-hbo-lerarenopleidingen"]
    assert seed.value(peer_review, KG.leadOrganisation) == ID["organisation/vereniging-hogescholen"]
    offer = ID["agenda-activity/professionaliseringsaanbod"]
    assert seed.value(offer, KG.plannedStart) == Literal("2019", datatype=XSD.gYear)
    bende = ID["organisation/onderzoeksbende-2-0"]
    assert len(set(seed.subjects(PROV.wasInfluencedBy, bende))) == 10  # the specific activities
    bouwsessies = ID["event/bouwsessies"]
    assert (bouwsessies, RDF.type, SCHEMA.EventSeries) in seed
    assert len(set(seed.objects(bouwsessies, SCHEMA.organizer))) == 5 + 4


def _copy_tables(tmp_path: Path) -> Path:
    for table in TABLES_DIR.glob("seed-*.csv"):
        shutil.copy(table, tmp_path / table.name)
    return tmp_path


def test_a_bad_region_code_is_refused_naming_file_line_and_column(tmp_path: Path) -> None:
    folder = _copy_tables(tmp_path)
    table = folder / "seed-initiatives.csv"
    table.write_text(table.read_text(encoding="utf-8").replace(",GM0147,", ",GM9999,"), "utf-8")
    expected = r"(?s)seed-initiatives.csv: 1 errors.*line 3, column 'region_code': 'GM9999' is no"
    with pytest.raises(InputError, match=expected):
        build_seed(folder)


def test_a_relation_to_nothing_is_refused(tmp_path: Path) -> None:
    folder = _copy_tables(tmp_path)
    relations = folder / "seed-relations.csv"
    text = relations.read_text(encoding="utf-8").replace(
        "organisation/nro,", "organisation/nr0,", 1
    )
    relations.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=r"line 2, column 'object': 'organisation/nr0' names "):
        build_seed(folder)
