"""A checked Kennisrotonde record → RDF (graph/MAPPING.md shows what it becomes in Neo4j).

IRIs come from the Kennisrotonde number, so reloading an updated export rewrites the same
resources: the question ``id/question/kennisrotonde/KR…`` from its articulation, the answer
``id/product/kennisrotonde/KR…`` from its organisation activity, each earlier version of the
answer ``…/KR…-v1``, ``-v2`` (oldest first; each a revision of the one before, the current
answer a revision of the last). Cited studies get the IRI any other load gives their DOI (or a
slug of title and year), so they link to a study already in the graph.
"""

from __future__ import annotations

from collections.abc import Container, Generator, Iterator
from datetime import date

from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, XSD

from kennisgraaf import identifiers
from kennisgraaf.loaders.kennisrotonde_records import Expert, Record, Source, Target, Version
from kennisgraaf.loaders.kennisrotonde_tags import keyword_iri, keyword_triples
from kennisgraaf.loaders.record_conversion import RdfTriple
from kennisgraaf.loaders.register_lookup import RegisterLookup, shipped_lookup
from kennisgraaf.loaders.seed_facts import region_iri
from kennisgraaf.ontology.files import KG as KG_NS
from kennisgraaf.settings import get_settings

KG = Namespace(KG_NS)
CITO = Namespace("http://purl.org/spar/cito/")
FUNCTION = Namespace("https://w3id.org/kennisgraaf/def/function/")
STATUS = Namespace("https://w3id.org/kennisgraaf/def/question-status/")
NRO_KEY = "nro"  # the key the seed data gives the NRO
NRO_NAME = "NRO (Nationaal Regieorgaan Onderwijsonderzoek)"


