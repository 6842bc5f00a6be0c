"""Terms of the kennisgraaf model the generator uses: namespaces, classes, concept schemes.

The concept lists mirror the sh:in lists of ontology/shapes.ttl; benchmarks/check_generated.py
proves that generated data conforms to the shapes.
"""

from __future__ import annotations

BASE = "https://w3id.org/kennisgraaf/"
DEF = BASE + "def#"
ID = BASE + "id/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
DCTERMS = "http://purl.org/dc/terms/"
DCAT = "http://www.w3.org/ns/dcat#"
FOAF = "http://xmlns.com/foaf/0.1/"
ORG = "http://www.w3.org/ns/org#"
PROV = "http://www.w3.org/ns/prov#"

PREFIXES = {
    "rdf": RDF,
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "dcterms": DCTERMS,
    "dcat": DCAT,
    "foaf": FOAF,
    "org": ORG,
    "prov": PROV,
    "kg": DEF,
    "fn": BASE + "def/function/",
    "sector": BASE + "def/sector/",
    "theme": BASE + "def/theme/",
    "design": BASE + "def/study-design/",
    "evidence": BASE + "def/evidence-strength/",
    "wwc": BASE + "def/wwc-rating/",
    "netkind": BASE + "def/network-kind/",
    "role": BASE + "def/role/",
    "qstatus": BASE + "def/question-status/",
    "person": ID + "person/",
    "organisation": ID + "organisation/",
    "network": ID + "network/",
    "membership": ID + "membership/",
    "question": ID + "question/",
    "articulation": ID + "articulation/",
    "study": ID + "study/",
    "creation": ID + "creation/",
    "product": ID + "product/",
    "organising": ID + "organising/",
    "sharing": ID + "sharing/",
    "use": ID + "use/",
}

TYPE = RDF + "type"


def kg(local: str) -> str:
    return DEF + local


def concept(scheme: str, local: str) -> str:
    return PREFIXES[scheme] + local


def data(kind: str, key: str) -> str:
    return f"{ID}{kind}/{key}"


SECTORS = ("PO", "VO", "MBO", "HBO", "WO", "SO")
SCHOOL_SECTORS = ("PO", "PO", "PO", "VO", "VO", "MBO", "SO")  # weighted by number of schools
THEMES = (
    "equal-opportunities",
    "teacher-shortage",
    "ict-personalised-learning",
    "citizenship",
    "inclusive-education",
    "diversity",
    "educational-disadvantage",
    "professional-development",
    "data-informed-practice",
    "research-culture",
    "open-science",
    "talent-development",
    "educational-innovation",
    "team-learning",
    "curriculum-and-pedagogy",
    "recognition-and-rewards",
)
DESIGNS = (
    "rct",
    "quasi-experimental",
    "regression-discontinuity",
    "single-case",
    "design-based",
    "case-study",
    "survey",
    "literature-review",
    "meta-analysis",
    "practitioner-inquiry",
)
DESIGN_NAMES = {
    "rct": ("Een gerandomiseerd experiment", "A randomised trial"),
    "quasi-experimental": ("Een quasi-experiment", "A quasi-experiment"),
    "regression-discontinuity": ("Een regressie-discontinuïteitsstudie", "A discontinuity study"),
    "single-case": ("Een n=1-studie", "A single-case study"),
    "design-based": ("Ontwerpgericht onderzoek", "Design-based research"),
    "case-study": ("Een casestudie", "A case study"),
    "survey": ("Een vragenlijstonderzoek", "A survey"),
    "literature-review": ("Een literatuurstudie", "A literature review"),
    "meta-analysis": ("Een meta-analyse", "A meta-analysis"),
    "practitioner-inquiry": ("Praktijkonderzoek", "Practitioner inquiry"),
}
EXPERIMENTAL = frozenset({"rct", "quasi-experimental", "regression-discontinuity"})
WWC = ("meets-without-reservations", "meets-with-reservations", "does-not-meet")
NETWORK_KINDS = (
    "werkplaats",
    "kennistafel",
    "regional-rd-network",
    "academic-training-school",
    "huisacademie",
    "learning-lab",
    "datateam",
    "platform",
    "conference-community",
)
NETWORK_KIND_NAMES = {
    "werkplaats": "Werkplaats Onderwijsonderzoek",
    "kennistafel": "Kennistafel",
    "regional-rd-network": "R&D-netwerk",
    "academic-training-school": "Academische Opleidingsschool",
    "huisacademie": "Huisacademie",
    "learning-lab": "Learning Lab",
    "datateam": "Datateam",
    "platform": "Platform",
    "conference-community": "Community",
}
PRODUCT_CLASSES = (
    "KennisrotondeAnswer",
    "EvidenceSummary",
    "ToolkitStrand",
    "PracticeGuide",
    "ProfessionalArticle",
)
STUDY_CLASSES = ("ResearchProject", "Publication", "PractitionerResearch")

