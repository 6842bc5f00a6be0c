"""Reconciliation (Reconciliation Service API 0.2, what OpenRefine speaks): names and
identifiers from a spreadsheet matched to resources of the graph.

Scoring, 0–100:

* an identifier given as a property (ORCID, DOI, ROR, BRIN, NRO project number), normalised as
  the loaders normalise it, that equals the candidate's: 100, and `match` (identifiers are
  unique, so one hit is the one);
* otherwise the name: both sides lower-cased, accents stripped, punctuation folded to spaces;
  equal texts score 100, others the mean of the character similarity (difflib ratio) and the
  token overlap (Dice), times 100. A candidate whose identifier differs from the one given
  scores half: the identifier says it is someone else.

`match` is true only for a single clear winner: a score of at least MATCH_SCORE and a lead of
at least MATCH_LEAD over the next candidate — two namesakes at 100 are no match.
Candidates are read per type, once per batch; scoring runs in Python, so the cost per query is
linear in the resources of the requested types.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from neo4j import Driver
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from kennisgraaf.errors import InputError
from kennisgraaf.queries._run import read

MATCH_SCORE = 90.0
MATCH_LEAD = 10.0
DEFAULT_LIMIT = 5
MIN_SCORE = 30.0  # below this a name shares too little to be worth showing
MAX_BATCH = 500


@dataclass(frozen=True)
class EntityType:
    id: str
    name: str
    description: str
    query: str
    class_local_name: str


TYPES: dict[str, EntityType] = {
    t.id: t
    for t in (
        EntityType("person", "Person", "A person (teacher, researcher, …)", "reconcile.people",
                   "Person"),
        EntityType("organisation", "Organisation", "A school, board, hogeschool, university, …",
                   "reconcile.organisations", "Organisation"),
        EntityType("study", "Study", "A research project, publication or practitioner research",
                   "reconcile.studies", "Study"),
        EntityType("network", "Network", "A werkplaats, kennistafel, learning lab, …",
                   "reconcile.networks", "Network"),
        EntityType("question", "Knowledge question", "A kennisvraag, by its text",
                   "reconcile.questions", "KnowledgeQuestion"),
        EntityType("product", "Knowledge product", "A Kennisrotonde answer, evidence summary, …",
                   "reconcile.products", "KnowledgeProduct"),
    )
}  # fmt: skip
DEFAULT_TYPES = ("person", "organisation", "study", "network", "question")


@dataclass(frozen=True)
class IdentifierProperty:
    id: str
    name: str
    description: str
    scheme: str  # the loaders' normalisation scheme


PROPERTIES: dict[str, IdentifierProperty] = {
    p.id: p
    for p in (
        IdentifierProperty("orcid", "ORCID iD", "of a person, e.g. 0000-0002-1825-0097", "orcid"),
        IdentifierProperty("doi", "DOI", "of a study or product, e.g. 10.1234/abc", "doi"),
        IdentifierProperty("ror", "ROR ID", "of an organisation, e.g. 04pp8hn57", "ror"),
        IdentifierProperty("brin", "BRIN code", "of a school, e.g. 00AB", "brin"),
        IdentifierProperty("nro", "NRO project number", "of a study, e.g. 405-15-718", "nro"),
    )
}


# --- the batch, checked ---------------------------------------------------------------------


class PropertyValue(BaseModel):
    model_config = ConfigDict(extra="forbid")
    pid: str
    v: Any


class ReconQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")
    query: str | None = None
    type: str | list[str] | None = None
    limit: int | None = Field(default=None, ge=1, le=100)
    properties: list[PropertyValue] | None = None
    type_strict: str | None = Field(default=None, pattern="^(any|should|all)$")


def parse_batch(raw: Any) -> dict[str, ReconQuery]:
    """The `queries` object, checked; an InputError names the query and what is wrong."""
    if not isinstance(raw, dict) or not raw:
        raise InputError("queries must be a non-empty JSON object of named queries")
    if len(raw) > MAX_BATCH:
        raise InputError(f"a batch holds at most {MAX_BATCH} queries, not {len(raw)}")
    batch: dict[str, ReconQuery] = {}
    for key, value in raw.items():
        try:
            query = ReconQuery.model_validate(value)
        except ValidationError as e:
            problems = "; ".join(
                f"{'.'.join(str(p) for p in err['loc']) or 'query'}: {err['msg']}"
                for err in e.errors()
            )
            raise InputError(f"query {key!r}: {problems}") from e
        if not (query.query or "").strip() and not query.properties:
            raise InputError(f"query {key!r}: needs a query text or properties")
        for prop in query.properties or []:
            if prop.pid not in PROPERTIES:
                raise InputError(
                    f"query {key!r}: unknown property {prop.pid!r}; known: {', '.join(PROPERTIES)}"
                )
        types_of(query, key)  # checks the type ids
        batch[key] = query
    return batch


def types_of(query: ReconQuery, key: str = "") -> list[str]:
    given = [query.type] if isinstance(query.type, str) else list(query.type or [])
    ids = []
    for t in given:
        type_id = _type_id(t)
        if type_id is None:
            raise InputError(f"query {key!r}: unknown type {t!r}; known: {', '.join(TYPES)}")
        ids.append(type_id)
    return list(dict.fromkeys(ids)) or list(TYPES)


def _type_id(given: str) -> str | None:
    if given in TYPES:
        return given
    # a class IRI of the ontology names the same type
    local = re.split(r"[#/]", given)[-1]
    return next((t.id for t in TYPES.values() if t.class_local_name == local), None)


# --- text ------------------------------------------------------------------------------------


def normalise(text: str) -> str:
    """Lower case, accents stripped, anything but letters and digits folded to one space."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^0-9a-z]+", " ", bare).split())


