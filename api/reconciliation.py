"""Reconciliation (Reconciliation Service API 0.2, what OpenRefine speaks): names and
identifiers from a spreadsheet matched to resources of the graph.

Candidates come from the full-text index `kennisgraaf_reconcile_v2` (Lucene, accents folded; see
queries/schema/reconcile_index.cypher), never from reading every resource: for each query the
index's best hits of the requested types — each word of the text as a word or a prefix (3+
letters), each identifier as an exact phrase; a query that finds nothing so is tried once more
with words one edit away (4+ letters) — and at most `CostLimits.candidates` of them are scored
in Python. The Lucene query is built only from the
normalised words (letters and digits) and escaped identifier values, and passed as a parameter.

Scoring, 0–100, of those candidates:

* an identifier given as a property (ORCID, DOI, ROR, BRIN, NRO project number), normalised as
  the loaders normalise it, that equals the candidate's: 100, and `match` (identifiers are
  unique, so one hit is the one);
* otherwise the name: both sides folded as organisation names are (loaders/register_names.py:
  case, accents, punctuation, school-type abbreviations such as OBS and RSG written out, legal
  forms dropped), against every name of the candidate (ROR's labels, aliases and acronyms too);
  equal texts score 100, a query that is a distinctive phrase of the name ("Nassau College")
  at least CONTAINED_SCORE, others the mean of the character similarity (difflib ratio) and the
  token overlap (Dice), times 100. A place name at the end or start of the query that is the
  candidate's place (its municipality, an institution's locations' municipalities, a ROR
  record's city) is also tried cut off: "De Klimroos Utrecht" is "De Klimroos" in Utrecht.
  A candidate whose identifier differs from the one given
  scores half: the identifier says it is someone else. The ratio takes quadratic time, so it is
  computed only for candidates whose linear-time upper bound can still reach the results.

`match` is true only for a single clear winner: a score of at least MATCH_SCORE and a lead of
at least MATCH_LEAD over the next candidate — two namesakes at 100 are no match; an institution
tied with its own locations (DUO names an institution after its first location) comes first,
and its locations are no rivals to it.

Cost bounds (settings `reconcile_*`): queries per batch (more is a 400, advertised in the
manifest as `batchSize`), query text length (a longer text is cut, see `clip`), identifier
values per query, candidates scored per query, and a time budget per batch (503 when spent).
"""

from __future__ import annotations

import difflib
import heapq
import re
import time
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import neo4j
from neo4j import Driver
from neo4j.exceptions import ClientError
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from rapidfuzz.distance import Indel

from kennisgraaf.api.errors import ApiError
from kennisgraaf.api.lucene import escape as lucene_escape
from kennisgraaf.api.search import TIMED_OUT
from kennisgraaf.errors import InputError
from kennisgraaf.graph.pids import recognise
from kennisgraaf.identifiers import normalise as normalise_identifier
from kennisgraaf.loaders.register_names import contains_phrase, distinctive, fold, without_place
from kennisgraaf.queries.registry import get_query
from kennisgraaf.settings import Settings

MATCH_SCORE = 90.0
MATCH_LEAD = 10.0
DEFAULT_LIMIT = 5
MIN_SCORE = 30.0  # below this a name shares too little to be worth showing
CONTAINED_SCORE = 90.0  # a query that is a distinctive phrase of the name, at least
MAX_INDEX_WORDS = 16  # words of a query text that go into the Lucene query
MAX_FUZZY_WORDS = 8  # of those, the ones that may also match one edit away (a second pass)
# Lucene refuses a query of more than 1,024 clauses once rewritten: a prefix rewrites to at most
# 16 terms (beyond, one constant-score clause), a fuzzy term to at most 50, so
# 16 × (1 + 16) + 8 × 50 + MAX_IDENTIFIERS clauses stay well below it.
MAX_IDENTIFIERS = 20  # identifier values per query
PREFIX_MIN, FUZZY_MIN = 3, 4  # shorter words expand to too many index terms
# The index ranks all kinds together; reading a few times the candidates wanted leaves enough
# after the kinds a query does not ask for are dropped.
INDEX_POOL_FACTOR = 4
SUGGEST_MAX = 200  # entities a suggest request ranks at most (cursor included)


