"""Which literal statements of a node are public: ontology/personal-data.ttl applied to a node.

The classification is declared once, in the ontology; this module reads it and decides, for one
node's labels and literal statements, which values every public view may show, which only an
authorised user may see (restricted) and which nobody but the data steward (never published).
The writer keeps only public values as visible properties, so every public output inherits it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from rdflib import Literal, URIRef

from kennisgraaf.errors import OntologyError
from kennisgraaf.graph.literals import parse_key
from kennisgraaf.graph.naming import KG, name_for
from kennisgraaf.ontology.files import personal_data_graph

PUBLIC = "public"
RESTRICTED = "restricted"
NEVER = "never-published"
LEVELS = frozenset({PUBLIC, RESTRICTED, NEVER})
CONSENT = KG + "consentToBeNamed"
ORCID = KG + "orcid"
PUBLIC_IDENTITY = KG + "publicProfessionalIdentity"
_TRUE = frozenset({"true", "1"})


@dataclass(frozen=True)
class Classification:
    person_labels: frozenset[str]  # node labels of the classes that carry personal data
    anywhere: dict[str, str]  # predicate IRI → level on any subject
    on_person: dict[str, str]  # predicate IRI → level on a person not named publicly


@lru_cache(maxsize=1)
def classification() -> Classification:
    g = personal_data_graph()

    def levels(annotation: str) -> dict[str, str]:
        found: dict[str, str] = {}
        for s, o in g.subject_objects(URIRef(annotation)):
            if str(o) not in LEVELS:
                raise OntologyError(f"{s} has an unknown disclosure level {o!r}")
            found[str(s)] = str(o)
        return found

    people = frozenset(
        name_for(str(s))
        for s, o in g.subject_objects(URIRef(KG + "carriesPersonalData"))
        if isinstance(o, Literal) and o.toPython() is True
    )
    return Classification(people, levels(KG + "disclosure"), levels(KG + "personDisclosure"))


def named_publicly(literals: Iterable[tuple[str, str]], natural: dict[str, str]) -> bool:
    """Whether a person may be named: consent stated true by a source and false by none, or no
    consent stated at all but a public professional identity (an ORCID iD, or
    kg:publicProfessionalIdentity true: an author of a public output). Default deny."""
    consent: set[bool] = set()
    identity = False  # an ORCID iD, or the source names the person in a public capacity
    for key, lexical in literals:
        predicate = parse_key(key, natural)[0]
        if predicate == CONSENT:
            consent.add(lexical.strip() in _TRUE)
        elif predicate == ORCID or (predicate == PUBLIC_IDENTITY and lexical.strip() in _TRUE):
            identity = True
    if False in consent:
        return False
    return True in consent or identity


def is_person(labels: Iterable[str]) -> bool:
    return not classification().person_labels.isdisjoint(labels)


def level_of(predicate: str, person: bool, named: bool) -> str:
    """The disclosure level of one property's values on a node."""
    c = classification()
    level = c.anywhere.get(predicate, PUBLIC)
    if person:
        on_person = c.on_person.get(predicate)
        if on_person == NEVER or level == NEVER:
            return NEVER
        if not named and on_person != PUBLIC:
            return RESTRICTED  # default deny: what is not declared public stays restricted
    return level


def split_literals(
    labels: Iterable[str], literals: Iterable[tuple[str, str]], natural: dict[str, str]
) -> dict[str, set[tuple[str, str]]]:
    """A node's literal statements by level (`public`, `restricted`, `never-published`)."""
    statements = list(literals)
    person = is_person(labels)
    named = named_publicly(statements, natural) if person else True
    out: dict[str, set[tuple[str, str]]] = {PUBLIC: set(), RESTRICTED: set(), NEVER: set()}
    for key, lexical in statements:
        out[level_of(parse_key(key, natural)[0], person, named)].add((key, lexical))
    return out


def person_hidden(
    labels: Iterable[str], literals: Iterable[tuple[str, str]], natural: dict[str, str]
) -> bool:
    """A person who may not be named publicly (shown by role only)."""
    return is_person(labels) and not named_publicly(literals, natural)