# (nl, en, themes): what questions are about.
TOPICS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("begrijpend lezen", "reading comprehension", ("curriculum-and-pedagogy",)),
    ("rekenvaardigheid", "numeracy", ("curriculum-and-pedagogy",)),
    (
        "formatief toetsen",
        "formative assessment",
        ("curriculum-and-pedagogy", "data-informed-practice"),
    ),
    ("burgerschapsonderwijs", "citizenship education", ("citizenship",)),
    ("passend onderwijs", "inclusive education", ("inclusive-education",)),
    ("meertalige leerlingen", "multilingual pupils", ("diversity", "equal-opportunities")),
    (
        "achterstanden na de schoolsluiting",
        "learning delays after school closures",
        ("educational-disadvantage",),
    ),
    (
        "het inwerken van startende leraren",
        "induction of beginning teachers",
        ("teacher-shortage", "professional-development"),
    ),
    ("adaptieve leersoftware", "adaptive learning software", ("ict-personalised-learning",)),
    ("werken met leerlingdata", "working with pupil data", ("data-informed-practice",)),
    (
        "een onderzoekende schoolcultuur",
        "an inquiring school culture",
        ("research-culture", "team-learning"),
    ),
    ("hoogbegaafde leerlingen", "gifted pupils", ("talent-development",)),
    (
        "feedback in de klas",
        "classroom feedback",
        ("curriculum-and-pedagogy", "professional-development"),
    ),
    ("schrijfonderwijs", "writing instruction", ("curriculum-and-pedagogy",)),
    (
        "de overgang naar het vervolgonderwijs",
        "the transition to further education",
        ("equal-opportunities",),
    ),
    (
        "het delen van lesmateriaal",
        "sharing teaching materials",
        ("open-science", "educational-innovation"),
    ),
    (
        "waardering van onderzoekende leraren",
        "recognising teacher-researchers",
        ("recognition-and-rewards",),
    ),
    (
        "samen lesontwerpen",
        "collaborative lesson design",
        ("team-learning", "educational-innovation"),
    ),
)
GRADES = {
    "PO": ("groep 5 tot en met 8", "grades 3 to 6"),
    "VO": ("de onderbouw van het vo", "lower secondary education"),
    "MBO": ("de entreeopleiding", "entry-level vocational education"),
    "SO": ("het speciaal onderwijs", "special education"),
}
QUESTION_FORMS = (
    ("Hoe kunnen we {t} in {g} verbeteren?", "How can we improve {t} in {g}?"),
    ("Wat werkt bij {t} in {g}?", "What works for {t} in {g}?"),
    ("Welke aanpak van {t} past bij {g}?", "Which approach to {t} suits {g}?"),
    ("Hoe meten we de opbrengst van {t} in {g}?", "How do we measure the effect of {t} in {g}?"),
)
OUTCOMES = (
    (
        "Het team past de aanpak toe in alle groepen.",
        "The team applies the approach in all classes.",
    ),
    (
        "De school neemt de aanpak op in het schoolplan.",
        "The school includes the approach in its plan.",
    ),
    (
        "Een pilot in twee klassen gaf gemengde resultaten.",
        "A pilot in two classes gave mixed results.",
    ),
    ("De sectie stelt haar toetsbeleid bij.", "The department revises its assessment policy."),
)

# fmt: off
FIRST_NAMES = (
    "Sanne", "Daan", "Eva", "Pieter", "Lotte", "Ayşe", "Hanna", "Femke", "Ruben", "Iris", "Thomas",
    "Noor", "Joris", "Lisa", "Bram", "Emma", "Kees", "Yara", "Martijn", "Sofie", "Hamza", "Anouk",
    "Wouter", "Julia", "Marloes", "Gijs", "Mohamed", "Fatima", "Lucas", "Zoë", "Sem", "Mila",
)
SURNAMES = (
    "de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot",
    "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra",
    "Smits", "de Graaf", "van der Meer", "Kok", "Yilmaz", "El Idrissi", "Demir", "Willems",
)
PLACES = (
    "Utrecht", "Amersfoort", "Zwolle", "Deventer", "Arnhem", "Nijmegen", "Ede", "Tilburg", "Breda",
    "Eindhoven", "Helmond", "Venlo", "Maastricht", "Heerlen", "Leiden", "Delft", "Gouda", "Almere",
    "Lelystad", "Groningen", "Assen", "Emmen", "Leeuwarden", "Alkmaar", "Haarlem", "Hoorn",
)
UNIVERSITIES = (
    "Universiteit Utrecht", "Universiteit van Amsterdam", "Radboud Universiteit",
    "Universiteit Leiden", "Rijksuniversiteit Groningen", "Maastricht University",
    "Vrije Universiteit Amsterdam", "Erasmus Universiteit Rotterdam", "Universiteit Twente",
    "Tilburg University", "Open Universiteit", "Technische Universiteit Eindhoven",
)
# fmt: on