@dataclass(frozen=True)
class CostLimits:
    """What one reconciliation request may cost; `from_settings` reads the `reconcile_*` ones."""

    max_batch: int = 50
    max_query_chars: int = 500
    candidates: int = 50
    time_budget_s: float = 10.0

    @classmethod
    def from_settings(cls, settings: Settings) -> CostLimits:
        return cls(
            max_batch=settings.reconcile_max_batch,
            max_query_chars=settings.reconcile_max_query_chars,
            candidates=settings.reconcile_candidates,
            time_budget_s=settings.reconcile_time_budget_s,
        )


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
        EntityType("school", "School", "A school or school location of DUO's register (BRIN)",
                   "reconcile.organisations", "School"),
        EntityType("board", "School board", "A school board (bevoegd gezag) of DUO's register",
                   "reconcile.organisations", "SchoolBoard"),
        EntityType("research-organisation", "Research institution (ROR)",
                   "An organisation of the Research Organization Registry (ROR ID)",
                   "reconcile.organisations", "ResearchOrganisation"),
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
# The manifest's default types; the register types (school, board, research-organisation) are
# offered too (suggest/type, the type of a query), and an organisation query finds them all.
DEFAULT_TYPES = ("person", "organisation", "study", "network", "question")


@dataclass(frozen=True)
class IdentifierProperty:
    id: str
    name: str
    description: str
    scheme: str  # the loaders' normalisation scheme
    field: str  # the node property, a field of the full-text index


PROPERTIES: dict[str, IdentifierProperty] = {
    p.id: p
    for p in (
        IdentifierProperty("orcid", "ORCID iD", "of a person, e.g. 0000-0002-1825-0097", "orcid",
                           "orcid"),
        IdentifierProperty("doi", "DOI", "of a study or product, e.g. 10.1234/abc", "doi", "doi"),
        IdentifierProperty("ror", "ROR ID", "of an organisation, e.g. 04pp8hn57", "ror", "ror"),
        IdentifierProperty("brin", "BRIN code", "of a school, e.g. 00AB", "brin", "brin"),
        IdentifierProperty("nro", "NRO project number", "of a study, e.g. 405-15-718", "nro",
                           "nroProjectNumber"),
    )
}  # fmt: skip


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


def clip(text: str, max_chars: int) -> str:
    """A query text cut to `max_chars` characters; when the cut falls inside a word, that word
    is dropped too (unless it is the only one), so no half word is matched."""
    if len(text) <= max_chars:
        return text
    kept = text[:max_chars]
    if not text[max_chars].isspace():
        head, space, _ = kept.rpartition(" ")
        if space and head.strip():
            kept = head
    return kept.rstrip()


def parse_batch(raw: Any, limits: CostLimits | None = None) -> dict[str, ReconQuery]:
    """The `queries` object, checked; an InputError names the query and what is wrong.
    Query texts longer than the limit are cut (`clip`)."""
    limits = limits or CostLimits()
    if not isinstance(raw, dict) or not raw:
        raise InputError("queries must be a non-empty JSON object of named queries")
    if len(raw) > limits.max_batch:
        raise InputError(
            f"a batch holds at most {limits.max_batch} queries (the manifest's batchSize), "
            f"not {len(raw)}"
        )
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
        values = 0
        for prop in query.properties or []:
            if prop.pid not in PROPERTIES:
                raise InputError(
                    f"query {key!r}: unknown property {prop.pid!r}; known: {', '.join(PROPERTIES)}"
                )
            values += len(prop.v) if isinstance(prop.v, list) else 1
        if values > MAX_IDENTIFIERS:
            raise InputError(
                f"query {key!r}: at most {MAX_IDENTIFIERS} property values, not {values}"
            )
        types_of(query, key)  # checks the type ids
        if query.query is not None:
            query = query.model_copy(update={"query": clip(query.query, limits.max_query_chars)})
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


