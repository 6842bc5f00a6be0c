"""Every organisation that is not a register entry linked to its entry in the national registers
(DUO schools and boards, ROR): ``kennisgraaf registers link``, run after the loads.

An organisation is linked

1. by identifier: a BRIN code, ROR ID, GRID ID or external identity IRI (ISNI, Wikidata, the
   ror.org IRI, through schema:sameAs) that a register entry holds too;
2. else by name: one of its names equal to an entry's name once both are folded
   (loaders/register_names.py: case, accents, punctuation, whitespace, school-type abbreviations,
   legal-form words), among the entries in its municipality when both know theirs (CBS code or
   municipality name; a free-text region is not read).

An institution and its own locations answering alike (DUO names an institution after its first
location) are one answer: the institution. More than one answer is *ambiguous*: listed in the
report, never guessed. KvK numbers are not held by any loader yet, so they link nothing.

The link is the statement ``<organisation> schema:sameAs <register entry>``: the two IRIs name the
same organisation, but each keeps its own description (owl:sameAs would merge them: the seed's
view of a school and the register's are two sources, not one resource), and schema:sameAs is the
term the ROR loader already uses for an organisation's other identities. The links are loaded
through the pipeline as one source, ``register-links``: each run replaces the previous run's
links, with provenance, through the SHACL gate (with the link set described, id/register/links,
so a run that finds none withdraws the last run's). ``kennisgraaf load`` runs it after loading a
register file (``--no-link`` leaves it out) and ``kennisgraaf demo`` after all its loads.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from neo4j import Driver, RoutingControl
from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF

from kennisgraaf import identifiers
from kennisgraaf.errors import KennisgraafError
from kennisgraaf.loaders.options import LoadOptions
from kennisgraaf.loaders.pipeline import FileReport, load_file
from kennisgraaf.loaders.register_names import fold
from kennisgraaf.queries.registry import get_query

SOURCE = "register-links"
# The kinds whose load is followed by linking (CLI `load`, the demo): what links to them changes.
REGISTER_KINDS = frozenset({"duo", "ror", "cbs-regions"})
SAME_AS = URIRef("https://schema.org/sameAs")
PROV = Namespace("http://www.w3.org/ns/prov#")
REGISTER_PATHS = ("brin/", "bevoegd-gezag/", "ror/")  # under id/organisation/


@dataclass(frozen=True)
class Organisation:
    """An organisation as linking sees it: its names folded, identifiers and places."""

    iri: str
    names: frozenset[str]
    identifiers: frozenset[str]  # "brin:18BR", "ror:04pp8hn57", "iri:https://isni.org/…"
    places: frozenset[str]  # folded municipality names and CBS codes, a ROR record's city
    parents: frozenset[str] = frozenset()


@dataclass
class LinkReport:
    by_identifier: list[tuple[str, str]] = field(default_factory=list)
    by_name: list[tuple[str, str]] = field(default_factory=list)
    ambiguous: list[tuple[str, list[str]]] = field(default_factory=list)  # org, its entries
    unmatched: list[str] = field(default_factory=list)
    load: FileReport | None = None

    def links(self) -> list[tuple[str, str]]:
        return sorted(self.by_identifier + self.by_name)

    def summary(self) -> dict[str, int]:
        return {
            "linked_by_identifier": len(self.by_identifier),
            "linked_by_name": len(self.by_name),
            "ambiguous": len(self.ambiguous),
            "unmatched": len(self.unmatched),
        }


def register_prefixes(base: str) -> list[str]:
    return [str(identifiers.mint_iri("organisation", path, base)) for path in REGISTER_PATHS]


def _identifier_keys(row: dict[str, object]) -> frozenset[str]:
    keys: set[str] = set()
    for scheme in ("brin", "ror"):
        for value in _strings(row.get(scheme)):
            try:
                keys.add(f"{scheme}:{identifiers.normalise(scheme, value)}")
            except KennisgraafError:
                continue  # not a valid identifier: it cannot equal a register's
    keys |= {f"grid:{v.casefold()}" for v in _strings(row.get("grid"))}
    keys |= {f"iri:{v}" for v in _strings(row.get("same_as"))}
    return frozenset(keys)


def _strings(value: object) -> list[str]:
    items = value if isinstance(value, list) else [value]
    return [str(v) for v in items if v is not None and str(v).strip()]


def organisation(row: dict[str, object]) -> Organisation:
    return Organisation(
        iri=str(row["iri"]),
        names=frozenset(f for n in _strings(row.get("names")) if (f := fold(n))),
        identifiers=_identifier_keys(row),
        places=frozenset(f for p in _strings(row.get("places")) if (f := fold(p))),
        parents=frozenset(_strings(row.get("parents")))
        | {f"brin:{b[:4]}" for b in _strings(row.get("brin")) if len(b) == 6},
    )


def _one_answer(found: Iterable[Organisation]) -> list[str]:
    """The entries found, an institution's own locations folded into the institution."""
    entries = {e.iri: e for e in found}
    # an entry is named by its IRI or identifiers (a location names its institution's BRIN)
    keys = set(entries) | {k for e in entries.values() for k in e.identifiers}
    return sorted(iri for iri, e in entries.items() if not e.parents & keys)


