"""Erasure ("recht op vergetelheid"): a person taken out of the graph and everything derived
from it, their questions and studies kept under a stand-in that shows only their role.

Under the database's writer lease, in one transaction: the person's node gets an opaque IRI
(`id/person/erased/{keyed hash}`) and loses every literal each source gave it (a placeholder
name stays, as every person has one; without consent the stand-in is shown by role only); the
resources linked to them whose IRI spells their key (their memberships) get opaque IRIs too,
so their roles remain; the bookkeeping nodes (import records, batch reports, the SPARQL
projection's change records) have the person's IRIs and identifiers replaced; the current
imports of the sources involved are marked amended, which gives the graph a new version (caches
and the SPARQL projection follow) and makes a reload of the same file run again rather than be
skipped. An `Erasure` record keeps who asked, when, and
keyed hashes (kennisgraaf.site_secret) of the key, the erased IRIs and identifiers — never the
identifiers themselves — so later loads keep the person out (graph/erasure_map.py). Then the
quarantine files are rewritten (graph/erasure_files.py). Dumps, search and the public views
read the graph, so they follow.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from neo4j import Driver, ManagedTransaction

from kennisgraaf.errors import InputError
from kennisgraaf.graph.erasure_files import Scrubber, scrub_files
from kennisgraaf.graph.erasure_map import ERASED_NAME, FOAF_NAME, NAMES, Hasher
from kennisgraaf.graph.lease import WriterLease
from kennisgraaf.graph.literals import XSD_STRING, parse_key, property_key
from kennisgraaf.graph.provenance import merged_state, split_provenance
from kennisgraaf.queries.registry import get_query
from kennisgraaf.settings import get_settings

OPAQUE = ("anon/", "orcid/", "erased/")  # person keys that spell no name


@dataclass
class ErasureResult:
    id: str
    found: bool  # the graph held the person
    stand_in: str | None  # what their questions and studies now point at
    renamed: int = 0  # resources besides the person given an opaque IRI
    imports: list[str] = field(default_factory=list)  # imports amended
    records: int = 0  # import records and batch reports rewritten
    files: list[str] = field(default_factory=list)  # quarantine files rewritten


def person_iri(key: str, base_iri: str) -> str:
    """A person's IRI from a key: the IRI itself, or its path below `{base}id/person/`."""
    key = key.strip()
    if not key:
        raise InputError("a person's key is required (e.g. 'anon/3e12453277' or an IRI)")
    if key.startswith(("http://", "https://")):
        return key
    return f"{base_iri}id/person/{key.strip('/')}"


def _slug(iri: str, base_iri: str) -> str:
    """The part of the person's IRI that may spell their name in other IRIs ('' if opaque)."""
    local = iri.removeprefix(f"{base_iri}id/person/")
    if local == iri or local.startswith(OPAQUE):
        return ""
    last = local.rsplit("/", 1)[-1]
    return last if len(last) >= 4 else ""


def erase_person(
    driver: Driver,
    database: str,
    base_iri: str,
    key: str,
    by: str,
    natural: dict[str, str],
    quarantine: Iterable[Path] = (),
    hasher: Hasher | None = None,
) -> ErasureResult:
    """Erase the person `key` names (see the module); `by` says who asked."""
    hasher = hasher or Hasher()
    iri = person_iri(key, base_iri)
    settings = get_settings()
    with (
        WriterLease(
            driver,
            database,
            "erasure of a person",
            duration_s=settings.load_lease_s,
            wait_s=settings.load_lease_wait_s,
        ),
        driver.session(database=database) as session,
    ):
        result, scrubber = session.execute_write(
            _erase, iri, _slug(iri, base_iri), key, by, natural, base_iri, hasher
        )
    result.files = [str(p) for p in scrub_files(quarantine, scrubber)]
    return result


