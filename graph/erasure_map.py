"""What erasures left behind for later loads: which IRIs were erased and what stands in for them.

An erasure (graph/erasure.py) records, under keyed hashes only (kennisgraaf.site_secret), each
IRI it took out of the graph — the person's and those of resources that spelled the person's
key, such as their memberships — with the IRI that replaced it, and the person's identifiers
(name, ORCID iD, e-mail, telephone). A load reads the records and passes every statement
through :meth:`ErasedPeople.apply` before the gate: a statement about an erased person is said
of the stand-in instead, with none of the person's literals but a placeholder name (a person
needs one); links to them point at the stand-in; an erased identifier given anywhere else is
dropped. So reloading an old source rebuilds the erased graph, not the person.
"""

from __future__ import annotations

import hmac
import json
from dataclasses import dataclass, field

import pyoxigraph as ox
from neo4j import Driver

from kennisgraaf.graph.mapping import RDF_TYPE, Resolved
from kennisgraaf.graph.naming import KG, PREFIXES
from kennisgraaf.queries.runner import read
from kennisgraaf.site_secret import site_secret

ERASED_NAME = "erased person"
FOAF_NAME = PREFIXES["foaf"] + "name"
# The literals that identify a person wherever they are given (not only on the person).
IDENTIFIERS = frozenset(
    {
        KG + "orcid",
        PREFIXES["foaf"] + "mbox",
        PREFIXES["schema"] + "email",
        PREFIXES["schema"] + "telephone",
    }
)
# Literals whose values an erasure records (hashed), to find them in files and later loads.
NAMES = IDENTIFIERS | {
    FOAF_NAME,
    PREFIXES["foaf"] + "givenName",
    PREFIXES["foaf"] + "familyName",
    PREFIXES["rdfs"] + "label",
    PREFIXES["skos"] + "prefLabel",
}


class Hasher:
    """Keyed hashes of erased IRIs and identifier values (HMAC-SHA256 under the site secret)."""

    def __init__(self, key: bytes | None = None) -> None:
        self.key = key if key is not None else site_secret()

    def iri(self, iri: str) -> str:
        return self._hash("erased-iri", iri)

    def stand_in(self, iri: str) -> str:
        """The opaque key of what replaces an erased IRI (not the hash recorded for it)."""
        return self._hash("stand-in", iri)[:20]

    def value(self, lexical: str) -> str:
        return self._hash("erased-value", lexical.strip())

    def values(self, lexical: str) -> set[str]:
        """Hashes of a value and its plain form (an ORCID iD without its URL, an e-mail
        address without `mailto:`, in lower case)."""
        plain = lexical.strip()
        for prefix in ("https://orcid.org/", "http://orcid.org/", "mailto:"):
            plain = plain.removeprefix(prefix)
        return {self.value(lexical), self.value(plain), self.value(plain.lower())}

    def _hash(self, purpose: str, text: str) -> str:
        return hmac.digest(self.key, f"{purpose}\0{text}".encode(), "sha256").hex()


@dataclass
class ErasedPeople:
    """The erasure records as a load uses them; counts what it kept out."""

    iris: dict[str, tuple[str, bool]]  # keyed hash of an IRI → (stand-in, it is the person)
    values: frozenset[str]  # keyed hashes of erased identifiers
    hasher: Hasher
    met: set[str] = field(default_factory=set)  # stand-ins of the erased people met
    dropped: int = 0  # literal statements about them (or their identifiers) left out
    _seen: dict[str, tuple[str, bool] | None] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.iris or self.values)

    def _lookup(self, iri: str) -> tuple[str, bool] | None:
        if iri not in self._seen:
            self._seen[iri] = self.iris.get(self.hasher.iri(iri))
        return self._seen[iri]

    def apply(self, statements: list[Resolved]) -> list[Resolved]:
        """The statements with erased people replaced by their stand-ins (see the module)."""
        if not self:
            return statements
        out: list[Resolved] = []
        for s, p, o, g in statements:
            subject = self._lookup(s)
            if isinstance(o, ox.Literal):
                if subject is not None and subject[1]:
                    self.met.add(subject[0])
                    if p == FOAF_NAME:
                        out.append((subject[0], p, ox.Literal(ERASED_NAME), g))
                    else:
                        self.dropped += 1
                    continue
                if p in IDENTIFIERS and not self.values.isdisjoint(self.hasher.values(o.value)):
                    self.dropped += 1
                    continue
                out.append((subject[0] if subject else s, p, o, g))
                continue
            target = self._lookup(o)
            for found in (subject, None if p == RDF_TYPE else target):
                if found is not None and found[1]:
                    self.met.add(found[0])
            out.append(
                (
                    subject[0] if subject else s,
                    p,
                    target[0] if target and p != RDF_TYPE else o,
                    g,
                )
            )
        return out


def erased_people(driver: Driver, database: str, hasher: Hasher | None = None) -> ErasedPeople:
    """Every erasure recorded in the graph, as a load applies them."""
    iris: dict[str, tuple[str, bool]] = {}
    values: set[str] = set()
    rows = read(driver, database, "erasure.records")
    if not rows:  # nothing erased: nothing to hash (and no secret to create)
        return ErasedPeople({}, frozenset(), hasher or Hasher(b""))
    for row in rows:
        for digest, (stand_in, person) in json.loads(row["map"]).items():
            iris[str(digest)] = (str(stand_in), bool(person))
        values.update(str(v) for v in row["identifiers"])
    return ErasedPeople(iris, frozenset(values), hasher or Hasher())