class RegisterIndex:
    """The register entries by identifier and by folded name."""

    def __init__(self, entries: Sequence[Organisation]) -> None:
        self.by_identifier: dict[str, list[Organisation]] = {}
        self.by_name: dict[str, list[Organisation]] = {}
        for entry in entries:
            for key in entry.identifiers:
                self.by_identifier.setdefault(key, []).append(entry)
            for name in entry.names:
                self.by_name.setdefault(name, []).append(entry)

    def link(self, org: Organisation, report: LinkReport) -> None:
        """Record in `report` how `org` links: by identifier, by name, ambiguous or not."""
        by_id = [e for key in org.identifiers for e in self.by_identifier.get(key, [])]
        if by_id:
            answer = _one_answer(by_id)
            if len(answer) == 1:
                report.by_identifier.append((org.iri, answer[0]))
            else:
                report.ambiguous.append((org.iri, answer))
            return
        named = [e for name in org.names for e in self.by_name.get(name, [])]
        if org.places:  # where both know their municipality, it must be the same
            named = [e for e in named if not e.places or e.places & org.places]
        answer = _one_answer(named)
        if len(answer) == 1:
            report.by_name.append((org.iri, answer[0]))
        elif answer:
            report.ambiguous.append((org.iri, answer))
        else:
            report.unmatched.append(org.iri)


def _rows(driver: Driver, database: str, name: str, prefixes: list[str]) -> list[dict[str, object]]:
    query = get_query(name)
    records, _, _ = driver.execute_query(
        query.text,
        query.bind({"prefixes": prefixes}),
        database_=database,
        routing_=RoutingControl.READ,
    )
    return [r.data() for r in records]


def find_links(driver: Driver, database: str, base: str) -> LinkReport:
    """How every non-register organisation links to the registers, read from the graph."""
    prefixes = register_prefixes(base)
    entries = [organisation(r) for r in _rows(driver, database, "registers.entries", prefixes)]
    index = RegisterIndex(entries)
    report = LinkReport()
    for row in _rows(driver, database, "registers.organisations", prefixes):
        index.link(organisation(row), report)
    return report


def link_set(base: str | None) -> list[tuple[URIRef, URIRef, URIRef | Literal]]:
    """The set of links as a resource of its own: a run that finds no link still loads it, so
    the links of the previous run are withdrawn (an empty file would be refused)."""
    iri = identifiers.mint_iri("register", "links", base)
    return [
        (iri, RDF.type, PROV.Entity),
        (iri, DCTERMS.title, Literal("Links to the national registers", lang="en")),
        (iri, DCTERMS.title, Literal("Koppelingen met de landelijke registers", lang="nl")),
    ]


def link_statements(links: Iterable[tuple[str, str]], base: str | None = None) -> str:
    """The links as N-Triples, one ``schema:sameAs`` statement each, sorted, after the
    statements describing the link set."""
    described = "".join(f"{s.n3()} {p.n3()} {o.n3()} .\n" for s, p, o in link_set(base))
    return described + "".join(
        f"{URIRef(org).n3()} {SAME_AS.n3()} {URIRef(entry).n3()} .\n"
        for org, entry in sorted(links)
    )


def link_registers(driver: Driver, database: str, options: LoadOptions) -> LinkReport:
    """Find the links and load them as the source ``register-links`` (replacing the last run's)."""
    report = find_links(driver, database, options.base_iri)
    with tempfile.TemporaryDirectory(prefix="kennisgraaf-links-") as folder:
        path = Path(folder) / f"{SOURCE}.nt"
        path.write_text(link_statements(report.links(), options.base_iri), encoding="utf-8")
        load_options = LoadOptions(
            base_iri=options.base_iri,
            batch_size=options.batch_size,
            lang=options.lang,
            quarantine_dir=options.quarantine_dir,
            source=SOURCE,
            kind="rdf",
        )
        report.load = load_file(path, driver, database, load_options)
    return report
