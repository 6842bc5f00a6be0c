"""The built wheel, installed in a clean virtual environment, works on its own."""

from __future__ import annotations

import subprocess
import sys
import venv
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
COMPONENTS = ["ontology", "graph", "loaders", "queries", "api", "sparql"]


def _run(*cmd: str | Path, cwd: Path | None = None) -> str:
    result = subprocess.run(
        [str(c) for c in cmd], capture_output=True, text=True, cwd=cwd, timeout=900, check=False
    )
    assert result.returncode == 0, f"{cmd} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def test_wheel_installs_and_runs_in_a_clean_venv(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    _run(sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", dist, REPO)
    (wheel,) = dist.glob("kennisgraaf-*.whl")

    names = zipfile.ZipFile(wheel).namelist()
    top_levels = {n.split("/")[0] for n in names if not n.split("/")[0].endswith(".dist-info")}
    assert top_levels == {"kennisgraaf"}
    for data in ("kennisgraaf/graph/launcher/pom.xml", "kennisgraaf/queries/server_version.cypher"):
        assert data in names

    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    py = env_dir / "bin" / "python"
    _run(py, "-m", "pip", "install", "-q", "-c", REPO / "constraints.txt", wheel)
    imports = "; ".join(f"import kennisgraaf.{c}" for c in COMPONENTS)
    # Run outside the repository so nothing but the installed wheel can be imported.
    _run(py, "-c", f"import kennisgraaf.cli; {imports}", cwd=tmp_path)
    out = _run(env_dir / "bin" / "kennisgraaf", "--help", cwd=tmp_path)
    assert "neo4j" in out and "version" in out
    assert "kennisgraaf 0.1.0" in _run(py, "-m", "kennisgraaf", "version", cwd=tmp_path)
    site = next((env_dir / "lib").glob("python3*/site-packages"))
    for component in COMPONENTS:
        assert not (site / component).exists(), f"top-level {component!r} leaked into site-packages"
