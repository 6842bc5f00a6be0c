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


# seed-agendas.csv, read by hand: four research agendas, none dated by the document
AGENDA_KIND = Namespace(DEF + "agenda-kind/")
COUNCILS = ("po-raad", "vo-raad", "mbo-raad", "vereniging-hogescholen", "vsnu")


def test_the_landelijke_r_d_agenda_has_exactly_the_statements_of_its_row(seed: Graph) -> None:
    # agenda/landelijke-r-d-agenda,Landelijke R&D-agenda,National R&D agenda,national-rd-agenda,
    # the five councils,three activities,"Announced, …" + the relation row to the Kennisagenda
    national = ID["agenda/landelijke-r-d-agenda"]
    assert about(seed, national) == {
        (RDF.type, KG.ResearchAgenda),
        (KG.agendaKind, AGENDA_KIND["national-rd-agenda"]),
        (DCTERMS.title, Literal("Landelijke R&D-agenda", lang="nl")),
        (DCTERMS.title, Literal("National R&D agenda", lang="en")),
        (
            DCTERMS.description,
            Literal(
                "Announced, not yet drawn up in 2019: the sector councils are to explore how it "
                "can be developed, through joint question articulation to which every sector "
                "contributes.",
                lang="en",
            ),
        ),
        (DCTERMS.isReferencedBy, AGENDA),
        (DCTERMS.relation, ID["agenda/kennisagenda-ministerie-van-ocw"]),
        *((DCTERMS.creator, ID[f"organisation/{council}"]) for council in COUNCILS),
    }
    assert set(seed.subjects(DCTERMS.relation, national)) == {
        ID["agenda-activity/regionale-en-landelijke-r-d-agenda-s"],
        ID["agenda-activity/kennistafels"],
        ID["agenda-activity/verkenning-regionale-r-d-netwerken"],
    }
    assert seed.value(national, DCTERMS.issued) is None


def test_the_kennisagenda_is_the_ministry_s_and_no_activity_serves_it(seed: Graph) -> None:
    kennisagenda = ID["agenda/kennisagenda-ministerie-van-ocw"]
    assert about(seed, kennisagenda) == {
        (RDF.type, KG.ResearchAgenda),
        (KG.agendaKind, AGENDA_KIND.kennisagenda),
        (DCTERMS.title, Literal("Kennisagenda van het Ministerie van OCW", lang="nl")),
        (
            DCTERMS.title,
            Literal(
                "Knowledge agenda of the Ministry of Education, Culture and Science", lang="en"
            ),
        ),
        (DCTERMS.creator, ID["organisation/ministerie-van-ocw"]),
        (DCTERMS.isReferencedBy, AGENDA),
    }
    # only the landelijke R&D-agenda points at it
    assert set(seed.subjects(DCTERMS.relation, kennisagenda)) == {
        ID["agenda/landelijke-r-d-agenda"]
    }


def test_the_two_council_agendas_and_the_activities_that_serve_each_agenda(seed: Graph) -> None:
    funderend = ID["initiative/r-d-agenda-voor-het-funderend-onderwijs"]
    vh = ID["agenda/strategische-onderzoeksagenda-vereniging-hogescholen"]
    council = AGENDA_KIND["council-research-agenda"]
    # the appendix initiative is the PO-Raad and VO-raad's agenda: one resource, both classes
    assert {(RDF.type, KG.Initiative), (RDF.type, KG.ResearchAgenda)} <= about(seed, funderend)
    assert seed.value(funderend, KG.agendaKind) == council
    assert set(seed.objects(funderend, DCTERMS.creator)) == {
        ID["organisation/po-raad"],
        ID["organisation/vo-raad"],
    }
    assert seed.value(vh, KG.agendaKind) == council
    assert set(seed.objects(vh, DCTERMS.creator)) == {ID["organisation/vereniging-hogescholen"]}
    served = {
        (str(activity).rsplit("/", 1)[1], str(agenda).rsplit("/", 1)[1])
        for agenda in seed.subjects(RDF.type, KG.ResearchAgenda)
        for activity in seed.subjects(DCTERMS.relation, agenda)
        if (activity, DCTERMS.isPartOf, AGENDA) in seed
    }
    assert served == {
        ("regionale-en-landelijke-r-d-agenda-s", "landelijke-r-d-agenda"),
        ("kennistafels", "landelijke-r-d-agenda"),
        ("verkenning-regionale-r-d-netwerken", "landelijke-r-d-agenda"),
        ("kennistafels", "r-d-agenda-voor-het-funderend-onderwijs"),
        ("kennistafels", "strategische-onderzoeksagenda-vereniging-hogescholen"),
    }
    assert len(set(seed.subjects(RDF.type, KG.ResearchAgenda))) == 4
    assert set(seed.subjects(DCTERMS.issued, None)) == {
        AGENDA,
        ID["document/intentieverklaring-kennisinfrastructuur-2018"],
        ID["dataset/seed"],
    }


@pytest.mark.parametrize(
    ("old", "new", "error"),
    [
        (",kennisagenda,", ",onderwijsagenda,", r"line 3, column 'kind': 'onderwijsagenda' is no "),
        (
            ",organisation/ministerie-van-ocw,",
            ",organisation/ministerie-van-ocwx,",
            r"line 3, column 'creators': organisation/ministerie-van-ocwx: no organisation",
        ),
        (
            ",organisation/vereniging-hogescholen,agenda-activity/kennistafels,",
            ",organisation/vereniging-hogescholen,agenda-activity/kennistafel,",
            r"line 4, column 'activities': agenda-activity/kennistafel: no agenda activity",
        ),
        (
            "organisation/vsnu,agenda-activity/",
            "organisation/vsnu,initiative/kennisrotonde;agenda-activity/",
            r"line 2, column 'activities': initiative/kennisrotonde: no agenda activity",
        ),
    ],
    ids=["unknown-kind", "unknown-creator", "unknown-activity", "initiative-as-activity"],
)
def test_a_bad_agenda_row_is_refused_naming_file_line_and_column(
    tmp_path: Path, old: str, new: str, error: str
) -> None:
    folder = _copy_tables(tmp_path)
    table = folder / "seed-agendas.csv"
    text = table.read_text(encoding="utf-8")
    assert text.count(old) == 1
    table.write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(InputError, match=r"(?s)seed-agendas.csv: 1 errors.*" + error):
        build_seed(folder)