@lru_cache(maxsize=8192)  # names come back batch after batch; each is scored twice
def normalise(text: str) -> str:
    """Lower case, accents stripped, anything but letters and digits folded to one space."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^0-9a-z]+", " ", bare).split())


def name_score(query: str, name: str) -> float:
    return similarity(normalise(query), normalise(name))


def similarity(a: str, b: str, exact: bool = True) -> float:
    """The score of two normalised texts; with `exact` false a bound that is never below it,
    in linear time: the Indel ratio (longest common subsequence) in place of difflib's, which
    counts a subset of those matches and takes quadratic time."""
    if not a or not b:
        return 0.0
    if a == b:
        return 100.0
    ta, tb = set(a.split()), set(b.split())
    dice = 2 * len(ta & tb) / (len(ta) + len(tb))
    if exact:
        ratio = difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()
    else:
        ratio = Indel.normalized_similarity(a, b)
    return round(100 * (ratio + dice) / 2, 1)


# --- the Lucene query ------------------------------------------------------------------------


def _word_clauses(word: str, fuzzy: bool) -> list[str]:
    term = lucene_escape(word)
    clauses = [f"{term}^2"]
    if len(word) >= PREFIX_MIN:
        clauses.append(f"{term}*")
    if fuzzy:
        clauses.append(f"{term}~1")
    return clauses


def lucene_query(
    text: str, identifiers: dict[str, set[str]], near_misses: bool = False
) -> str | None:
    """Any word of the text (as a word or prefix; with `near_misses` also one edit away) or any
    identifier (an exact phrase in its own field, boosted so identified resources come first);
    None when nothing is left to look for."""
    # the words as written and as folded ("obs" and "openbaar basisschool")
    written = normalise(text).split()
    folded = fold(text).split() if written else []  # "&" alone folds to "en": no word written
    words = list(dict.fromkeys(written + folded))[:MAX_INDEX_WORDS]
    fuzzy = [w for w in words if len(w) >= FUZZY_MIN][:MAX_FUZZY_WORDS] if near_misses else []
    clauses = [c for w in words for c in _word_clauses(w, w in fuzzy)]
    clauses += [
        f'{PROPERTIES[pid].field}:"{lucene_escape(value)}"^100'
        for pid, values in sorted(identifiers.items())
        for value in sorted(values)
    ]
    return " OR ".join(clauses) or None


def prefix_lucene_query(prefix: str) -> str | None:
    """Every word of what the user typed so far, the last one as a prefix."""
    words = normalise(prefix).split()[:MAX_INDEX_WORDS]
    if not words:
        return None
    terms = [f"+{lucene_escape(w)}" for w in words[:-1]]
    terms.append(f"+{lucene_escape(words[-1])}*")
    return " ".join(terms)


# --- the time budget -------------------------------------------------------------------------


class Budget:
    """The time one request may take; the index read gets what is left as its timeout."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._ends = time.monotonic() + seconds

    def left(self) -> float:
        return self._ends - time.monotonic()

    def spent(self, where: str) -> ApiError:
        return ApiError(
            503,
            "time-budget",
            f"reconciliation stopped {where}: the request took longer than its budget of "
            f"{self.seconds:g} s (setting reconcile_time_budget_s); send fewer queries per batch",
        )

    def check(self, where: str) -> None:
        if self.left() <= 0:
            raise self.spent(where)


def _read(
    driver: Driver, database: str, name: str, budget: Budget, where: str, **params: Any
) -> list[neo4j.Record]:
    budget.check(where)
    query = get_query(name)
    try:
        records, _, _ = driver.execute_query(
            neo4j.Query(query.text, timeout=max(budget.left(), 0.001)),
            query.bind(params),
            database_=database,
            routing_=neo4j.RoutingControl.READ,
        )
    except ClientError as e:
        if e.code in TIMED_OUT:
            raise budget.spent(where) from e
        raise
    return records