def _erase(
    tx: ManagedTransaction,
    iri: str,
    slug: str,
    key: str,
    by: str,
    natural: dict[str, str],
    base_iri: str,
    hasher: Hasher,
) -> tuple[ErasureResult, Scrubber]:
    at = datetime.now(UTC).isoformat()
    stand_in = f"{base_iri}id/person/erased/{hasher.stand_in(iri)}"
    erasure_id = secrets.token_hex(8)
    row = tx.run(get_query("erasure.person").text, iri=iri, slug=slug).single()
    if row is not None and "Person" not in row["labels"]:
        raise InputError(f"{iri} is not a person; only people are erased")
    renames = {iri: stand_in}
    values: set[str] = set()
    keys: list[str] = []
    if row is not None:
        for other in row["renamed"]:
            if other != iri:
                renames[other] = f"{base_iri}id/erased/{hasher.stand_in(other)}"
        keys = list(row["keys"]) + list(row["props"].get("_sources") or [])
        values = _identifiers(dict(row["props"]), natural)
    result = ErasureResult(erasure_id, row is not None, stand_in if row is not None else None)
    if row is not None:
        tx.run(
            get_query("erasure.rename").text,
            rows=[{"old": old, "new": new} for old, new in renames.items()],
        ).consume()
        result.renamed = len(renames) - 1
        props, labels = _stand_in_state(stand_in, dict(row["props"]), natural)
        tx.run(
            get_query("load.write_nodes").text,
            rows=[{"iri": stand_in, "props": props, "labels": sorted(labels), "drop": []}],
        ).consume()
        result.imports = [
            r["id"]
            for r in tx.run(get_query("erasure.amend_imports").text, keys=sorted(set(keys)), at=at)
        ]
    scrubber = Scrubber(renames, values)
    result.records = _scrub_bookkeeping(tx, scrubber)
    mapping = {hasher.iri(old): [new, old == iri] for old, new in renames.items()}
    tx.run(
        get_query("erasure.record").text,
        id=erasure_id,
        at=at,
        by=by,
        key_hash=hasher.value(key),
        stand_in=stand_in,
        map=json.dumps(mapping, sort_keys=True),
        identifiers=sorted({h for v in values for h in hasher.values(v)}),
        imports=result.imports,
    ).consume()
    return result, scrubber


def _identifiers(props: dict[str, Any], natural: dict[str, str]) -> set[str]:
    """The person's names and identifiers, as every source gave them."""
    snaps, _ = split_provenance(props)
    return {
        lexical
        for snap in snaps.values()
        for prop, lexical in snap.literals
        if parse_key(prop, natural)[0] in NAMES and len(lexical.strip()) >= 3
    }


def _stand_in_state(
    stand_in: str, props: dict[str, Any], natural: dict[str, str]
) -> tuple[dict[str, Any], set[str]]:
    """The stand-in's stored state: each source's classes, no literals but the placeholder name
    (given by the sources that named the person, or by the first)."""
    snaps, imports = split_provenance(props)
    name = (property_key(FOAF_NAME, None, None, natural.get(FOAF_NAME, XSD_STRING)), ERASED_NAME)
    named = [k for k, snap in snaps.items() if any(p == name[0] for p, _ in snap.literals)]
    for k in named or sorted(snaps)[:1]:
        snaps[k].literals = {name}
    for k in set(snaps) - set(named or sorted(snaps)[:1]):
        snaps[k].literals = set()
    return merged_state(stand_in, snaps, imports, natural)


def _scrub_bookkeeping(tx: ManagedTransaction, scrubber: Scrubber) -> int:
    rows = []
    for r in tx.run(get_query("erasure.bookkeeping").text):
        for name, value in dict(r["props"]).items():
            if isinstance(value, str) and (scrubbed := _scrubbed_text(scrubber, value)):
                rows.append({"id": r["id"], "key": name, "value": scrubbed})
            elif isinstance(value, list) and any(isinstance(v, str) for v in value):
                texts = [scrubber.text(v) if isinstance(v, str) else v for v in value]
                if texts != value:
                    rows.append({"id": r["id"], "key": name, "value": texts})
    if rows:
        tx.run(get_query("erasure.set_bookkeeping").text, rows=rows).consume()
    return len({r["id"] for r in rows})


def _scrubbed_text(scrubber: Scrubber, value: str) -> str | None:
    """A bookkeeping text (often JSON, where a name may be escaped) with erased parts replaced;
    None when it mentions none."""
    try:
        parsed = json.loads(value)
    except ValueError:
        return scrubber.text(value) if scrubber.mentions(value) else None
    scrubbed = scrubber.json(parsed)
    if scrubbed == parsed:
        return None
    return json.dumps(scrubbed, ensure_ascii=False, separators=(",", ":"))
