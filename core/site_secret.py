"""The site secret: the key of every keyed hash about people (opaque person IRIs, erasure
records), so nobody without it can test a guessed name against them.

From the `site_secret` setting, else from `{data_dir}/site-secret`, generated there (32 random
bytes, readable by the owner only) the first time it is needed. It belongs to one deployment
and is never part of the repository.
"""

from __future__ import annotations

import hmac
import os
import secrets
from functools import lru_cache
from pathlib import Path

from kennisgraaf.errors import ConfigurationError
from kennisgraaf.settings import Settings, get_settings

FILE_NAME = "site-secret"


def site_secret(settings: Settings | None = None) -> bytes:
    """The deployment's secret key (created on first use when no setting gives one)."""
    s = settings or get_settings()
    if s.site_secret:
        return s.site_secret.encode()
    return _stored(s.data_dir / FILE_NAME)


@lru_cache(maxsize=8)
def _stored(path: Path) -> bytes:
    try:
        text = path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        # Written whole under another name, then linked into place: a process that finds the
        # file finds it complete, and of two racing first uses one wins and both read it.
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{FILE_NAME}.{os.getpid()}.{secrets.token_hex(4)}")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as out:
            out.write(secrets.token_hex(32) + "\n")
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass
        finally:
            tmp.unlink()
        return _stored(path)
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigurationError(f"site secret file {path} is unreadable: {e}") from e
    if len(text) < 32:
        raise ConfigurationError(f"site secret file {path} holds fewer than 32 characters")
    return text.encode()


def keyed_hash(purpose: str, text: str, settings: Settings | None = None) -> str:
    """HMAC-SHA256 of `text` under the site secret, for one `purpose` (hex)."""
    message = f"{purpose}\0{text}".encode()
    return hmac.digest(site_secret(settings), message, "sha256").hex()
