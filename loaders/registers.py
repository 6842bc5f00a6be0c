"""The national registers as sources: which source a register file is, and which release.

Each register kind (``duo``, ``ror``, ``cbs-regions``) has a ``release.json`` beside its shipped
snapshot (data/registers/<dir>/): the publisher, the licence, and per file family (DUO ships vo,
po, so and board files) a stable source key (``register:duo:vo``), a title, the official download
page and a pattern of the family's file names; and the release of the shipped snapshot. Every
release of a family loads as the same source, so a newer one replaces the previous one
(pipeline.py), whatever its file is called.

The release is what ``--release`` names (a date ``YYYY-MM-DD`` or a version), else the snapshot's
(the file release.json describes, unchanged: same name and checksum), else unnamed: known by its
checksum only, and loaded under the file's name (or ``--source``) like any file, so an excerpt
never replaces a release by accident. The load describes it as a dcat:Distribution (licence,
publisher, version, issue date when known, derived from the download page); the Import node
points to it, so each statement of the register leads to its release through the import that
wrote it.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, OWL, RDF, XSD

from kennisgraaf import identifiers
from kennisgraaf.errors import InputError
from kennisgraaf.loaders import rdf_reader
from kennisgraaf.loaders.rdf_reader import Batch, Statement
from kennisgraaf.loaders.record_conversion import RdfTriple
from kennisgraaf.loaders.source_kind import Source
from kennisgraaf.ontology.terms import TermConverter

log = logging.getLogger(__name__)

PROV = Namespace("http://www.w3.org/ns/prov#")
# Register kind → its folder under data/registers.
FOLDERS = {"duo": "duo", "ror": "ror", "cbs-regions": "cbs"}
SHIPPED = Path(__file__).resolve().parents[1] / "data" / "registers"
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@dataclass(frozen=True)
class Family:
    kind: str
    family: str
    key: str  # the stable source name of every release of this family
    title: dict[str, str]  # language → title
    page: str  # the official download page
    publisher: str
    licence: str


@dataclass(frozen=True)
class Release:
    family: Family
    label: str  # the version or date the steward named, or "unnamed"
    issued: date | None
    checksum: str  # of the file
    # The source it loads as: the family's key for a named release (so it replaces the last
    # one); for an unnamed one what --source says, else (None) the file's name, as any file.
    source: str | None = None

    @property
    def named(self) -> bool:
        return self.label != "unnamed"

    def iri(self, base: str | None) -> URIRef:
        slug = re.sub(r"[^a-z0-9.]+", "-", self.label.casefold()).strip("-")[:60]
        if not self.named:
            slug = "sha256-" + self.checksum[:12]
        return identifiers.mint_iri("register", f"{self.family.key.replace(':', '-')}/{slug}", base)

    def triples(self, base: str | None) -> list[RdfTriple]:
        """The release as a dcat:Distribution of the register (and a prov:Entity)."""
        iri, family = self.iri(base), self.family
        version = self.label if self.named else f"unnamed (sha256 {self.checksum[:12]})"
        found: list[RdfTriple] = [
            (iri, RDF.type, DCAT.Distribution),
            (iri, RDF.type, PROV.Entity),
            (iri, DCTERMS.license, URIRef(family.licence)),
            (iri, DCTERMS.publisher, URIRef(family.publisher)),
            (iri, PROV.wasDerivedFrom, URIRef(family.page)),
            (iri, DCAT.accessURL, URIRef(family.page)),
            (iri, OWL.versionInfo, Literal(version)),
        ]
        found += [
            (iri, DCTERMS.title, Literal(f"{title} ({version})", lang=lang))
            for lang, title in sorted(family.title.items())
        ]
        if self.issued:
            found.append((iri, DCTERMS.issued, Literal(self.issued.isoformat(), datatype=XSD.date)))
        return found

    def as_json(self, base: str | None) -> dict[str, object]:
        return {
            "key": self.family.key,
            "release": self.label,
            "issued": self.issued.isoformat() if self.issued else None,
            "iri": str(self.iri(base)),
            "licence": self.family.licence,
            "publisher": self.family.publisher,
        }


def _metadata(kind: str, path: Path) -> dict[str, object] | None:
    """The kind's release.json: beside the file first (a snapshot), else the shipped one."""
    for folder in (path.parent, SHIPPED / FOLDERS[kind]):
        candidate = folder / "release.json"
        if candidate.is_file():
            data = json.loads(candidate.read_text(encoding="utf-8"))
            if isinstance(data, dict) and data.get("kind") == kind:
                return data
    return None