def name_score(query: str, name: str) -> float:
    a, b = normalise(query), normalise(name)
    if not a or not b:
        return 0.0
    if a == b:
        return 100.0
    ta, tb = set(a.split()), set(b.split())
    dice = 2 * len(ta & tb) / (len(ta) + len(tb))
    ratio = difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()
    return round(100 * (ratio + dice) / 2, 1)


# --- candidates and results ------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    iri: str
    type: str
    names: tuple[str, ...]
    identifiers: dict[str, tuple[str, ...]]
    description: str


@dataclass
class Scored:
    candidate: Candidate
    score: float
    name: str
    features: dict[str, float | bool] = field(default_factory=dict)
    identified: bool = False  # an identifier given in the query equals the candidate's


class CandidateCache:
    """Candidates of each type, read once per batch (or suggest request)."""

    def __init__(self, driver: Driver, database: str) -> None:
        self.driver = driver
        self.database = database
        self._by_type: dict[str, list[Candidate]] = {}

    def of(self, type_id: str) -> list[Candidate]:
        if type_id not in self._by_type:
            rows = read(self.driver, self.database, TYPES[type_id].query)
            self._by_type[type_id] = [
                Candidate(
                    iri=r["iri"],
                    type=type_id,
                    names=tuple(str(n) for n in r["names"] if n),
                    identifiers={k: tuple(str(x) for x in v) for k, v in r["identifiers"].items()},
                    description=", ".join(str(d) for d in r["description"] if d),
                )
                for r in rows
            ]
        return self._by_type[type_id]


def _identifier_values(query: ReconQuery) -> dict[str, set[str]]:
    """Normalised identifier values by property; values that are no valid identifier are
    dropped (they cannot equal a stored, normalised one)."""
    from kennisgraaf.loaders.identifiers import normalise as normalise_identifier

    found: dict[str, set[str]] = {}
    for prop in query.properties or []:
        values = prop.v if isinstance(prop.v, list) else [prop.v]
        for value in values:
            text = value.get("id") if isinstance(value, dict) else value
            if isinstance(text, str | int) and not isinstance(text, bool):
                try:
                    found.setdefault(prop.pid, set()).add(
                        normalise_identifier(PROPERTIES[prop.pid].scheme, text)
                    )
                except InputError:
                    found.setdefault(prop.pid, set())
    return found


