"""The local Neo4j Community engine: built by Maven on first use, run as a child process.

The engine runs the small Java launcher in `launcher/` with Bolt on 127.0.0.1 only. By default
it has no authentication, so loopback is its only protection; given a password it requires one
(user `neo4j`), as a production server does — what tests of an authenticated connection start.
A PID file in the engine's home
lets later CLI calls find it; a PID file left by a killed engine is detected and cleared.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import logging
import os
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from neo4j import GraphDatabase
from neo4j.exceptions import DriverError, Neo4jError

from kennisgraaf.errors import ConfigurationError, Neo4jUnavailableError
from kennisgraaf.settings import get_settings

log = logging.getLogger(__name__)

LAUNCHER_CLASS = "nl.kennisgraaf.launcher.Launcher"
_LAUNCHER_FILES = ("pom.xml", "src/main/java/nl/kennisgraaf/launcher/Launcher.java")
# Neo4j's off-heap and reflective access on Java 17+.
_JVM_OPENS = (
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.util=ALL-UNNAMED",
)


@dataclass(frozen=True)
class EngineStatus:
    running: bool
    pid: int | None
    uri: str
    home: Path
    stale_pid_cleared: bool = False
    started_now: bool = False
    seconds_to_ready: float | None = None


def _tool(name: str, env_home: str | None = None) -> str:
    if env_home:
        candidate = Path(env_home) / "bin" / name
        if candidate.exists():
            return str(candidate)
    found = shutil.which(name)
    if not found:
        raise ConfigurationError(
            f"'{name}' was not found on PATH; the local Neo4j needs Java 17+ and Maven "
            "(or set NEO4J_URI to use an external Neo4j)"
        )
    return found


def pid_alive(pid: int) -> bool:
    """Whether process `pid` runs: an exited child of ours (a zombie) does not count."""
    # Reap it first if it is our own exited child, so a zombie does not look alive.
    with contextlib.suppress(ChildProcessError, OSError):
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done == pid:
            return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    stat = Path(f"/proc/{pid}/stat")
    if stat.exists():
        with contextlib.suppress(OSError):
            return stat.read_text().split(")")[-1].split()[0] != "Z"
    return True


def _is_our_engine(pid: int, home: Path) -> bool:
    cmdline = Path(f"/proc/{pid}/cmdline")
    if not cmdline.exists():  # not Linux: trust the PID file
        return pid_alive(pid)
    try:
        args = cmdline.read_bytes().split(b"\0")
    except OSError:
        return False
    return LAUNCHER_CLASS.encode() in args and str(home).encode() in args


def _port_open(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


AUTH_PASSWORD_ENV = "KENNISGRAAF_NEO4J_AUTH_PASSWORD"  # noqa: S105 (a variable name)
READY_LINE = b"kennisgraaf-neo4j ready"


def bolt_answers(uri: str, timeout_s: float = 2.0, auth: tuple[str, str] | None = None) -> bool:
    """True when a Bolt server answers at `uri` (local engine readiness), logging in with
    `auth` when given."""
    try:
        with GraphDatabase.driver(uri, auth=auth, connection_timeout=timeout_s) as driver:
            driver.verify_connectivity()
    except (DriverError, Neo4jError, OSError):
        return False
    return True


class LocalEngine:
    """One local engine: a home directory (store, logs, PID file) and a loopback port."""

    def __init__(
        self,
        home: Path,
        port: int,
        *,
        build_root: Path,
        heap: str = "1g",
        page_cache_mb: int = 256,
        password: str | None = None,
    ) -> None:
        if password is not None and len(password) < 8:
            raise ConfigurationError("the local Neo4j's password needs at least 8 characters")
        self.home = home
        self.port = port
        self.build_root = build_root
        self.heap = heap
        self.page_cache_mb = page_cache_mb
        self.password = password

    @property
    def auth(self) -> tuple[str, str] | None:
        """What a client logs in with (None: the engine requires no authentication)."""
        return None if self.password is None else ("neo4j", self.password)

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.port}"

    @property
    def pid_file(self) -> Path:
        return self.home / "engine.pid"

    @property
    def log_file(self) -> Path:
        return self.home / "engine.log"

    # -- build -------------------------------------------------------------------------------
    def launcher_classpath(self) -> str:
        """Build the launcher if needed (once per launcher version) and return its classpath."""
        return package_classpath(self.build_root, "launcher", _LAUNCHER_FILES)

    # -- lifecycle ---------------------------------------------------------------------------
    def _read_pid(self) -> int | None:
        try:
            return int(self.pid_file.read_text().strip())
        except (OSError, ValueError):
            return None

    def status(self) -> EngineStatus:
        pid = self._read_pid()
        running = pid is not None and pid_alive(pid) and _is_our_engine(pid, self.home)
        return EngineStatus(
            running=running, pid=pid if running else None, uri=self.uri, home=self.home
        )

    def start(self, *, timeout_s: float = 180.0, exit_with_pid: int | None = None) -> EngineStatus:
        """Start the engine and wait until Bolt answers; a no-op when it already runs."""
        current = self.status()
        if current.running:
            return current
        stale = self.pid_file.exists()
        if stale:
            log.warning("clearing a stale PID file %s (engine no longer runs)", self.pid_file)
            self.pid_file.unlink(missing_ok=True)
        if _port_open(self.port):
            raise Neo4jUnavailableError(
                f"port {self.port} on 127.0.0.1 is already taken by another process; "
                "set KENNISGRAAF_NEO4J_PORT to a free port or stop that process"
            )
        self.home.mkdir(parents=True, exist_ok=True)
        cmd, env = self._command(exit_with_pid)
        began = time.monotonic()
        with self.log_file.open("ab") as out:
            log_start = out.tell()
            proc = subprocess.Popen(
                cmd,
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                cwd=self.home,
                env=env,
                start_new_session=True,
            )
        self.pid_file.write_text(str(proc.pid))
        self._wait_ready(proc, began, timeout_s, log_start)
        took = time.monotonic() - began
        log.info("local Neo4j ready at %s after %.1f s", self.uri, took)
        return EngineStatus(
            running=True,
            pid=proc.pid,
            uri=self.uri,
            home=self.home,
            stale_pid_cleared=stale,
            started_now=True,
            seconds_to_ready=took,
        )

    def _command(self, exit_with_pid: int | None) -> tuple[list[str], dict[str, str]]:
        """The launcher's command line and environment (the password only in the latter)."""
        java = _tool("java", os.environ.get("JAVA_HOME"))
        cmd = [
            java,
            f"-Xmx{self.heap}",
            "-XX:+UseG1GC",
            *_JVM_OPENS,
            "-cp",
            self.launcher_classpath(),
            LAUNCHER_CLASS,
            "--home",
            str(self.home),
            "--port",
            str(self.port),
            "--page-cache-mb",
            str(self.page_cache_mb),
        ]
        if exit_with_pid is not None:
            cmd += ["--exit-with-pid", str(exit_with_pid)]
        env = dict(os.environ)
        env.pop(AUTH_PASSWORD_ENV, None)
        if self.password is not None:
            cmd.append("--auth")
            env[AUTH_PASSWORD_ENV] = self.password
        return cmd, env

    def _wait_ready(
        self, proc: subprocess.Popen[bytes], began: float, timeout_s: float, log_start: int = 0
    ) -> None:
        while time.monotonic() - began < timeout_s:
            if proc.poll() is not None:
                self.pid_file.unlink(missing_ok=True)
                raise Neo4jUnavailableError(
                    f"the local Neo4j exited with code {proc.returncode} while starting; "
                    f"last lines of {self.log_file}:\n{self._log_tail()}"
                )
            # With authentication, no login is tried before the launcher has set the password
            # (it says so in its log): failed logins would lock the user for a while.
            if (
                _port_open(self.port)
                and (self.password is None or self._said_ready(log_start))
                and bolt_answers(self.uri, auth=self.auth)
            ):
                return
            time.sleep(0.2)
        self.stop()
        raise Neo4jUnavailableError(
            f"the local Neo4j did not answer on {self.uri} within {timeout_s:.0f} s; "
            f"see {self.log_file}:\n{self._log_tail()}"
        )

    def _said_ready(self, log_start: int) -> bool:
        try:
            with self.log_file.open("rb") as f:
                f.seek(log_start)
                return READY_LINE in f.read()
        except OSError:
            return False

    def _log_tail(self, lines: int = 15) -> str:
        try:
            return "\n".join(self.log_file.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def stop(self, *, timeout_s: float = 60.0) -> bool:
        """Stop the engine (SIGTERM, SIGKILL after the timeout); False if it was not running."""
        pid = self._read_pid()
        if pid is None or not pid_alive(pid) or not _is_our_engine(pid, self.home):
            self.pid_file.unlink(missing_ok=True)
            return False
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout_s
        while pid_alive(pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        if pid_alive(pid):
            log.warning("local Neo4j did not stop within %.0f s; killing it", timeout_s)
            os.kill(pid, signal.SIGKILL)
            while pid_alive(pid):
                time.sleep(0.1)
        self.pid_file.unlink(missing_ok=True)
        return True


def package_classpath(build_root: Path, folder: str, files: tuple[str, ...]) -> str:
    """Build the Maven project `folder` of this package (its `files`) under `build_root` if this
    version of it was not built yet (the launcher, the bulk importer), and return its classpath."""
    sources = resources.files("kennisgraaf.graph") / folder
    texts = {rel: (sources / rel).read_bytes() for rel in files}
    digest = hashlib.sha256(b"".join(texts[rel] for rel in files)).hexdigest()[:16]
    build_dir = build_root / f"{folder}-{digest}"
    classpath_file = build_dir / "target" / "classpath.txt"
    classes = build_dir / "target" / "classes"
    if not classpath_file.exists():
        # Two engines starting at once on a fresh machine (two test workers, two commands)
        # would run Maven in the same folder: the second waits for the first's build.
        with _build_lock(build_root, digest):
            if not classpath_file.exists():
                _build_launcher(build_dir, texts, classpath_file)
    return f"{classes}{os.pathsep}{classpath_file.read_text().strip()}"


def _unwritable(folder: Path, e: OSError) -> ConfigurationError:
    return ConfigurationError(f"cannot write the Neo4j launcher build to {folder}: {e}")


@contextmanager
def _build_lock(build_root: Path, digest: str) -> Iterator[None]:
    try:
        build_root.mkdir(parents=True, exist_ok=True)
        handle = (build_root / f"launcher-{digest}.lock").open("a")
    except OSError as e:
        raise _unwritable(build_root, e) from e
    with handle:
        fcntl.flock(handle, fcntl.LOCK_EX)  # released when the file closes, or the holder dies
        yield


def _build_launcher(build_dir: Path, texts: dict[str, bytes], classpath_file: Path) -> None:
    try:
        for rel, data in texts.items():
            target = build_dir / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    except OSError as e:
        raise _unwritable(build_dir, e) from e
    mvn = _tool("mvn", os.environ.get("MAVEN_HOME"))
    log.info("building the Neo4j launcher with Maven in %s", build_dir)
    result = subprocess.run(
        [mvn, "-q", "-B", "compile", "dependency:build-classpath",
         f"-Dmdep.outputFile={classpath_file}"],
        cwd=build_dir,
        capture_output=True,
        text=True,
        check=False,
    )  # fmt: skip
    if result.returncode != 0 or not classpath_file.exists():
        tail = (result.stdout + result.stderr).strip().splitlines()[-15:]
        raise Neo4jUnavailableError(
            f"building the Neo4j launcher failed (mvn exit {result.returncode}) in "
            f"{build_dir}:\n" + "\n".join(tail)
        )


def engine_from_settings() -> LocalEngine:
    s = get_settings()
    return LocalEngine(
        s.neo4j_home,
        s.neo4j_port,
        build_root=s.data_dir / "build",
        heap=s.neo4j_heap,
        page_cache_mb=s.neo4j_page_cache_mb,
    )
