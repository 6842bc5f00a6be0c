"""A small client of the Chrome DevTools protocol over Chromium's `--remote-debugging-pipe`
(file descriptors 3 and 4, NUL-terminated JSON): measure and photograph a page as a browser of a
given width lays it out, with no WebSocket library and no script in the page itself."""

from __future__ import annotations

import base64
import contextlib
import fcntl
import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
TIMEOUT_S = 60


def _as_fds_3_and_4(read_end: int, write_end: int) -> None:
    """In the child, before exec: the command pipe's read end as fd 3, the answer pipe's write
    end as fd 4 (copied above 10 first, so neither overwrites the other)."""
    high_read = fcntl.fcntl(read_end, fcntl.F_DUPFD, 10)
    high_write = fcntl.fcntl(write_end, fcntl.F_DUPFD, 10)
    os.dup2(high_read, 3)
    os.dup2(high_write, 4)


class DevTools:
    def __init__(self, user_data: Path) -> None:
        if not CHROMIUM.exists():
            pytest.fail(
                f"{CHROMIUM} is missing: the browser tests need Debian's chromium "
                "(install it with `apt-get install -y chromium`)",
                pytrace=False,
            )
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()
        # The child reads commands on fd 3 and writes answers on fd 4.
        self._process = subprocess.Popen(
            [
                str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--hide-scrollbars",
                f"--user-data-dir={user_data}", "--remote-debugging-pipe", "about:blank",
            ],
            # Python's own descriptors are not inherited (PEP 446): only the two dup2 makes.
            close_fds=False,
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=lambda: _as_fds_3_and_4(to_browser_r, from_browser_w),
        )  # fmt: skip
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict[str, Any]] = []

    def close(self) -> None:
        with contextlib.suppress(OSError, RuntimeError):
            self.send("Browser.close")
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait(timeout=10)
        os.close(self._to_browser)
        os.close(self._from_browser)

    def _read_message(self) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            chunk = os.read(self._from_browser, 1 << 16)
            if not chunk:
                raise RuntimeError("Chromium closed its DevTools pipe")
            self._buffer += chunk
        raw, _, self._buffer = self._buffer.partition(b"\0")
        message: dict[str, Any] = json.loads(raw)
        return message

    def send(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        """Send one command and wait for its answer; events that arrive meanwhile are kept."""
        self._next_id += 1
        command: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if session:
            command["sessionId"] = session
        os.write(self._to_browser, json.dumps(command).encode() + b"\0")
        while True:
            message = self._read_message()
            if message.get("id") == self._next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                result: dict[str, Any] = message.get("result", {})
                return result
            self.events.append(message)

    def wait_for(self, method: str, session: str) -> None:
        if any(e.get("method") == method and e.get("sessionId") == session for e in self.events):
            return
        while True:
            message = self._read_message()
            self.events.append(message)
            if message.get("method") == method and message.get("sessionId") == session:
                return

    def open(self, url: str, width: int, height: int, mobile: bool) -> str:
        """A new tab of the given viewport showing `url`, loaded; returns its session id."""
        target = self.send("Target.createTarget", url="about:blank")["targetId"]
        session: str = self.send("Target.attachToTarget", targetId=target, flatten=True)[
            "sessionId"
        ]
        self.send(
            "Emulation.setDeviceMetricsOverride", session,
            width=width, height=height, deviceScaleFactor=1, mobile=mobile,
        )  # fmt: skip
        self.send("Page.enable", session)
        self.send("Page.navigate", session, url=url)
        self.wait_for("Page.loadEventFired", session)
        return session

    def evaluate(self, session: str, expression: str) -> Any:
        """The value of an expression in the page (DevTools evaluates it; the page runs none)."""
        result = self.send("Runtime.evaluate", session, expression=expression, returnByValue=True)
        return result["result"].get("value")

    def screenshot(self, session: str, path: Path) -> None:
        """The whole page, as tall as its content, as PNG."""
        metrics = self.send("Page.getLayoutMetrics", session)["cssContentSize"]
        data = self.send(
            "Page.captureScreenshot", session, format="png", captureBeyondViewport=True,
            clip={"x": 0, "y": 0, "width": metrics["width"], "height": metrics["height"],
                  "scale": 1},
        )["data"]  # fmt: skip
        path.write_bytes(base64.b64decode(data))
