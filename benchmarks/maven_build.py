"""Compiling a benchmark's own Java project with Maven, outside the repository."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path


def classpath(project: Path, build_dir: Path) -> str:
    """Copy `project` to `build_dir`, compile it there (Maven skips what is up to date) and
    return its classpath: its classes and its dependencies from Maven's cache."""
    classpath_file = build_dir / "classpath.txt"
    shutil.copytree(project, build_dir, dirs_exist_ok=True)
    subprocess.run(
        ["mvn", "-q", "-B", "compile", "dependency:build-classpath",
         f"-Dmdep.outputFile={classpath_file}"],
        cwd=build_dir, check=True,
    )  # fmt: skip
    return f"{build_dir / 'target' / 'classes'}:{classpath_file.read_text().strip()}"