class RecordConverter:
    """Triples of records; remembers which studies it described so each is described once."""

    def __init__(
        self,
        base: str | None = None,
        known_studies: Container[URIRef] = (),
        registers: RegisterLookup | None = None,
    ) -> None:
        self.base = base if base is not None else get_settings().base_iri
        self.known_studies = known_studies  # described in the graph by other sources
        self._registers = registers  # the shipped register files when None, read when needed
        self.notes: list[str] = []  # why an asker's school or place was not linked
        self.described: set[URIRef] = set()
        self.nro = identifiers.mint_iri("organisation", NRO_KEY, self.base)

    def iri(self, kind: str, key: str) -> URIRef:
        return identifiers.mint_iri(kind, key, self.base)

    def answer_iri(self, number: str) -> URIRef:
        return self.iri("product", f"kennisrotonde/{number}")

    def triples(self, record: Record) -> Iterator[RdfTriple]:
        key = f"kennisrotonde/{record.number}"
        question = self.iri("question", key)
        lang = record.language
        yield from self.nro_triples()
        yield question, RDF.type, KG.KnowledgeQuestion
        yield question, KG.questionText, Literal(record.question, lang=lang)
        yield question, DCTERMS.identifier, Literal(record.number)
        if record.asking.as_asked:
            yield question, KG.questionAsAsked, Literal(record.asking.as_asked, lang=lang)
        if record.asking.sharpened:
            yield question, KG.sharpenedQuestion, Literal(record.asking.sharpened, lang=lang)
        yield from self.subjects(question, record)
        yield (
            question,
            KG.status,
            record.status or (STATUS.answered if record.answered else STATUS.open),
        )
        for target in record.referred_to:
            referred = yield from self.target_triples(target)
            yield question, KG.referredTo, referred
        yield from self.articulation_triples(record, key, question)
        if record.answered is not None:
            yield from self.answer_triples(record, key, question)

    def nro_triples(self) -> Iterator[RdfTriple]:
        # Every batch names the NRO so that the shapes' sh:class checks hold batch by batch.
        yield self.nro, RDF.type, KG.FundingBody
        yield self.nro, FOAF.name, Literal(NRO_NAME)

    def articulation_triples(
        self, record: Record, key: str, question: URIRef
    ) -> Iterator[RdfTriple]:
        """Who asked: the NRO articulated it; the asker by role, by name only with consent."""
        articulation = self.iri("articulation", key)
        yield question, PROV.wasGeneratedBy, articulation
        yield articulation, RDF.type, KG.QuestionArticulation
        yield articulation, KG.function, FUNCTION.articulation
        yield articulation, DCTERMS.date, Literal(record.asked, datatype=XSD.date)
        yield articulation, PROV.wasAssociatedWith, self.nro
        if record.asking.role is not None:
            yield articulation, KG.askerRole, record.asking.role
        if record.asking.name:  # the reader allows a name only with the asker's consent
            person = self.iri("person", identifiers.slugify(record.asking.name))
            yield person, RDF.type, KG.Person
            yield person, FOAF.name, Literal(record.asking.name)
            yield person, KG.consentToBeNamed, Literal(True)  # README "Personal data"
            yield articulation, PROV.wasAssociatedWith, person
        yield from self.asker_school_triples(record, question, articulation)

    def asker_school_triples(
        self, record: Record, question: URIRef, articulation: URIRef
    ) -> Iterator[RdfTriple]:
        """The asker's school as the register's (the articulation associated with it) and the
        question in its municipality (the province follows from the region scheme); nothing
        of the person. A school or place the registers do not resolve is noted, not minted."""
        asking = record.asking
        if not (asking.school_brin or asking.school or asking.place):
            return
        if self._registers is None:
            self._registers = shipped_lookup()
        found = self._registers.resolve(asking.school_brin, asking.school, asking.place)
        if found.school is not None:
            school = identifiers.mint_iri("organisation", f"brin/{found.school}", self.base)
            yield articulation, PROV.wasAssociatedWith, school
        if found.municipality is not None:
            yield question, KG.inRegion, region_iri(found.municipality)
        if found.note:
            self.notes.append(f"{record.number}: {found.note}; not linked")

    def subjects(self, node: URIRef, record: Record) -> Iterator[RdfTriple]:
        for sector in record.sectors:
            yield node, KG.sector, sector
        for theme in record.themes:
            yield node, KG.theme, theme
        for tag in record.tags:
            yield node, KG.keyword, keyword_iri(tag, self.base)
            yield from keyword_triples(tag, self.base, record.language)

    def target_triples(self, target: Target) -> Generator[RdfTriple, None, URIRef]:
        """What a question was referred to; the generator returns its IRI."""
        if target.kind == "answer":
            return self.answer_iri(target.value)
        if target.kind == "url":
            return URIRef(target.value)
        study = self.iri("study", f"doi/{target.value}")
        if study not in self.known_studies:
            yield study, KG.doi, Literal(target.value)  # a work known only by its DOI
        return study

    def answer_triples(self, record: Record, key: str, question: URIRef) -> Iterator[RdfTriple]:
        assert record.answered is not None
        current = Version(
            record.answered, record.title, record.short_answer, record.full_answer, record.url
        )
        product = yield from self.version_triples(record, key, current, question)
        if record.access_rights is not None:
            yield product, DCTERMS.accessRights, record.access_rights
        if record.license:
            yield product, DCTERMS.license, URIRef(record.license)
        for number in record.related:
            yield product, DCTERMS.relation, self.answer_iri(number)
        organising = self.iri("organising", key)
        for source in record.sources:
            if self.cited_only(source):  # a work known only by its DOI: cited, not described
                cited = yield from self.target_triples(Target("doi", source.doi or ""))
                yield product, CITO.cites, cited
                continue
            study = yield from self.study_triples(source)
            yield organising, PROV.used, study
        for expert in record.experts:
            person = yield from self.expert_triples(expert)
            yield organising, PROV.wasAssociatedWith, person
        earlier = None
        for index, version in enumerate(record.versions, start=1):
            older = yield from self.version_triples(record, f"{key}-v{index}", version, question)
            if earlier is not None:
                yield older, PROV.wasRevisionOf, earlier
            earlier = older
        if earlier is not None:
            yield product, PROV.wasRevisionOf, earlier

    def version_triples(
        self, record: Record, key: str, version: Version, question: URIRef
    ) -> Generator[RdfTriple, None, URIRef]:
        """One version of the answer, made from the question; returns the product's IRI."""
        product = self.iri("product", key)
        organising = self.iri("organising", key)
        lang = record.language
        yield product, RDF.type, KG.KennisrotondeAnswer
        title = version.title or record.title or record.question
        yield product, DCTERMS.title, Literal(title, lang=lang)
        yield product, DCTERMS.identifier, Literal(record.number)
        yield product, DCTERMS.publisher, self.nro
        if version.short_answer:
            yield product, DCTERMS.abstract, Literal(version.short_answer, lang=lang)
        if version.full_answer:
            yield product, DCTERMS.description, Literal(version.full_answer, lang=lang)
        if version.url:
            yield product, FOAF.page, URIRef(version.url)
        yield from self.subjects(product, record)
        yield product, PROV.wasGeneratedBy, organising
        yield organising, RDF.type, KG.KnowledgeOrganisation
        yield organising, KG.function, FUNCTION.organisation
        yield organising, DCTERMS.date, Literal(version.answered, datatype=XSD.date)
        yield organising, PROV.used, question
        yield organising, PROV.wasAssociatedWith, self.nro
        return product

    def study_key(self, source: Source) -> str:
        if source.doi:
            return f"doi/{source.doi}"
        return identifiers.slugify(f"{source.title} {source.year or ''}")

    def is_new_study(self, source: Source) -> bool:
        return self.iri("study", self.study_key(source)) not in self.known_studies

    def cited_only(self, source: Source) -> bool:
        """Only a DOI, and no study of it in the graph or described earlier in the file."""
        study = self.iri("study", self.study_key(source))
        return source.doi_only and study not in self.described and self.is_new_study(source)

    def study_triples(self, source: Source) -> Generator[RdfTriple, None, URIRef]:
        """Describe the study unless known or described before; the generator returns its IRI."""
        key = self.study_key(source)
        study = self.iri("study", key)
        if study in self.described or study in self.known_studies:
            return study
        self.described.add(study)
        creation = self.iri("creation", key)
        yield study, RDF.type, KG.Report if source.report else KG.Publication
        if source.title:
            yield study, DCTERMS.title, Literal(source.title, lang=source.language)
        if source.doi:
            yield study, KG.doi, Literal(source.doi)
        if source.design is not None:
            yield study, KG.studyDesign, source.design
        if source.year is not None:
            yield study, DCTERMS.issued, Literal(str(source.year), datatype=XSD.gYear)
            yield creation, DCTERMS.date, Literal(date(source.year, 1, 1), datatype=XSD.date)
        yield study, PROV.wasGeneratedBy, creation
        yield creation, RDF.type, KG.KnowledgeCreation
        yield creation, KG.function, FUNCTION.creation
        for author in source.authors:
            person = self.iri("person", identifiers.slugify(author))
            yield person, RDF.type, KG.Person
            yield person, FOAF.name, Literal(author)
            yield person, KG.publicProfessionalIdentity, Literal(True)  # author of a public output
            yield creation, PROV.wasAssociatedWith, person
        for name in source.organisations:  # grey literature: an organisation as author
            organisation = self.iri("organisation", identifiers.slugify(name))
            yield organisation, RDF.type, KG.Organisation
            yield organisation, FOAF.name, Literal(name)
            yield study, DCTERMS.creator, organisation
            yield creation, PROV.wasAssociatedWith, organisation
        return study

    def expert_triples(self, expert: Expert) -> Generator[RdfTriple, None, URIRef]:
        """Describe the expert (and organisation); the generator returns the person's IRI."""
        person_key = f"orcid/{expert.orcid}" if expert.orcid else identifiers.slugify(expert.name)
        person = self.iri("person", person_key)
        yield person, RDF.type, KG.Person
        yield person, FOAF.name, Literal(expert.name)
        yield person, KG.publicProfessionalIdentity, Literal(True)  # named by the NRO as expert
        if expert.orcid:
            yield person, KG.orcid, Literal(expert.orcid)
        if expert.organisation:
            org_key = (
                f"ror/{expert.ror}" if expert.ror else identifiers.slugify(expert.organisation)
            )
            organisation = self.iri("organisation", org_key)
            yield organisation, RDF.type, KG.Organisation
            yield organisation, FOAF.name, Literal(expert.organisation)
            if expert.ror:
                yield organisation, KG.ror, Literal(expert.ror)
            if expert.role is None:
                yield person, ORG.memberOf, organisation
            else:
                # The sample data's convention: {person}--{organisation}--{role}, one segment.
                person_id = person_key.rsplit("/", 1)[-1]
                org_id = org_key.rsplit("/", 1)[-1]
                role = str(expert.role).rsplit("/", 1)[-1]
                membership = self.iri("membership", f"{person_id}--{org_id}--{role}")
                yield membership, RDF.type, ORG.Membership
                yield membership, ORG.member, person
                yield membership, ORG.organization, organisation
                yield membership, ORG.role, expert.role
        return person
