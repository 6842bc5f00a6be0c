"""Which import a load is. An import is its source's name, its file's checksum and the model it
was validated with: loading the same version of a source again is a no-op, and new shapes or
mapping rules load every source afresh."""

from __future__ import annotations

import hashlib
import unicodedata
from functools import lru_cache
from importlib import resources
from pathlib import Path

from kennisgraaf.errors import InputError

# Bump when the mapping rules change: every source then loads afresh instead of "unchanged".
MAPPING_VERSION = "1"
MAX_SOURCE_NAME = 200


@lru_cache(maxsize=1)
def model_fingerprint() -> str:
    """The mapping version and the model files: new shapes or ranges mean a new import."""
    digest = hashlib.sha256(MAPPING_VERSION.encode())
    model = resources.files("kennisgraaf.ontology")
    for name in ("kennisgraaf.ttl", "vocabularies.ttl", "shapes.ttl"):
        digest.update((model / name).read_bytes())
    return digest.hexdigest()[:16]


def import_id_of(source: str, digest: str) -> str:
    """Same source, same content, same model: same import (so loading again is a no-op)."""
    key = f"{source}\0{digest}\0{model_fingerprint()}"
    return hashlib.sha256(key.encode()).hexdigest()[:20]


def source_name(given: str | None, path: Path) -> str:
    """The source's name (`--source`, else the file's name). It goes into log lines, reports,
    quarantine file names and the graph's provenance, so control characters (a line break
    would forge a log line) and overlong names are refused."""
    name = given or path.name
    if not name or len(name) > MAX_SOURCE_NAME:
        raise InputError(f"source name must be 1-{MAX_SOURCE_NAME} characters, not {len(name)}")
    bad = next((c for c in name if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp")), None)
    if bad is not None:
        raise InputError(f"source name {name!r} contains the control character {bad!r}")
    return name