# --- candidates and results ------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    iri: str
    type: str
    names: tuple[str, ...]
    identifiers: dict[str, tuple[str, ...]]
    description: str
    places: tuple[str, ...] = ()  # where it is: a municipality, a city
    parents: frozenset[str] = frozenset()  # IRIs of the organisations it is part of


@dataclass
class Scored:
    candidate: Candidate
    score: float
    name: str
    features: dict[str, float | bool] = field(default_factory=dict)
    identified: bool = False  # an identifier given in the query equals the candidate's


class Ref(BaseModel):
    """A type or property named by id, as the Reconciliation API shows one."""

    id: str
    name: str


class Feature(BaseModel):
    id: str
    value: float | bool


class ReconCandidate(BaseModel):
    id: str = Field(description="the entity's IRI")
    name: str
    description: str
    score: float = Field(description="0–100, how well the entity matches the query")
    match: bool = Field(description="true for the one candidate that can be taken unseen")
    type: list[Ref]
    features: list[Feature]


class QueryResults(BaseModel):
    result: list[ReconCandidate]


class Suggestion(BaseModel):
    id: str
    name: str
    description: str


class EntitySuggestion(Suggestion):
    notable: list[Ref] = Field(description="the entity's type")


def find_candidates(
    driver: Driver,
    database: str,
    searches: dict[str, tuple[str, list[str]]],
    limit: int,
    budget: Budget,
) -> dict[str, list[Candidate]]:
    """For each key, (Lucene query, type ids) → its best candidates of those types, in the
    index's order; one index read for all keys, then one read per type for the details."""
    if not searches:
        return {}
    rows = _read(
        driver, database, "reconcile.candidates", budget, "while searching the index",
        queries=[{"key": k, "lucene": q, "types": t} for k, (q, t) in searches.items()],
        pool=limit * INDEX_POOL_FACTOR,
        limit=limit,
    )  # fmt: skip
    hits: dict[str, list[tuple[str, str]]] = defaultdict(list)
    iris_by_type: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        hits[r["key"]].append((r["type"], r["iri"]))
        iris_by_type[r["type"]].add(r["iri"])
    details: dict[tuple[str, str], Candidate] = {}
    for type_id, iris in sorted(iris_by_type.items()):
        for r in _read(
            driver, database, TYPES[type_id].query, budget, "while reading the candidates",
            iris=sorted(iris),
        ):  # fmt: skip
            details[type_id, r["iri"]] = Candidate(
                iri=r["iri"],
                type=type_id,
                names=tuple(str(n) for n in r["names"] if n),
                identifiers={k: tuple(str(x) for x in v) for k, v in r["identifiers"].items()},
                description=", ".join(str(d) for d in r["description"] if d),
                places=tuple(str(p) for p in _field(r, "places") if p),
                parents=frozenset(str(p) for p in _field(r, "parents") if p)
                | _institution_of(r["identifiers"].get("brin") or []),
            )
    return {key: [details[h] for h in hits.get(key, []) if h in details] for key in searches}


def _institution_of(brins: list[Any]) -> frozenset[str]:
    """A location's institution by its BRIN code (18BR of 18BR01), whether or not the graph
    holds the link."""
    return frozenset(f"brin:{b[:4]}" for b in map(str, brins) if len(b) == 6)


def _keys(candidate: Candidate) -> set[str]:
    """What a sub-organisation's `parents` may name the candidate by: IRI, BRIN code."""
    return {candidate.iri} | {f"brin:{b}" for b in candidate.identifiers.get("brin", ())}


def _field(record: neo4j.Record, key: str) -> list[Any]:
    """A list column only some candidate queries return (places, parents)."""
    return list(record.get(key) or [])


