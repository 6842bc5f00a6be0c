"""API tokens: created by the CLI, stored hashed, compared in constant time, scoped.

A token is 32 random bytes (URL-safe text). Only its SHA-256 is stored — a random token of that
length needs no slow hash — in `{data_dir}/tokens.json`, with a name and its scopes
(`query`: read-only Cypher; `write`: imports; `restricted`: restricted personal data in
/cypher and the authorised resource route, see README "Personal data").
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from fastapi import Request

from kennisgraaf.api.errors import ApiError
from kennisgraaf.errors import ConfigurationError

SCOPES = ("query", "write", "restricted")
PREFIX = "kg_"


@dataclass(frozen=True)
class TokenRecord:
    name: str
    sha256: str
    scopes: tuple[str, ...]
    created: str


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _read(path: Path) -> list[TokenRecord]:
    if not path.exists():
        return []
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))
        return [TokenRecord(r["name"], r["sha256"], tuple(r["scopes"]), r["created"]) for r in rows]
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise ConfigurationError(f"token file {path} is unreadable: {e}") from e


def create_token(path: Path, name: str, scopes: list[str]) -> str:
    """Store a new token's hash and return the token (shown once, never stored)."""
    unknown = sorted(set(scopes) - set(SCOPES))
    if unknown or not scopes:
        raise ConfigurationError(f"scopes must be among {', '.join(SCOPES)}; got {scopes}")
    token = PREFIX + secrets.token_urlsafe(32)
    records = [r for r in _read(path) if r.name != name]
    records.append(
        TokenRecord(name, _digest(token), tuple(sorted(set(scopes))), datetime.now(UTC).isoformat())
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps([r.__dict__ for r in records], indent=2), encoding="utf-8")
    tmp.chmod(0o600)
    tmp.replace(path)
    return token


def find_token(path: Path, token: str) -> TokenRecord | None:
    digest = _digest(token)
    found = None
    for record in _read(path):
        # Compare against every record, so timing says nothing about which one matched.
        if hmac.compare_digest(record.sha256, digest):
            found = record
    return found


def bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


def require_scope(request: Request, scope: str) -> TokenRecord:
    """The token's record, or a 401/403 refusal; tokens live in the app's data directory."""
    token = bearer(request)
    if token is None:
        raise ApiError(
            401, "unauthenticated", f"this needs a bearer token with the {scope!r} scope"
        )
    record = find_token(tokens_path(request.app.state.settings.data_dir), token)
    if record is None:
        raise ApiError(401, "unauthenticated", "the bearer token is not valid")
    if scope not in record.scopes:
        raise ApiError(403, "forbidden", f"the token lacks the {scope!r} scope")
    return record


def tokens_path(data_dir: Path) -> Path:
    return data_dir / "tokens.json"
