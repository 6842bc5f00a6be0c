"""What a load or a validation is asked to do (the CLI's and the API's options)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kennisgraaf.graph.lease import Waiting


@dataclass
class LoadOptions:
    base_iri: str
    batch_size: int = 20_000
    lang: str = "en"
    quarantine_dir: Path = Path("quarantine")
    source: str | None = None
    format: str | None = None
    kind: str = "rdf"
    mapping: Path | None = None
    release: str | None = None  # a register file's release (registers.py), as a steward names it
    # The writer lease (graph/lease.py); None: the settings' load_lease_s / load_lease_wait_s.
    lease_s: float | None = None
    lease_wait_s: float | None = None
    on_lease_wait: Waiting | None = None  # told which load is running while this one waits