def _identifier_values(query: ReconQuery) -> dict[str, set[str]]:
    """Normalised identifier values by property; values that are no valid identifier are
    dropped (they cannot equal a stored, normalised one). A query text that is one ORCID iD, ROR
    ID or DOI (kennisgraaf.graph.pids.recognise) counts as that identifier too."""
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
    pid = recognise(query.query or "")
    if pid is not None:  # the text itself is an ORCID iD, ROR ID or DOI, in any spelling
        found.setdefault(pid[0], set()).add(pid[1])
    return found


def _name_score(text: str, name: str, exact: bool, places: tuple[str, ...] = ()) -> float:
    """Two folded names' score: their similarity, or, when the text is a distinctive phrase of
    the name ("nassau college" of "openbaar scholengemeenschap dr nassau college voor …", as
    people shorten a school's name; the candidate's place names distinguish nothing: "universiteit
    utrecht" is no phrase of "theologische universiteit utrecht"), CONTAINED_SCORE and more the
    more of the name it covers."""
    found = similarity(text, name, exact)
    if text != name and contains_phrase(text, name) and distinctive(text, places):
        covered = len(text.split()) / len(name.split())
        found = max(found, round(CONTAINED_SCORE + (100 - CONTAINED_SCORE) * covered, 1))
    return found


def score(
    query: ReconQuery, candidate: Candidate, wanted: dict[str, set[str]], exact: bool = True
) -> Scored | None:
    """The candidate's score, or None below MIN_SCORE; with `exact` false an upper bound."""
    best_name, best = (candidate.names[0] if candidate.names else candidate.iri), 0.0
    placed = False
    text = fold(query.query or "")
    if text:
        unplaced = without_place(text, candidate.places) if candidate.places else None
        texts = [text] + ([unplaced] if unplaced else [])
        for name in candidate.names:
            folded = fold(name)
            for i, written in enumerate(texts):
                s = _name_score(written, folded, exact, candidate.places)
                if s > best:
                    best_name, best, placed = name, s, i == 1
    features: dict[str, float | bool] = {"name": best}
    if placed:
        features["place"] = True
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


def rank(
    query: ReconQuery, candidates: list[Candidate], wanted: dict[str, set[str]]
) -> list[ReconCandidate]:
    """The candidates scored, best first, cut to the query's limit, with the match flag.

    Exact scores cost quadratic time, so candidates are taken in the order of a cheap upper
    bound, and scoring stops once the next bound is below the `limit`-th exact score found:
    no candidate left could enter the results."""
    limit = query.limit or DEFAULT_LIMIT
    bounds = ((score(query, c, wanted, exact=False), c) for c in candidates)
    bounded = [(b.score, c) for b, c in bounds if b is not None]
    bounded.sort(key=lambda bc: -bc[0])
    scored: list[Scored] = []
    best: list[float] = []  # the `limit` best exact scores, a min-heap
    for bound, candidate in bounded:
        if len(best) == limit and bound < best[0]:
            break
        exact = score(query, candidate, wanted)
        if exact is not None:
            scored.append(exact)
            heapq.heappush(best, exact.score)
            if len(best) > limit:
                heapq.heappop(best)
    # An institution and its own locations named alike tie: the institution comes first, and
    # its locations are no rivals to it (the name says the institution, not which location).
    at_score: dict[float, set[str]] = defaultdict(set)
    for s in scored:
        at_score[s.score] |= _keys(s.candidate)
    scored.sort(
        key=lambda s: (
            -s.score,
            not s.identified,
            bool(s.candidate.parents & at_score[s.score]),
            s.name,
            s.candidate.iri,
        )
    )
    scored = scored[:limit]
    identified = [s for s in scored if s.identified]
    if identified:
        clear = len(identified) == 1
    else:
        top = _keys(scored[0].candidate) if scored else set()
        rivals = [s for s in scored[1:] if not top & s.candidate.parents]
        lead = scored[0].score - rivals[0].score if rivals else 100.0
        clear = bool(scored) and scored[0].score >= MATCH_SCORE and lead >= MATCH_LEAD
    return [
        ReconCandidate(
            id=s.candidate.iri,
            name=s.name,
            description=s.candidate.description,
            score=s.score,
            match=clear and i == 0,
            type=[Ref(id=s.candidate.type, name=TYPES[s.candidate.type].name)],
            features=[Feature(id=k, value=v) for k, v in s.features.items()],
        )
        for i, s in enumerate(scored)
    ]


