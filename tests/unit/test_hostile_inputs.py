"""Every hostile input (tests/hostile_inputs.py) is refused with a clear error naming the file,
the line and the limit — through `validate_file` and through the CLI, which exits 2 with no
traceback and does not die (a segfault would be exit 139)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kennisgraaf.errors import InputError
from kennisgraaf.loaders.pipeline import LoadOptions, validate_file
from kennisgraaf.settings import get_settings
from tests.hostile_inputs import CASES, HostileCase

MAPPINGS = Path(__file__).resolve().parents[2] / "loaders" / "mappings"
BASE = "https://example.org/"


def _mapping(case: HostileCase) -> Path | None:
    return MAPPINGS / case.mapping if case.mapping else None


@pytest.fixture
def limits_of(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_validate_file_refuses_with_file_line_and_limit(
    case: HostileCase, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, limits_of: None
) -> None:
    for variable, value in case.env().items():
        monkeypatch.setenv(variable, value)
    get_settings.cache_clear()
    path = case.write(tmp_path)
    options = LoadOptions(
        base_iri=BASE, quarantine_dir=tmp_path / "q", kind=case.kind, mapping=_mapping(case)
    )
    with pytest.raises(InputError) as caught:
        validate_file(path, options)
    message = str(caught.value)
    assert path.name in message
    for expected in case.expect:
        assert expected in message, message


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_cli_validate_exits_2_with_a_clear_message(case: HostileCase, tmp_path: Path) -> None:
    path = case.write(tmp_path)
    command = [sys.executable, "-m", "kennisgraaf", "validate", str(path), "--kind", case.kind]
    if case.mapping:
        command += ["--mapping", str(_mapping(case))]
    env = {**os.environ, **case.env(), "KENNISGRAAF_DATA_DIR": str(tmp_path / "data")}
    done = subprocess.run(
        command, capture_output=True, text=True, env=env, timeout=300, cwd=tmp_path, check=False
    )
    output = " ".join((done.stdout + done.stderr).split())  # the console wraps long lines
    assert done.returncode == 2, (done.returncode, output[-2000:])
    assert "Traceback" not in output
    for expected in case.expect:
        assert expected in output, output[-2000:]
