"""The audit log of restricted data: one JSON line per authorised read or erasure.

Who (a token's name and the start of its stored hash — never the token — or the command
line's user), when, which route or command, which resources. Written to the `audit_log`
setting, else `{data_dir}/audit/restricted.log`, created readable by its owner only; appended
under a lock, one `write` per line, so concurrent requests never interleave a line. Callers are
plain `def` routes (run in the thread pool) and commands: the write never blocks an event loop.
"""

from __future__ import annotations

import getpass
import json
import os
import threading
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kennisgraaf.api.auth import TokenRecord
from kennisgraaf.errors import ConfigurationError
from kennisgraaf.settings import Settings

MAX_RESOURCES = 1000  # listed per line; `resources_total` counts them all
_lock = threading.Lock()


def audit_path(settings: Settings) -> Path:
    return settings.audit_log or settings.data_dir / "audit" / "restricted.log"


def token_actor(record: TokenRecord) -> dict[str, str]:
    return {"who": record.name, "token": record.sha256[:12]}


def cli_actor() -> dict[str, str]:
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = str(os.getuid())
    return {"who": f"command line ({user})"}


def audit(
    settings: Settings,
    actor: dict[str, str],
    route: str,
    resources: Iterable[str],
    **detail: Any,
) -> None:
    """Append one line to the audit log (a ConfigurationError if it cannot be written: a
    restricted read is not served unlogged)."""
    listed = sorted(set(resources))
    line = {
        "at": datetime.now(UTC).isoformat(),
        **actor,
        "route": route,
        "resources": listed[:MAX_RESOURCES],
        "resources_total": len(listed),
        **detail,
    }
    data = (json.dumps(line, ensure_ascii=False) + "\n").encode()
    path = audit_path(settings)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with _lock:
            fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                os.write(fd, data)
            finally:
                os.close(fd)
    except OSError as e:
        raise ConfigurationError(f"the audit log {path} cannot be written: {e}") from e


def iris_in(value: object) -> set[str]:
    """The IRIs of the nodes in query results (maps with an `iri`), however nested."""
    found: set[str] = set()
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            iri = item.get("iri")
            if isinstance(iri, str):
                found.add(iri)
            stack.extend(item.values())
        elif isinstance(item, list | tuple):
            stack.extend(item)
    return found


def read_audit(settings: Settings) -> list[dict[str, Any]]:
    """The audit log's lines (for the steward and tests)."""
    path = audit_path(settings)
    if not path.exists():
        return []
    try:
        return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x]
    except (OSError, ValueError) as e:
        raise ConfigurationError(f"the audit log {path} is unreadable: {e}") from e