def reconcile(
    driver: Driver,
    database: str,
    batch: dict[str, ReconQuery],
    limits: CostLimits | None = None,
) -> dict[str, QueryResults]:
    limits = limits or CostLimits()
    budget = Budget(limits.time_budget_s)
    wanted = {key: _identifier_values(query) for key, query in batch.items()}
    searches: dict[str, tuple[str, list[str]]] = {}
    for key, query in batch.items():
        type_ids = types_of(query, key)
        if query.type_strict == "all" and len(type_ids) > 1:
            continue  # the types are disjoint: nothing is of all of them
        lucene = lucene_query(query.query or "", wanted[key])
        if lucene is not None:
            searches[key] = (lucene, type_ids)
    found = find_candidates(driver, database, searches, limits.candidates, budget)
    # Near misses (one edit) cost the index several times more: only for the queries that
    # found nothing otherwise, e.g. every word misspelt.
    retry = {
        key: (lucene, searches[key][1])
        for key in searches
        if not found[key]
        and (lucene := lucene_query(batch[key].query or "", wanted[key], True)) is not None
        and lucene != searches[key][0]
    }
    found.update(find_candidates(driver, database, retry, limits.candidates, budget))
    results: dict[str, QueryResults] = {}
    for key, query in batch.items():
        budget.check(f"after {len(results)} of {len(batch)} queries")
        results[key] = QueryResults(result=rank(query, found.get(key, []), wanted[key]))
    return results


def suggest_entities(
    driver: Driver,
    database: str,
    prefix: str,
    type_ids: list[str],
    limit: int = 10,
    limits: CostLimits | None = None,
) -> list[EntitySuggestion]:
    """Entities with a name that starts with the prefix (whole name first, then any word)."""
    limits = limits or CostLimits()
    wanted = normalise(clip(prefix, limits.max_query_chars))
    lucene = prefix_lucene_query(wanted)
    if lucene is None:
        return []
    budget = Budget(limits.time_budget_s)
    found = find_candidates(
        driver, database, {"suggest": (lucene, type_ids)}, min(limit, SUGGEST_MAX), budget
    )
    ranked: list[tuple[int, str, Candidate]] = []
    for candidate in found["suggest"]:
        rank_of = None
        for name in candidate.names:
            norm = normalise(name)
            if norm.startswith(wanted):
                rank_of = 0
            elif (" " + norm).find(" " + wanted) >= 0 and rank_of is None:
                rank_of = 1
            if rank_of is not None:
                ranked.append((rank_of, name, candidate))
                break
    ranked.sort(key=lambda r: (r[0], r[1].casefold(), r[2].iri))
    return [
        EntitySuggestion(
            id=c.iri,
            name=name,
            description=c.description,
            notable=[Ref(id=c.type, name=TYPES[c.type].name)],
        )
        for _, name, c in ranked[:limit]
    ]


def suggest_from(options: dict[str, Any], prefix: str) -> list[Suggestion]:
    """Types or properties whose id or name starts with the prefix (any word of the name)."""
    wanted = normalise(prefix)
    return [
        Suggestion(id=o.id, name=o.name, description=o.description)
        for o in options.values()
        if not wanted
        or o.id.startswith(wanted)
        or any(w.startswith(wanted) for w in normalise(o.name).split())
        or normalise(o.name).startswith(wanted)
    ]
