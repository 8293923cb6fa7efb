"""A real browser for tests: Debian's Chromium driven by Playwright, and `reader serve`.

Nothing is downloaded: Playwright drives /usr/bin/chromium (``executable_path``), never a
browser of its own (`playwright install` is not run anywhere). The screen is read from
xterm.js's own buffer (the cells the reader sent), not from pixels; the pixels are
checked only where pixels are the point (fonts, joins).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
#: Flags for a headless Chromium run as root in a container: no sandbox (root), no GPU,
#: and none of the background traffic a first run would start (updates, sync, QUIC).
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 800}

#: Run in every page before textual.js: keeps each xterm.js Terminal that textual.js makes
#: (it stores it as ``this.terminal`` and exposes it nowhere) in ``window.readerTerminals``.
CAPTURE_TERMINAL = """
(() => {
  window.readerTerminals = [];
  Object.defineProperty(Object.prototype, "terminal", {
    configurable: true,
    set(value) {
      Object.defineProperty(this, "terminal", {value, writable: true, configurable: true, enumerable: true});
      if (value && value.buffer && value.options) window.readerTerminals.push(value);
    },
  });
})();
"""

#: The screen as rows of cells: each cell's characters ("" for the right half of a wide
#: character, " " for an empty cell); combining marks stay in their base's cell.
READ_CELLS = """
() => {
  const terminal = window.readerTerminals[0];
  const buffer = terminal.buffer.active;
  const rows = [];
  for (let y = 0; y < terminal.rows; y++) {
    const line = buffer.getLine(buffer.viewportY + y);
    const cells = [];
    for (let x = 0; x < terminal.cols; x++) {
      const cell = line.getCell(x);
      cells.push(cell.getWidth() === 0 ? "" : (cell.getChars() || " "));
    }
    rows.push(cells);
  }
  return rows;
}
"""


def chromium_available() -> bool:
    return CHROMIUM.exists()


def launch_browser(playwright):
    """Debian's Chromium, headless. Playwright starts it with a new empty profile of its
    own (``--user-data-dir`` in a fresh temporary directory, removed when the browser
    closes; it refuses that flag from the caller), so no state carries over between runs."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, timeout=120_000)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class ReaderServer:
    """`reader serve ARGS` on a free loopback port; ``url`` once it answers."""

    def __init__(self, args: list[str], *, cwd: Path, log: Path, timeout: float = 90) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.log = log
        env = {**os.environ, "PYTHONUTF8": "1"}
        env.pop("COLUMNS", None)
        env.pop("LINES", None)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "reader", "serve", "--port", str(self.port), *args],
            cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=log.open("wb"), stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + timeout
        while True:
            if self.process.poll() is not None:
                raise AssertionError(f"reader serve exited ({self.process.returncode}): {self.log_text()}")
            try:
                with urllib.request.urlopen(self.url, timeout=5) as answer:
                    if answer.status == 200:
                        return
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise AssertionError(f"reader serve did not answer on {self.url}: {self.log_text()}")
            time.sleep(0.2)

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def visitors(self) -> list[int]:
        """The pids of the server's children: one reader per connected visitor."""
        pids: list[int] = []
        for task in Path(f"/proc/{self.process.pid}/task").glob("*"):
            try:
                pids += [int(pid) for pid in (task / "children").read_text().split()]
            except OSError:
                continue
        return pids

    def interrupt(self, timeout: float = 60) -> int:
        """Ctrl+C: SIGINT to the server alone (not to its process group, as a terminal
        would: the server itself must end its visitors); its exit status."""
        self.process.send_signal(signal.SIGINT)
        return self.process.wait(timeout)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)


def process_gone(pid: int) -> bool:
    """True if ``pid`` has exited (and was reaped, or is a zombie)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return True
    return state in ("Z", "X")


def until(condition, what: str, timeout: float = 60, interval: float = 0.2):
    """Poll ``condition`` until it returns something true (returned); generous by default
    (a loaded 2-core machine)."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(interval)


class Visitor:
    """One browser tab on the server: the reader's screen as xterm.js holds it."""

    def __init__(self, browser, url: str, *, timeout: float = 90) -> None:
        self.context = browser.new_context(viewport=VIEWPORT)
        self.context.add_init_script(CAPTURE_TERMINAL)
        self.page = self.context.new_page()
        self.page.goto(url, timeout=timeout * 1000)
        # The reader's first screen: its status line has come.
        self.wait_for("offset ", timeout=timeout)

    def cells(self) -> list[list[str]]:
        if self.page.is_closed() or not self.page.evaluate("window.readerTerminals.length"):
            return []
        return self.page.evaluate(READ_CELLS)

    def text(self) -> str:
        return "\n".join("".join(row) for row in self.cells())

    def notifications(self) -> str:
        """The text of the notifications on the screen (Textual draws them at the right,
        after a ▌ border), their rows joined and runs of spaces collapsed."""
        parts = [row.rsplit("▌", 1)[1] for row in self.text().split("\n") if "▌" in row]
        return " ".join(" ".join(parts).split())

    def wait_for(self, needle: str, timeout: float = 60) -> str:
        def seen() -> str:
            text = self.text()
            if needle in text:
                return text
            if self.ended():
                raise AssertionError(f"the reader ended before {needle!r} was on the screen:\n{text}")
            return ""

        return until(seen, f"{needle!r} on the screen", timeout)

    def keys(self, *keys: str) -> None:
        self.page.locator(".xterm-helper-textarea").focus()
        for key in keys:
            self.page.keyboard.press(key)

    def type(self, text: str) -> None:
        self.page.locator(".xterm-helper-textarea").focus()
        self.page.keyboard.type(text)

    def ended(self) -> bool:
        """The page says the session ended (textual.js marks the body -closed)."""
        return self.page.evaluate("document.body.classList.contains('-closed')")

    def close(self) -> None:
        self.context.close()
