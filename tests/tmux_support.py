"""A real terminal for tests: `reader` in a detached tmux session on a private server.

`send-keys` types, `capture-pane` reads the screen back. Each terminal has its own tmux
server socket and no configuration file, so nothing is shared with the user's tmux or
between tests running in parallel.
"""

from __future__ import annotations

import os
import shlex
import signal
import subprocess
import time
import uuid
from pathlib import Path

# tmux commands whose failure is an answer, not an error (the session may have ended).
_TOLERANT = {"kill-server", "capture-pane", "display-message", "has-session"}


class TmuxTerminal:
    """`command` (a shell string, or an argument list) in a `width`×`height` terminal,
    UTF-8 (tmux -u, C.UTF-8) with TERM=xterm-256color unless `env` says otherwise."""

    name = "reader"

    def __init__(self, command: str | list[str], *, cwd: Path | None = None,
                 env: dict[str, str] | None = None, width: int = 120, height: int = 40) -> None:
        self.socket = f"reader-test-{uuid.uuid4().hex[:8]}"
        self.width, self.height = width, height
        self.env = {**os.environ, "TERM": "xterm-256color", "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8", **(env or {})}
        self.env.pop("TMUX", None)
        # pytest-xdist workers have COLUMNS=80 LINES=24: not the terminal's size.
        self.env.pop("COLUMNS", None)
        self.env.pop("LINES", None)
        shell = command if isinstance(command, str) else shlex.join(command)
        where = ["-c", str(cwd)] if cwd is not None else []
        self.tmux("new-session", "-d", "-x", str(width), "-y", str(height), "-s", self.name, *where, shell)
        # Pin the size: a window born at tmux's default 80x24 would change the layout.
        self.tmux("resize-window", "-t", self.name, "-x", str(width), "-y", str(height))

    def _run(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(["tmux", "-u", "-L", self.socket, "-f", "/dev/null", *args],
                              capture_output=True, text=True, env=self.env, timeout=20)

    def tmux(self, *args: str) -> str:
        """Run a tmux command on this terminal's server; its standard output."""
        run = self._run(*args)
        if run.returncode != 0 and args[0] not in _TOLERANT:
            raise AssertionError(f"tmux {args}: {run.stderr}")
        return run.stdout

    def keys(self, *keys: str) -> None:
        """Send tmux key names, one key each ("Enter", "Tab", "C-r", "2"...)."""
        for key in keys:
            self.tmux("send-keys", "-t", self.name, key)

    def type(self, text: str) -> None:
        """Type `text` literally, as a user would."""
        self.tmux("send-keys", "-t", self.name, "-l", text)

    def capture(self, escapes: bool = False) -> list[str]:
        """The screen, one string per row (with `escapes`, the SGR codes tmux keeps)."""
        return self.tmux("capture-pane", "-p", "-t", self.name, *(["-e"] if escapes else [])).split("\n")

    def screen(self) -> str:
        return "\n".join(self.capture())

    def wait_for(self, text: str, timeout: float = 30) -> list[str]:
        """Poll the screen until `text` is on it; the screen rows then."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            lines = self.capture()
            if any(text in line for line in lines):
                return lines
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared:\n{self.screen()}")

    def wait_for_settled(self, text: str, timeout: float = 30) -> list[str]:
        """Poll until `text` is on a screen that fills the whole terminal (its last row
        drawn) and stays the same for a moment; the screen rows then.

        Under load the first frame can be painted at tmux's default 80x24, before the
        window's size reaches the reader, which then paints again at the real size: a
        test that compares whole screens must not take that first frame as its baseline.
        """
        deadline = time.monotonic() + timeout
        previous: list[str] | None = None
        while time.monotonic() < deadline:
            lines = self.capture()
            filled = len(lines) >= self.height and lines[self.height - 1].strip() != ""
            if filled and any(text in line for line in lines):
                if lines == previous:
                    return lines
                previous = lines
                time.sleep(0.3)
                continue
            previous = None
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared on a settled screen:\n{self.screen()}")

    def alive(self) -> bool:
        return self._run("has-session", "-t", self.name).returncode == 0

    def close(self) -> None:
        """End the session; a reader left stopped by ctrl+z is woken so the hang-up ends it."""
        pane_pid = self.tmux("display-message", "-p", "-t", self.name, "#{pane_pid}").strip()
        self.tmux("kill-server")
        if pane_pid.isdigit():
            try:
                os.kill(int(pane_pid), signal.SIGCONT)
            except ProcessLookupError:
                pass
