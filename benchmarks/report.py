"""Machine facts, the results table and the "Load (issue 4)" section of BENCHMARKS.md."""

from __future__ import annotations

import json
import os
import platform
import subprocess
from importlib.metadata import version
from pathlib import Path
from typing import Any

TITLE = "# Benchmarks"
INTRO = (
    "Measurements of kennisgraaf on a stated machine, each section with the command that "
    "produced it. Sections are replaced when their benchmark is run again."
)
HEADING = "## Load (issue 4)"


def machine_facts(server: dict[str, Any], rdflib_python: Path) -> dict[str, Any]:
    cpu = "unknown"
    with Path("/proc/cpuinfo").open() as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with Path("/proc/meminfo").open() as f:
        mem_kib = int(next(line for line in f if line.startswith("MemTotal")).split()[1])
    probe = subprocess.run(
        [str(rdflib_python), "-c", "import json,importlib.metadata as m;"
         "print(json.dumps({p: m.version(p) for p in ('rdflib-neo4j','rdflib','neo4j')}))"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "ram_gib": round(mem_kib / 2**20, 1),
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "neo4j": f"{server.get('name', 'Neo4j')} {server.get('version')} {server.get('edition')}",
        "kennisgraaf side": {p: version(p) for p in ("kennisgraaf", "rdflib", "pyshacl",
                                                     "pyoxigraph", "neo4j")},
        "rdflib-neo4j side": json.loads(probe.stdout),
    }  # fmt: skip


def _rate(row: dict[str, Any]) -> float:
    return float(row["statements"]) / float(row["seconds"]) if row["seconds"] else 0.0


def table(rows: list[dict[str, Any]]) -> str:
    lines = [
        "| statements | round | system | seconds | statements/s | loaded | rejected | nodes | "
        "relationships | RSS after imports (MiB) | peak RSS (MiB) |",
        "|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['statements']:,} | {r.get('round', 1)} | {r['system']} | {r['seconds']:.1f} | "
            f"{_rate(r):,.0f} | "
            f"{r.get('loaded', '–')} | {r.get('rejected', '–')} | {r.get('nodes', '–')} | "
            f"{r.get('relationships', '–')} | {r['rss_after_imports_kib'] / 1024:.0f} | "
            f"{r['peak_rss_kib'] / 1024:.0f} |"
        )
    return "\n".join(lines)


# Issue 15, goal 1: validated load and writes only, as rates against rdflib-neo4j's.
GOALS = {100_000: "load ≥ 2×, writes ≥ 2.5×", 1_000_000: "load ≥ 3×, writes ≥ 3.5×"}


def _median_rows(rows: list[dict[str, Any]]) -> dict[tuple[int, str], dict[str, Any]]:
    """Per size and system, the row of the median time over the rounds (the lower middle one
    of an even count)."""
    grouped: dict[tuple[int, str], list[dict[str, Any]]] = {}
    for r in rows:
        grouped.setdefault((r["size"], r["system"]), []).append(r)
    return {
        key: sorted(found, key=lambda r: float(r["seconds"]))[(len(found) - 1) // 2]
        for key, found in grouped.items()
    }


def ratios(rows: list[dict[str, Any]]) -> str:
    """Rates against rdflib-neo4j's, each system's median round."""
    by = _median_rows(rows)
    systems = ["kennisgraaf validate", "kennisgraaf writes only"]
    header = (
        "| statements | kennisgraaf load / rdflib-neo4j (rate) | "
        "validation only / rdflib-neo4j (rate) | writes only, no gate / rdflib-neo4j (rate) "
    )
    if any(r["system"] == "kennisgraaf writes only (before)" for r in rows):
        systems.append("kennisgraaf writes only (before)")
        header += "| writes only before the change / rdflib-neo4j (rate) "
    lines = [header + "| goal (issue 15) |", "|---:|" + "---:|" * (len(systems) + 2)]
    for size in sorted({r["size"] for r in rows}):
        ours, theirs = by.get((size, "kennisgraaf load")), by.get((size, "rdflib-neo4j"))
        if not ours or not theirs:
            continue
        cells = []
        for system in systems:
            row = by.get((size, system))
            cells.append(f"{_rate(row) / _rate(theirs):.3f}×" if row else "–")
        lines.append(
            f"| {ours['statements']:,} | {_rate(ours) / _rate(theirs):.3f}× | "
            + " | ".join(cells)
            + f" | {GOALS.get(round(size, -5), '–')} |"
        )
    return "\n".join(lines)


def memory(rows: list[dict[str, Any]]) -> str:
    lines = ["| system | " + " | ".join(f"{s:,} statements" for s in _sizes(rows)) + " |"]
    lines.append("|---|" + "---:|" * len(_sizes(rows)))
    for system in dict.fromkeys(r["system"] for r in rows):
        cells = []
        for size in _sizes(rows):
            match = [r for r in rows if r["system"] == system and r["size"] == size]
            cells.append(
                f"{match[0]['peak_rss_kib'] / 1024:.0f} MiB "
                f"(+{(match[0]['peak_rss_kib'] - match[0]['rss_after_imports_kib']) / 1024:.0f})"
                if match
                else "–"
            )
        lines.append(f"| {system} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _sizes(rows: list[dict[str, Any]]) -> list[int]:
    return sorted({int(r["size"]) for r in rows})


def sweep_table(sweep: list[dict[str, Any]]) -> str:
    lines = [
        "| statements | batch size | seconds | statements/s | rejected | peak RSS (MiB) |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    for r in sweep:
        lines.append(
            f"| {r['statements']:,} | {r['batch_size']:,} | {r['seconds']:.1f} | {_rate(r):,.0f} "
            f"| {r['rejected']} | {r['peak_rss_kib'] / 1024:.0f} |"
        )
    return "\n".join(lines)


def section(command: str, batch_size: int, machine: dict[str, Any], rows: list[dict[str, Any]],
            sweep: list[dict[str, Any]]) -> str:  # fmt: skip
    facts = "\n".join(f"- {k}: {v}" for k, v in machine.items())
    parts = [
        HEADING,
        "",
        f"Command (from the repository root, project venv): `{command}`",
        "",
        "Data: `benchmarks/generate.py` (synthetic graph, shape of ontology/datasets/sample.ttl; "
        "conformance proved by `python -m benchmarks.check_generated`). kennisgraaf loads with "
        f"`LoadOptions(batch_size={batch_size})`; rdflib-neo4j with "
        "`HANDLE_VOCAB_URI_STRATEGY.IGNORE`, `batching=True`, batch size 5000, the "
        "`n10s_unique_uri` constraint, parsing the same N-Triples file with rdflib. Seconds are "
        "the load alone (no interpreter start-up); each run is its own process; peak RSS is its "
        "ru_maxrss, with the growth over the RSS after imports in brackets. Before measuring, "
        "each system loads the warm-up file (see Machine) into the same engine, turn about, not "
        "recorded: a fresh engine plans each query on first use and compiles its hot code over "
        "several loads, which whichever system ran first would pay for. With several rounds "
        "the systems' order is turned round every other round and the ratios compare each "
        "system's median round. *Writes only* is kennisgraaf's "
        "parse, mapping and Neo4j writes without the SHACL gate: the floor a load cannot go "
        "below, not a way to load.",
        "",
        "### Machine",
        "",
        facts,
        "",
        "### Rates",
        "",
        table(rows),
        "",
        "### Ratios (measured side by side)",
        "",
        ratios(rows),
        "",
        "### Peak memory by input size",
        "",
        memory(rows),
    ]
    if sweep:
        parts += ["", "### Validation only, by batch size", "", sweep_table(sweep)]
    return "\n".join(parts) + "\n"


def write_section(path: Path, text: str) -> None:
    """Replace this benchmark's section of the file (or add it), keeping every other section."""
    old = path.read_text(encoding="utf-8") if path.exists() else f"{TITLE}\n\n{INTRO}\n"
    start = old.find(HEADING + "\n")
    if start < 0:
        new = old.rstrip("\n") + "\n\n" + text
    else:
        following = old.find("\n## ", start + len(HEADING))
        rest = old[following + 1 :] if following >= 0 else ""
        new = old[:start] + text + ("\n" + rest if rest else "")
    path.write_text(new, encoding="utf-8")