def score(query: ReconQuery, candidate: Candidate, wanted: dict[str, set[str]]) -> Scored | None:
    best_name, best = (candidate.names[0] if candidate.names else candidate.iri), 0.0
    text = (query.query or "").strip()
    if text:
        for name in candidate.names:
            s = name_score(text, name)
            if s > best:
                best_name, best = name, s
    features: dict[str, float | bool] = {"name": best}
    identified = conflicting = False
    for pid, values in wanted.items():
        held = set(candidate.identifiers.get(pid, ()))
        if values & held:
            identified = True
            features[pid] = True
        elif values and held:
            conflicting = True
            features[pid] = False
    if identified:
        return Scored(candidate, 100.0, best_name, features, identified=True)
    if conflicting:
        best = round(best / 2, 1)
    if best < MIN_SCORE:
        return None
    return Scored(candidate, best, best_name, features)


def reconcile_one(query: ReconQuery, cache: CandidateCache) -> list[dict[str, Any]]:
    wanted = _identifier_values(query)
    type_ids = types_of(query)
    if query.type_strict == "all" and len(type_ids) > 1:
        return []  # the types are disjoint: nothing is of all of them
    scored = [
        s
        for type_id in type_ids
        for candidate in cache.of(type_id)
        if (s := score(query, candidate, wanted)) is not None
    ]
    scored.sort(key=lambda s: (-s.score, not s.identified, s.name, s.candidate.iri))
    scored = scored[: query.limit or DEFAULT_LIMIT]
    identified = [s for s in scored if s.identified]
    if identified:
        clear = len(identified) == 1
    else:
        lead = scored[0].score - scored[1].score if len(scored) > 1 else 100.0
        clear = bool(scored) and scored[0].score >= MATCH_SCORE and lead >= MATCH_LEAD
    return [
        {
            "id": s.candidate.iri,
            "name": s.name,
            "description": s.candidate.description,
            "score": s.score,
            "match": clear and i == 0,
            "type": [{"id": s.candidate.type, "name": TYPES[s.candidate.type].name}],
            "features": [{"id": k, "value": v} for k, v in s.features.items()],
        }
        for i, s in enumerate(scored)
    ]


def reconcile(driver: Driver, database: str, batch: dict[str, ReconQuery]) -> dict[str, Any]:
    cache = CandidateCache(driver, database)
    return {key: {"result": reconcile_one(query, cache)} for key, query in batch.items()}


def suggest_entities(
    driver: Driver, database: str, prefix: str, type_ids: list[str], limit: int = 10
) -> list[dict[str, Any]]:
    """Entities with a name that starts with the prefix (whole name first, then any word)."""
    wanted = normalise(prefix)
    if not wanted:
        return []
    cache = CandidateCache(driver, database)
    ranked: list[tuple[int, str, Candidate]] = []
    for type_id in type_ids:
        for candidate in cache.of(type_id):
            rank = None
            for name in candidate.names:
                norm = normalise(name)
                if norm.startswith(wanted):
                    rank = 0
                elif (" " + norm).find(" " + wanted) >= 0 and rank is None:
                    rank = 1
                if rank is not None:
                    ranked.append((rank, name, candidate))
                    break
    ranked.sort(key=lambda r: (r[0], r[1].casefold(), r[2].iri))
    return [
        {
            "id": c.iri,
            "name": name,
            "description": c.description,
            "notable": [{"id": c.type, "name": TYPES[c.type].name}],
        }
        for _, name, c in ranked[:limit]
    ]


def suggest_from(options: dict[str, Any], prefix: str) -> list[dict[str, str]]:
    """Types or properties whose id or name starts with the prefix (any word of the name)."""
    wanted = normalise(prefix)
    return [
        {"id": o.id, "name": o.name, "description": o.description}
        for o in options.values()
        if not wanted
        or o.id.startswith(wanted)
        or any(w.startswith(wanted) for w in normalise(o.name).split())
        or normalise(o.name).startswith(wanted)
    ]