def _family(kind: str, data: dict[str, object], path: Path, source: str | None) -> Family:
    families = [f for f in data.get("families", []) if isinstance(f, dict)]  # type: ignore[attr-defined]
    chosen = next((f for f in families if f["key"] == source), None)
    if chosen is None:
        name = path.name.casefold()
        chosen = next((f for f in families if re.search(f["files"], name)), None)
    if chosen is None:
        keys = ", ".join(f["key"] for f in families)
        raise InputError(
            f"{path.name}: cannot tell which {kind} register file this is; name its family "
            f"with --source ({keys})"
        )
    return Family(
        kind, chosen["family"], chosen["key"], dict(chosen["title"]), chosen["page"],
        str(data["publisher"]), str(data["licence"]),
    )  # fmt: skip


def parse_issued(label: str) -> date | None:
    if not _DATE.fullmatch(label):
        return None
    try:
        return date.fromisoformat(label)
    except ValueError as e:
        raise InputError(f"--release {label!r} is no date (YYYY-MM-DD) or version") from e


def release_of(kind: str, path: Path, source: str | None, given: str | None) -> Release | None:
    """The release of a register file; None when `kind` is no register (or none is described)."""
    if kind not in FOLDERS:
        if given:
            raise InputError(f"--release names a register release; {kind!r} is no register kind")
        return None
    if not path.is_file():
        return None  # opening the source says so
    checksum = rdf_reader.checksum(path)
    data = _metadata(kind, path)
    if data is None:
        log.warning("%s: no release.json for the %s register; loaded as a plain source", path, kind)
        return None
    family = _family(kind, data, path, source)
    if given is not None:
        label = given.strip()
        if not label or len(label) > 100 or not label.isprintable():
            raise InputError("--release must be 1-100 printable characters")
        return Release(family, label, parse_issued(label), checksum, family.key)
    for entry in data.get("snapshot", []):  # type: ignore[attr-defined]
        if entry.get("file") == path.name and entry.get("sha256") == checksum:
            issued = entry.get("issued")
            return Release(
                family, str(entry["release"]), date.fromisoformat(issued) if issued else None,
                checksum, str(entry.get("key") or family.key),
            )  # fmt: skip
    # Unnamed, it replaces nothing unless --source says which family it is: an excerpt that
    # is not a release (one province, a test file) must not withdraw the release loaded.
    log.warning("%s: release unknown (name it with --release)", path.name)
    return Release(family, "unnamed", None, checksum, source)


@dataclass
class ReleasedSource:
    """A register file with its release: the file's statements, then one batch describing the
    release. The release is part of the version, so naming the release anew loads it again."""

    inner: Source
    release: Release
    base: str | None

    @property
    def format_name(self) -> str:
        return self.inner.format_name

    def checksum(self) -> str:
        if not self.release.named:  # the file's own, as the API names an upload's import by
            return self.inner.checksum()
        label = f"{self.inner.checksum()}\0{self.release.label}\0{self.release.issued}"
        return hashlib.sha256(label.encode()).hexdigest()

    def _statements(self) -> list[Statement]:
        terms = TermConverter()
        return [
            Statement(terms.term(s), terms.term(p), terms.term(o), None)  # type: ignore[arg-type]
            for s, p, o in self.release.triples(self.base)
        ]

    def count(self) -> int:
        # An empty file stays empty (and is refused): a release of nothing withdraws all.
        count = self.inner.count()
        return count + len(self._statements()) if count else 0

    def batches(self, batch_size: int) -> Iterator[Batch]:
        index = -1
        for batch in self.inner.batches(batch_size):
            index = batch.index
            yield batch
        yield Batch(index + 1, self._statements())

    def __getattr__(self, name: str) -> object:
        return getattr(self.inner, name)  # what the pipeline asks of a converted source
