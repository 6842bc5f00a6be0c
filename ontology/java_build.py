"""The small Java programs shipped with the ontology (owl-check/, jena-gate/): built by Maven on
first use into the build folder, once per version of their sources, and found there after."""

from __future__ import annotations

import fcntl
import hashlib
import shutil
import subprocess
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

from kennisgraaf.errors import ConfigurationError, OntologyError


def program(name: str, what: str) -> str:
    """The path of `name` on PATH; `what` says what needs it."""
    found = shutil.which(name)
    if found is None:
        raise ConfigurationError(f"'{name}' was not found on PATH; {what}")
    return found


def classpath(build_root: Path, folder: str, sources: Sequence[str], what: str) -> str:
    """Build the Maven project `folder` of the ontology package (its files `sources`) under
    `build_root` if this version of it was not built yet, and return its classpath. `what`
    names the program in messages."""
    package = resources.files("kennisgraaf.ontology") / folder
    texts = {rel: (package / rel).read_bytes() for rel in sources}
    digest = hashlib.sha256(b"".join(texts[rel] for rel in sources)).hexdigest()[:16]
    built = build_root / f"{folder}-{digest}"
    classpath_file = built / "classpath.txt"
    if not classpath_file.exists():
        with _exclusive(build_root / f"{folder}-{digest}.lock", what):
            if not classpath_file.exists():
                _build(built, texts, classpath_file, what)
    return f"{built / 'target' / 'classes'}:{classpath_file.read_text(encoding='utf-8').strip()}"


@contextmanager
def _exclusive(lock: Path, what: str) -> Iterator[None]:
    """Held while building, so two processes on a fresh machine build once."""
    try:
        lock.parent.mkdir(parents=True, exist_ok=True)
        handle = lock.open("a")
    except OSError as e:
        raise ConfigurationError(f"cannot write the {what}'s build to {lock.parent}: {e}") from e
    with handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def _build(folder: Path, texts: Mapping[str, bytes], classpath_file: Path, what: str) -> None:
    for rel, text in texts.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_bytes(text)
    maven = program("mvn", f"building the {what} needs Maven (it fetches its libraries once)")
    command = [maven, "-q", "-B", "compile", "dependency:build-classpath"]
    done = subprocess.run(
        [*command, f"-Dmdep.outputFile={classpath_file}"],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0 or not classpath_file.exists():
        output = (done.stdout + done.stderr).strip().splitlines()[-15:]
        raise OntologyError(
            f"building the {what} in {folder} failed (mvn exit {done.returncode}):\n"
            + "\n".join(output)
        )
