"""Synthetic kennisgraaf data of realistic shape, at a chosen scale, deterministic for a seed.

    python -m benchmarks.generate --triples 100000 --out /tmp/kg-1e5.nt [--turtle FILE] [--seed 1]

The graph has a national layer (universities with ROR IDs, NRO and other funders and councils,
national networks, background studies) and as many regional clusters as the size asks for. A
cluster holds a school board with its schools (BRIN codes), a hogeschool with a lectorate and a
pabo, sometimes an ROC with a practorate, their teachers, school leaders, lectors and
researchers (ORCID iDs) with their roles, two networks, and forty knowledge questions, each with
its trace through the cycle: articulation, creation of a study, organisation into a product,
sharing through a network, use in a school, and sometimes a new question raised by that use.
Stages are dated in cycle order. Statements come out subject by subject, referenced resources
before those that refer to them, so a loader that validates in batches sees what it needs.
"""

from __future__ import annotations

import argparse
import random
import sys
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from benchmarks import vocab as v
from benchmarks.rdfwriter import (
    Lit,
    Pairs,
    RdfWriter,
    Term,
    nl_en,
    xsd_date,
    xsd_decimal,
    xsd_integer,
)

QUESTIONS_PER_CLUSTER = 40
FIRST_DAY = date(2015, 1, 1)
LAST_DAY = date(2025, 6, 30)  # nothing recorded lies in the future
ROR_CHARS = "abcdefghjkmnpqrstvwxyz0123456789"
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"

TYPE = v.TYPE
NAME = v.FOAF + "name"
SECTOR = v.kg("sector")
THEME = v.kg("theme")
REGION = v.kg("region")
SUB_ORG = v.ORG + "subOrganizationOf"
FUNCTION = v.kg("function")
DATE = v.DCTERMS + "date"
TITLE = v.DCTERMS + "title"
USED = v.PROV + "used"
GENERATED_BY = v.PROV + "wasGeneratedBy"
ASSOCIATED = v.PROV + "wasAssociatedWith"
INFORMED_BY = v.PROV + "wasInformedBy"


def orcid(number: int) -> str:
    """An ORCID iD with a valid ISO 7064 MOD 11-2 check digit."""
    base = f"{number:015d}"
    total = 0
    for digit in base:
        total = (total + int(digit)) * 2
    check = (12 - total % 11) % 11
    full = base + ("X" if check == 10 else str(check))
    return "-".join(full[i : i + 4] for i in range(0, 16, 4))


