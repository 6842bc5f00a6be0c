"""Neo4j's offline importer (`neo4j-admin database import full`), run on a local engine's store.

The small entry point in `bulk-import/` runs the importer of the engine's own Neo4j version in a
JVM of its own; Maven builds it on first use, like the engine's launcher. The engine must be
stopped while it runs: the importer writes the database's store files directly.
"""

from __future__ import annotations

import os
import resource
import shlex
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from kennisgraaf.errors import Neo4jUnavailableError
from kennisgraaf.graph.bulk_csv import ARRAY_DELIMITER
from kennisgraaf.graph.local_engine import _JVM_OPENS, _tool, package_classpath

MAIN_CLASS = "nl.kennisgraaf.bulkimport.BulkImport"
_FILES = ("pom.xml", "src/main/java/nl/kennisgraaf/bulkimport/BulkImport.java")


def import_options(nodes: list[str], relationships: list[str], database: str) -> list[str]:
    """The importer's options for the CSV files bulk_csv.py writes."""
    return [
        *(f"--nodes={group}" for group in nodes),
        *(f"--relationships={group}" for group in relationships),
        f"--array-delimiter=U+{ord(ARRAY_DELIMITER):04X}",
        "--multiline-fields=true",
        "--id-type=string",
        "--overwrite-destination=true",
        database,
    ]


def admin_command(nodes: list[str], relationships: list[str], database: str) -> str:
    """The same import as a `neo4j-admin` command, for a Neo4j server this machine does not run."""
    options = import_options(nodes, relationships, database)
    return shlex.join(["neo4j-admin", "database", "import", "full", *options])


@dataclass(frozen=True)
class ImportRun:
    seconds: float
    peak_rss_mb: float  # the importer JVM's peak resident memory
    log: Path


class ImportTool:
    def __init__(self, build_root: Path, heap: str = "1g") -> None:
        self.build_root = build_root
        self.heap = heap

    def classpath(self) -> str:
        return package_classpath(self.build_root, "bulk-import", _FILES)

    def run(
        self, home: Path, nodes: list[str], relationships: list[str], database: str
    ) -> ImportRun:
        """Import into `database` of the (stopped) engine in `home`, replacing what it held."""
        java = _tool("java", os.environ.get("JAVA_HOME"))
        command = [
            java, f"-Xmx{self.heap}", *_JVM_OPENS, "-cp", self.classpath(), MAIN_CLASS,
            str(home), *import_options(nodes, relationships, database),
        ]  # fmt: skip
        log = home / "bulk-import.log"
        began = time.monotonic()
        with log.open("wb") as out:
            proc = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, cwd=home)
            _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        took = time.monotonic() - began
        if proc.returncode != 0:
            tail = "\n".join(log.read_text(errors="replace").splitlines()[-20:])
            raise Neo4jUnavailableError(
                f"Neo4j's importer failed (exit {proc.returncode}); see {log}:\n{tail}"
            )
        return ImportRun(took, usage.ru_maxrss / 1024, log)


def own_peak_rss_mb() -> float:
    """This process's peak resident memory so far."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