def brin(number: int) -> str:
    digits, rest = number % 100, number // 100
    letters = LETTERS[rest % 26] + LETTERS[(rest // 26) % 26]
    location = (rest // 676) % 100
    return f"{digits:02d}{letters}{location:02d}"


def nro_number(number: int) -> str:
    return f"{405 + (number // 100_000) % 500:03d}-{(number // 1000) % 100:02d}-{number % 1000:03d}"


def fn(name: str) -> str:
    return v.concept("fn", name)


@dataclass
class Person:
    iri: str
    name: str
    orcid: str | None = None


@dataclass
class Cluster:
    index: int
    place: str
    schools: list[tuple[str, str]] = field(default_factory=list)  # (iri, sector)
    teachers: dict[str, list[str]] = field(default_factory=dict)  # school iri → people
    researchers: list[str] = field(default_factory=list)
    publishers: list[str] = field(default_factory=list)
    networks: list[str] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)


@dataclass
class Made:
    """Something a trace produced that later stages can use: its IRI and the date it was made."""

    iri: str
    made: date


class Generator:
    def __init__(self, out: RdfWriter, target: int, seed: int, dirty_every: int = 0) -> None:
        self.out = out
        self.target = target
        self.seed = seed
        # Dirty mode: one dated stage in about every `dirty_every` statements gets an ill-typed
        # date ("abc"^^xsd:date), which the shapes refuse; everything else is the clean file.
        self.dirty_every = dirty_every
        self.next_dirty = dirty_every
        self.dirtied = 0
        self.rng = random.Random(seed)
        self.universities: list[str] = []
        self.funders: list[str] = []
        self.national_networks: list[str] = []
        self.background: list[Made] = []
        self.persons = 0
        self.studies = 0

    # --- helpers ------------------------------------------------------------------------------

    def emit(self, iri: str, pairs: Pairs) -> str:
        if self.dirty_every and self.out.statements + len(pairs) >= self.next_dirty:
            for n, (predicate, value) in enumerate(pairs):
                if predicate == DATE and isinstance(value, Lit):
                    pairs = [*pairs[:n], (DATE, xsd_date("abc")), *pairs[n + 1 :]]
                    self.next_dirty += self.dirty_every
                    self.dirtied += 1
                    break
        self.out.subject(iri, pairs)
        return iri

    def day(self, after: date, low: int, high: int) -> date:
        return after + timedelta(days=self.rng.randint(low, high))

    def org(
        self, key: str, cls: str, name: str, sector: str | None, *extra: tuple[str, Term]
    ) -> str:
        pairs: Pairs = [(TYPE, v.kg(cls)), (NAME, Lit(name))]
        if sector:
            pairs.append((SECTOR, v.concept("sector", sector)))
        pairs += extra
        return self.emit(v.data("organisation", key), pairs)

    def person(self, researcher: bool = False) -> Person:
        self.persons += 1
        name = f"{self.rng.choice(v.FIRST_NAMES)} {self.rng.choice(v.SURNAMES)}"
        key = f"p{self.seed}-{self.persons}"
        p = Person(
            v.data("person", key),
            name,
            orcid(self.seed * 10**9 + self.persons) if researcher else None,
        )
        pairs: Pairs = [(TYPE, v.kg("Person")), (NAME, Lit(p.name))]
        if p.orcid:
            pairs.append((v.kg("orcid"), Lit(p.orcid)))
        self.emit(p.iri, pairs)
        return p

    def membership(
        self, person: str, org: str, role: str, start: date, end: date | None = None
    ) -> None:
        key = f"{person.rsplit('/', 1)[1]}--{org.rsplit('/', 1)[1]}--{role}"
        pairs: Pairs = [
            (TYPE, v.ORG + "Membership"),
            (v.ORG + "member", person),
            (v.ORG + "organization", org),
            (v.ORG + "role", v.concept("role", role)),
            (v.kg("startDate"), xsd_date(start.isoformat())),
        ]
        if end is not None:
            pairs.append((v.kg("endDate"), xsd_date(end.isoformat())))
        self.emit(v.data("membership", key), pairs)

    def network(
        self,
        key: str,
        kind: str,
        name: str,
        sectors: list[str],
        members: list[str],
        region: str | None = None,
    ) -> str:
        pairs: Pairs = [
            (TYPE, v.kg("Network")),
            (NAME, Lit(name)),
            (v.kg("networkKind"), v.concept("netkind", kind)),
        ]
        pairs += [(SECTOR, v.concept("sector", s)) for s in sectors]
        if region:
            pairs.append((REGION, Lit(region)))
        functions = self.rng.sample(
            ("articulation", "creation", "organisation", "sharing", "use"), 3
        )
        pairs += [(v.kg("servesFunction"), fn(f)) for f in sorted(functions)]
        pairs += [(v.ORG + "hasMember", m) for m in members]
        return self.emit(v.data("network", key), pairs)

    # --- layers -------------------------------------------------------------------------------

    def run(self) -> None:
        self.dataset()
        self.national()
        index = 0
        while self.out.statements < self.target:
            self.cluster(index)
            index += 1

    def dataset(self) -> None:
        self.emit(
            v.data("dataset", f"bench-{self.seed}"),
            [
                (TYPE, v.DCAT + "Dataset"),
                *[
                    (TITLE, t)
                    for t in nl_en("kennisgraaf-benchmarkdata", "kennisgraaf benchmark data")
                ],
                (v.DCTERMS + "license", "https://spdx.org/licenses/EUPL-1.2"),
                (v.DCTERMS + "issued", xsd_date("2025-06-01")),
            ],
        )

    def national(self) -> None:
        rng = random.Random(0)  # the same national layer whatever the seed
        for i, name in enumerate(v.UNIVERSITIES):
            ror = (
                "0" + "".join(rng.choice(ROR_CHARS) for _ in range(6)) + f"{rng.randint(0, 99):02d}"
            )
            iri = self.org(
                f"ror/{ror}",
                "University",
                name,
                "WO",
                (v.kg("ror"), Lit(ror)),
                (REGION, Lit(v.PLACES[i % len(v.PLACES)])),
            )
            self.universities.append(iri)
        self.funders = [
            self.org("nro", "FundingBody", "NRO (Nationaal Regieorgaan Onderwijsonderzoek)", None),
            self.org("regieorgaan-sia", "FundingBody", "Regieorgaan SIA", None),
        ]
        self.org("ministerie-van-ocw", "Ministry", "Ministerie van OCW", None)
        for key, name in (("po-raad", "PO-raad"), ("vo-raad", "VO-raad"), ("mbo-raad", "MBO Raad")):
            self.org(key, "SectorCouncil", name, None)
        self.national_networks = [
            self.network(
                "platform-onderwijsonderzoek",
                "platform",
                "Platform Onderwijsonderzoek",
                ["PO", "VO", "MBO"],
                [*self.universities[:6], self.funders[0]],
            ),
            self.network(
                "researched-community",
                "conference-community",
                "ResearchEd-community",
                ["PO", "VO"],
                self.universities[6:],
            ),
        ]
        for i in range(30):
            topic_nl, topic_en, themes = self.rng.choice(v.TOPICS)
            design = self.rng.choice(("meta-analysis", "literature-review", "rct"))
            made = date(2010 + i % 5, 1 + i % 12, 28)
            creation = self.emit(
                v.data("creation", f"background-{i}"),
                [
                    (TYPE, v.kg("KnowledgeCreation")),
                    (FUNCTION, fn("creation")),
                    (DATE, xsd_date(made.isoformat())),
                    (ASSOCIATED, self.universities[i % len(self.universities)]),
                ],
            )
            study = self.study(
                f"background-{i}",
                "Publication",
                creation,
                design,
                topic_nl,
                topic_en,
                themes,
                v.DESIGN_NAMES[design],
            )
            self.background.append(Made(study, made))

    def cluster(self, c: int) -> None:
        rng = self.rng
        place = v.PLACES[c % len(v.PLACES)]
        cl = Cluster(c, place)
        board_sector = rng.choice(("PO", "VO"))
        board = self.org(
            f"board-{c}",
            "SchoolBoard",
            f"Stichting {board_sector} {place} {c}",
            board_sector,
            (REGION, Lit(place)),
        )
        for i in range(rng.randint(4, 6)):
            sector = board_sector if i < 3 else rng.choice(("PO", "VO", "SO"))
            iri = self.org(
                f"school-{c}-{i}",
                "School",
                f"School {i + 1} {place} ({c})",
                sector,
                (REGION, Lit(place)),
                (v.kg("brin"), Lit(brin(c * 8 + i))),
                (SUB_ORG, board),
            )
            cl.schools.append((iri, sector))
        hs = self.org(
            f"hs-{c}", "Hogeschool", f"Hogeschool {place} {c}", "HBO", (REGION, Lit(place))
        )
        lectorate = self.org(
            f"lectoraat-{c}", "Lectorate", f"Lectoraat Onderwijs {place} {c}", "HBO", (SUB_ORG, hs)
        )
        pabo = self.org(
            f"pabo-{c}", "TeacherEducationInstitute", f"Pabo {place} {c}", "HBO", (SUB_ORG, hs)
        )
        cl.publishers = [hs, self.funders[0]]
        practorate = None
        if c % 2 == 0:
            roc = self.org(f"roc-{c}", "School", f"ROC {place} {c}", "MBO", (REGION, Lit(place)))
            practorate = self.org(
                f"practoraat-{c}", "Practorate", f"Practoraat {place} {c}", "MBO", (SUB_ORG, roc)
            )
            cl.schools.append((roc, "MBO"))

        staff: list[tuple[Person, str, str, date, date | None]] = []
        for school, _ in cl.schools:
            people = []
            for j in range(rng.randint(4, 7)):
                p = self.person()
                people.append(p.iri)
                role = "school-leader" if j == 0 else "teacher"
                start = self.day(date(2000, 1, 1), 0, 6000)
                staff.append((p, school, role, start, None))
                if rng.random() < 0.12:  # a boundary crosser: also on the research side
                    staff.append((p, lectorate, "researcher", self.day(start, 200, 2000), None))
            cl.teachers[school] = people
        for group, role, n in (
            (lectorate, "lector", 1),
            (lectorate, "researcher", 3),
            (pabo, "teacher-educator", 2),
        ):
            for _ in range(n):
                p = self.person(researcher=role != "teacher-educator")
                cl.researchers.append(p.iri)
                start = self.day(date(2005, 1, 1), 0, 4000)
                end = self.day(start, 400, 3000) if rng.random() < 0.3 else None
                staff.append((p, group, role, start, end if end and end <= LAST_DAY else None))
        if practorate:
            p = self.person(researcher=True)
            cl.researchers.append(p.iri)
            staff.append((p, practorate, "practor", self.day(date(2015, 1, 1), 0, 1500), None))
        for _ in range(4):
            p = self.person(researcher=True)
            cl.researchers.append(p.iri)
            staff.append(
                (
                    p,
                    rng.choice(self.universities),
                    "researcher",
                    self.day(date(2003, 1, 1), 0, 5000),
                    None,
                )
            )
        for p, org, role, start, end in staff:
            self.membership(p.iri, org, role, start, end)

        kinds = rng.sample(
            (
                "werkplaats",
                "kennistafel",
                "regional-rd-network",
                "academic-training-school",
                "huisacademie",
                "learning-lab",
                "datateam",
            ),
            2,
        )
        for k, kind in enumerate(kinds):
            members = [s for s, _ in rng.sample(cl.schools, 3)] + [
                hs,
                rng.choice(self.universities),
            ]
            members += rng.sample(cl.researchers, 3)
            sectors = sorted({sec for _, sec in cl.schools} | {"HBO"})
            cl.networks.append(
                self.network(
                    f"net-{c}-{k}",
                    kind,
                    f"{v.NETWORK_KIND_NAMES[kind]} {place} {c}",
                    sectors,
                    members,
                    place,
                )
            )

        for i in range(QUESTIONS_PER_CLUSTER):
            if self.out.statements >= self.target:
                break
            start = self.day(FIRST_DAY, 0, 2600)
            self.trace(cl, f"q{self.seed}-{c}-{i}", start, raised_by=None)

    # --- a question's trace -------------------------------------------------------------------

    def trace(self, cl: Cluster, key: str, asked: date, raised_by: str | None) -> None:
        rng = self.rng
        school, sector = rng.choice(cl.schools)
        topic_nl, topic_en, themes = rng.choice(v.TOPICS)
        grade_nl, grade_en = v.GRADES[sector]
        form_nl, form_en = rng.choice(v.QUESTION_FORMS)
        asker = rng.choice(cl.teachers[school])
        question = v.data("question", key)

        # Decide how far the trace goes before writing, so the status can say "answered".
        creation_end = self.day(asked, 200, 900)
        do_creation = rng.random() < 0.7 and creation_end <= LAST_DAY
        direct_answer = not do_creation and rng.random() < 0.35
        organised = self.day(creation_end if do_creation else asked, 20, 200)
        do_organising = (direct_answer or (do_creation and rng.random() < 0.7)) and (
            organised <= LAST_DAY
        )
        status = "answered" if do_organising else "open"
        if not do_creation and not do_organising and rng.random() < 0.1:
            status = "withdrawn"

        articulation: Pairs = [
            (TYPE, v.kg("QuestionArticulation")),
            (FUNCTION, fn("articulation")),
            (DATE, xsd_date(asked.isoformat())),
            (ASSOCIATED, asker),
        ]
        place = rng.random()
        if place < 0.6:
            articulation.append((v.kg("articulatedIn"), school))
        elif place < 0.9:
            articulation.append((v.kg("articulatedIn"), rng.choice(cl.networks)))
        if raised_by:
            articulation.append((INFORMED_BY, raised_by))
        generated_by = self.emit(v.data("articulation", key), articulation)
        form = {"t": topic_nl, "g": grade_nl}
        pairs: Pairs = [
            (TYPE, v.kg("KnowledgeQuestion")),
            *[
                (v.kg("questionText"), t)
                for t in nl_en(form_nl.format(**form), form_en.format(t=topic_en, g=grade_en))
            ],
            (GENERATED_BY, generated_by),
            (SECTOR, v.concept("sector", sector)),
            *[(THEME, v.concept("theme", t)) for t in themes],
            (v.kg("status"), v.concept("qstatus", status)),
        ]
        if cl.questions and rng.random() < 0.05:
            pairs.append((v.kg("refines"), rng.choice(cl.questions)))
        self.emit(question, pairs)
        cl.questions.append(question)

        shareable: Made | None = None
        if do_creation:
            started = self.day(asked, 10, 120)
            creation = self.emit(
                v.data("creation", key),
                [
                    (TYPE, v.kg("KnowledgeCreation")),
                    (FUNCTION, fn("creation")),
                    (DATE, xsd_date(creation_end.isoformat())),
                    (v.kg("startDate"), xsd_date(started.isoformat())),
                    (USED, question),
                    (ASSOCIATED, rng.choice(cl.researchers)),
                    (ASSOCIATED, asker),
                ],
            )
            practitioner = rng.random() < 0.3
            design = "practitioner-inquiry" if practitioner else rng.choice(v.DESIGNS[:-1])
            cls = "PractitionerResearch" if practitioner else rng.choice(v.STUDY_CLASSES[:2])
            names = v.DESIGN_NAMES[design]
            study = self.study(key, cls, creation, design, topic_nl, topic_en, themes, names)
            shareable = Made(study, creation_end)
        if do_organising:
            used = [question] if direct_answer else [shareable.iri] if shareable else []
            if direct_answer or rng.random() < 0.3:
                used.append(rng.choice(self.background).iri)
            organising = self.emit(
                v.data("organising", key),
                [
                    (TYPE, v.kg("KnowledgeOrganisation")),
                    (FUNCTION, fn("organisation")),
                    (DATE, xsd_date(organised.isoformat())),
                    *[(USED, u) for u in used],
                    (ASSOCIATED, rng.choice(cl.researchers)),
                ],
            )
            cls = "KennisrotondeAnswer" if direct_answer else rng.choice(v.PRODUCT_CLASSES[1:])
            product: Pairs = [
                (TYPE, v.kg(cls)),
                *[
                    (TITLE, t)
                    for t in nl_en(
                        f"Wat werkt: {topic_nl} in {grade_nl}",
                        f"What works: {topic_en} in {grade_en}",
                    )
                ],
                (GENERATED_BY, organising),
                (
                    v.DCTERMS + "publisher",
                    self.funders[0] if direct_answer else rng.choice(cl.publishers),
                ),
                *[(THEME, v.concept("theme", t)) for t in themes],
            ]
            if rng.random() < 0.5:
                product.append(
                    (v.kg("evidenceStrength"), v.concept("evidence", str(rng.randint(1, 4))))
                )
            shareable = Made(self.emit(v.data("product", key), product), organised)
        if shareable is None or rng.random() > 0.75:
            return
        shared = self.day(shareable.made, 10, 150)
        if shared > LAST_DAY:
            return
        network = (
            rng.choice(cl.networks) if rng.random() < 0.8 else rng.choice(self.national_networks)
        )
        sharing = self.emit(
            v.data("sharing", key),
            [
                (TYPE, v.kg("KnowledgeSharing")),
                (FUNCTION, fn("sharing")),
                (DATE, xsd_date(shared.isoformat())),
                (USED, shareable.iri),
                (ASSOCIATED, rng.choice(cl.researchers)),
                (v.kg("throughNetwork"), network),
            ],
        )
        used_on = self.day(shared, 10, 200)
        if rng.random() > 0.75 or used_on > LAST_DAY:
            return
        user_school, _ = rng.choice(cl.schools)
        outcome_nl, outcome_en = rng.choice(v.OUTCOMES)
        use = self.emit(
            v.data("use", key),
            [
                (TYPE, v.kg("KnowledgeUse")),
                (FUNCTION, fn("use")),
                (DATE, xsd_date(used_on.isoformat())),
                (USED, shareable.iri),
                (ASSOCIATED, user_school),
                (ASSOCIATED, rng.choice(cl.teachers[user_school])),
                (INFORMED_BY, sharing),
                *[(v.kg("outcome"), t) for t in nl_en(outcome_nl, outcome_en)],
            ],
        )
        new_asked = self.day(used_on, 30, 300)
        if raised_by is None and rng.random() < 0.25 and new_asked <= LAST_DAY:
            self.trace(cl, key + "r", new_asked, raised_by=use)

    def study(
        self,
        key: str,
        cls: str,
        creation: str,
        design: str,
        topic_nl: str,
        topic_en: str,
        themes: tuple[str, ...],
        names: tuple[str, str],
    ) -> str:
        rng = self.rng
        self.studies += 1
        pairs: Pairs = [
            (TYPE, v.kg(cls)),
            *[
                (TITLE, t)
                for t in nl_en(f"{names[0]} naar {topic_nl}", f"{names[1]} of {topic_en}")
            ],
            (GENERATED_BY, creation),
            (v.kg("studyDesign"), v.concept("design", design)),
            *[(THEME, v.concept("theme", t)) for t in themes],
        ]
        if cls == "PractitionerResearch":
            pairs.append((v.kg("evidenceStrength"), v.concept("evidence", "1")))
            return self.emit(v.data("study", key), pairs)
        doi = f"10.5555/kgbench.{self.seed}.{key}"
        pairs += [
            (v.kg("evidenceStrength"), v.concept("evidence", str(rng.randint(2, 5)))),
            (v.kg("sampleSize"), xsd_integer(rng.randint(12, 20000))),
            (v.kg("doi"), Lit(doi)),
        ]
        if design in v.EXPERIMENTAL:
            pairs += [
                (v.kg("wwcRating"), v.concept("wwc", rng.choice(v.WWC))),
                (v.kg("effectSize"), xsd_decimal(rng.uniform(-0.2, 0.8))),
            ]
        if rng.random() < 0.4:
            pairs += [
                (v.kg("funder"), self.funders[0]),
                (v.kg("nroProjectNumber"), Lit(nro_number(self.seed * 7919 + self.studies))),
            ]
        return self.emit(v.data("study", f"doi/{doi}"), pairs)


def generate(
    out: Path, triples: int, seed: int = 1, turtle: Path | None = None, dirty_every: int = 0
) -> int:
    """Write about `triples` statements (whole records: a few more) to `out`; return the count.
    With `dirty_every`, about one statement in that many is an ill-typed date."""
    with RdfWriter(out, turtle, v.PREFIXES) as writer:
        generator = Generator(writer, triples, seed, dirty_every)
        generator.run()
        if dirty_every:
            print(f"{generator.dirtied} ill-typed dates", file=sys.stderr)
        return writer.statements


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, required=True, help="about how many statements")
    parser.add_argument("--out", type=Path, required=True, help="N-Triples file to write")
    parser.add_argument("--turtle", type=Path, help="also write the same graph as Turtle here")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--dirty-every", type=int, default=0, help="one ill-typed date in about every N statements"
    )
    args = parser.parse_args(argv)
    count = generate(args.out, args.triples, args.seed, args.turtle, args.dirty_every)
    print(f"{count} statements written to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
