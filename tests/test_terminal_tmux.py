"""The reader in a real terminal (tmux): what reaches the screen, and the bidi mode sequences.

tmux runs `reader`, `send-keys` drives it, `capture-pane` reads the screen back. Each test
uses its own tmux server socket, so nothing is shared with the user's tmux.
"""

from __future__ import annotations

import json
import re
import shlex
import shutil
import sys
import time
from pathlib import Path

import pytest

from reader.bidi.layout import layout_paragraph
from tmux_support import TmuxTerminal

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (CI installs it)")

WIDTH, HEIGHT = 120, 40


def reader_command(*args: str) -> str:
    return shlex.join([sys.executable, "-m", "reader", *args])


@pytest.fixture
def sessions():
    opened: list[TmuxTerminal] = []
    yield opened
    for session in opened:
        session.close()


def test_first_arabic_line_on_screen_is_the_engine_visual_line_right_aligned(tmp_path, sessions):
    paragraph = ("وقعت روسيا والصين اتفاقية لبناء محطة أبحاث القمر الدولية (ILRS) "
                 "التي تدور حول القمر، حسبما أعلنت وكالتا الفضاء في البلدين في 9 مارس 2021.")
    doc = tmp_path / "ar.txt"
    doc.write_text(paragraph + "\n", encoding="utf-8")
    session = TmuxTerminal(reader_command(str(doc)), cwd=tmp_path, width=WIDTH, height=HEIGHT)
    sessions.append(session)
    session.wait_for("offset 0")
    view_width = WIDTH - 1  # one column for the scrollbar
    first = layout_paragraph(paragraph, view_width, "rtl").lines[0]
    assert first.rtl
    expected = " " * first.pad(view_width) + first.text
    # The body paints after the header; on a loaded machine the first frame may also
    # come before tmux's window size reached the reader: poll for the settled screen.
    deadline = time.monotonic() + 20
    screen = session.capture()
    while time.monotonic() < deadline and screen[1][:view_width] != expected:
        time.sleep(0.2)
        screen = session.capture()
    row = screen[1][:view_width]  # row 0 is the pane header
    size = session.tmux("display-message", "-p", "-t", session.name, "#{pane_width}x#{pane_height}")
    assert row == expected, f"pane {size.strip()}"
    assert row.rstrip() == row and row.startswith(" ")  # right-aligned: ends at the pane's edge


def _sgr_parameters(capture: str) -> list[list[str]]:
    return [params.split(";") for params in re.findall(r"\x1b\[([0-9;]*)m", capture)]


def _has_basic_red(params: list[str]) -> bool:
    """True if an SGR parameter list sets the basic red foreground (31) or background (41)."""
    i = 0
    while i < len(params):
        if params[i] in ("38", "48"):  # extended colour: skip its arguments
            i += 3 if i + 1 < len(params) and params[i + 1] == "5" else 5
            continue
        if params[i] in ("31", "41"):
            return True
        i += 1
    return False


def test_a_document_full_of_escape_sequences_changes_no_colour_title_or_cursor(tmp_path, sessions):
    hostile = (
        "Before \x1b[41mRED BACKGROUND\x1b[0m after\n\n"
        "Title \x1b]0;PWNED-TITLE\x07 set\n\n"
        "Cursor \x1b[2J\x1b[10;10H\x1b[?25l moves\n\n"
        "C1 \x9b31m red by C1 CSI, bell \x07 and nul \x00 end\n"
    )
    # JSONL, so the NUL can be in the text (a .txt with NUL bytes is refused as binary) and
    # the title can be hostile too.
    doc = tmp_path / "hostile.jsonl"
    record = {"id": "hostile", "title": "Hostile \x1b]2;PWNED-HEADER\x07 \x1b[31mtitle", "text": hostile}
    doc.write_text(json.dumps(record) + "\n", encoding="utf-8")
    session = TmuxTerminal(reader_command(str(doc)), cwd=tmp_path, width=WIDTH, height=HEIGHT)
    sessions.append(session)
    session.wait_for("offset 0")
    screen = session.wait_for("RED BACKGROUND")
    coloured = "\n".join(session.capture(escapes=True))
    assert not any(_has_basic_red(params) for params in _sgr_parameters(coloured))
    assert "PWNED" not in session.tmux("display-message", "-p", "-t", session.name, "#{pane_title}")
    text = "\n".join(screen)
    # Every control character is on screen as a visible placeholder, in place.
    assert "\u241b[41mRED BACKGROUND\u241b[0m after" in text
    assert "Title \u241b]0;PWNED-TITLE\u2407 set" in text
    assert "\u2426" in text and "\u2400 end" in text
    # The header is still on the first row and the status line at the bottom (no clear, no move).
    assert "Hostile \u241b]2;PWNED-HEADER\u2407 \u241b[31mtitle" in screen[0]
    assert any(line.startswith(" offset 0") for line in screen)


def _record(tmp_path: Path, sessions: list, *args: str) -> Path:
    """Run the reader under `script` inside tmux, quit with q; returns the raw output file."""
    if shutil.which("script") is None:
        pytest.skip("`script` (util-linux) is not installed")
    doc = tmp_path / "short.txt"
    doc.write_text("مرحبا بالعالم\n", encoding="utf-8")
    raw = tmp_path / "raw.out"
    command = f"script -q -c {shlex.quote(reader_command(str(doc), *args))} {shlex.quote(str(raw))}"
    session = TmuxTerminal(command, cwd=tmp_path, width=WIDTH, height=HEIGHT)
    sessions.append(session)
    session.wait_for("offset 0")
    session.tmux("send-keys", "-t", session.name, "q")
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and b"\x1b[?1049l" not in raw.read_bytes():
        time.sleep(0.2)
    return raw


def test_explicit_mode_is_requested_on_start_and_implicit_restored_on_exit(tmp_path, sessions):
    data = _record(tmp_path, sessions).read_bytes()
    assert b"\x1b[8l" in data, "CSI 8 l (explicit mode) was never sent"
    assert b"\x1b[8h" in data, "CSI 8 h (implicit mode) was never sent back"
    assert data.index(b"\x1b[8l") < data.rindex(b"\x1b[8h")
    assert data.rindex(b"\x1b[8h") > data.rindex(b"\x1b[8l")  # the last word is implicit mode


def test_terminal_bidi_terminal_leaves_the_terminal_mode_alone(tmp_path, sessions):
    data = _record(tmp_path, sessions, "--terminal-bidi", "terminal").read_bytes()
    assert b"\x1b[?1049h" in data  # the app did run
    assert b"\x1b[8l" not in data and b"\x1b[8h" not in data


def _mode_switches(data: bytes) -> list[str]:
    """The bidi mode sequences in the order sent: "l" for CSI 8 l, "h" for CSI 8 h."""
    return re.findall(r"\x1b\[8([lh])", data.decode("utf-8", "replace"))


def test_ctrl_z_restores_implicit_mode_and_fg_asks_for_explicit_mode_again(tmp_path, sessions):
    doc = tmp_path / "short.txt"
    doc.write_text("مرحبا بالعالم\n", encoding="utf-8")
    raw = tmp_path / "raw.out"
    # As a user does it: an interactive shell with job control runs the reader, ctrl+z
    # stops it, `fg` resumes it. (With the reader as the pane's own process, tmux itself
    # sends SIGCONT to a stopped pane at once, so "suspended" could not be observed.)
    # tmux's pipe-pane records what is written, escape sequences and all.
    session = TmuxTerminal("exec bash --norc --noprofile -i", cwd=tmp_path, width=WIDTH, height=HEIGHT,
                           env={"PS1": "$ "})
    sessions.append(session)
    session.tmux("pipe-pane", "-o", "-t", session.name, f"cat >> {shlex.quote(str(raw))}")
    session.type(reader_command(str(doc)))
    session.keys("Enter")
    session.wait_for("offset 0")

    def switches_become(expected: list[str]) -> list[str]:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and _mode_switches(raw.read_bytes()) != expected:
            time.sleep(0.2)
        return _mode_switches(raw.read_bytes())

    session.keys("C-z")
    assert switches_become(["l", "h"]) == ["l", "h"]  # suspended: implicit mode is back
    session.wait_for("Stopped")  # the shell has the terminal, the reader is a stopped job
    time.sleep(0.5)
    assert _mode_switches(raw.read_bytes()) == ["l", "h"]  # and it stays stopped
    session.type("fg")
    session.keys("Enter")
    assert switches_become(["l", "h", "l"]) == ["l", "h", "l"]  # resumed: explicit again
    session.wait_for("offset 0")
    session.keys("q")
    assert switches_become(["l", "h", "l", "h"]) == ["l", "h", "l", "h"]


def test_ctrl_l_repaints_a_screen_that_something_else_wrote_over(tmp_path, sessions):
    doc = tmp_path / "short.txt"
    doc.write_text("مرحبا بالعالم\n", encoding="utf-8")
    session = TmuxTerminal(reader_command(str(doc)), cwd=tmp_path, width=WIDTH, height=HEIGHT)
    sessions.append(session)
    session.wait_for_settled("offset 0")
    # The language is detected after the first paint (in another process): the header
    # shows "…" until then. The baseline is the screen once it has landed.
    before = session.wait_for_settled("ar · rtl")
    # Another program (or line noise over SSH) writes over the reader's screen.
    tty = session.tmux("display-message", "-p", "-t", session.name, "#{pane_tty}").strip()
    with open(tty, "w", encoding="utf-8") as terminal:
        terminal.write("\x1b[2;1HNOISE NOISE\x1b[5;3HNOISE")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and "NOISE" not in session.screen():
        time.sleep(0.1)
    assert "NOISE" in session.screen()
    session.keys("C-l")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and "NOISE" in session.screen():
        time.sleep(0.1)
    assert session.capture() == before


def test_the_screen_follows_the_terminal_not_columns_and_lines_variables(tmp_path, sessions):
    # COLUMNS/LINES exported by a shell profile or a parent program (pytest-xdist sets
    # 80x24) must not pin the screen: the reader fills the terminal, and follows a resize.
    doc = tmp_path / "short.txt"
    doc.write_text("مرحبا بالعالم\n", encoding="utf-8")
    command = "env COLUMNS=80 LINES=24 " + reader_command(str(doc))
    session = TmuxTerminal(command, cwd=tmp_path, width=WIDTH, height=HEIGHT)
    sessions.append(session)
    screen = session.wait_for_settled("offset 0")
    assert "offset 0" in screen[HEIGHT - 2]  # the status line, just above the key bar
    session.tmux("resize-window", "-t", session.name, "-x", "100", "-y", "30")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and "offset 0" not in session.capture()[28]:
        time.sleep(0.1)
    screen = session.capture()
    assert "offset 0" in screen[28], "\n".join(screen)
    assert "¶ 1/1" in screen[0] and len(screen[0].rstrip()) <= 100


@pytest.mark.parametrize("no_color", [False, True], ids=["16-colours", "NO_COLOR"])
def test_sixteen_colours_and_no_color_keep_text_and_a_reverse_video_cursor(tmp_path, sessions, no_color):
    doc = tmp_path / "ar.txt"
    doc.write_text("مرحبا بالعالم\n", encoding="utf-8")
    env = "env TERM=xterm COLORTERM= " + ("NO_COLOR=1 " if no_color else "")
    session = TmuxTerminal(env + reader_command(str(doc)), cwd=tmp_path, width=WIDTH, height=HEIGHT)
    sessions.append(session)
    session.wait_for("offset 0")
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and not session.capture()[1].strip():
        time.sleep(0.2)
    coloured = session.capture(escapes=True)
    params = _sgr_parameters("\n".join(coloured))
    # TERM=xterm: only the 16 basic colours, nothing from the 256-colour or RGB palettes.
    assert not any(p[:2] in (["38", "5"], ["48", "5"], ["38", "2"], ["48", "2"]) for p in params)
    # The cursor is reverse video on the text row (readable without any colour).
    body = coloured[1]
    assert re.search(r"\x1b\[(?:[0-9;]*;)?7m", body), body
    line = layout_paragraph("مرحبا بالعالم", WIDTH - 1, "rtl").lines[0]
    assert session.capture()[1].rstrip().endswith(line.text)


def test_a_crash_inside_the_app_still_restores_implicit_mode(tmp_path, sessions):
    doc = tmp_path / "short.txt"
    doc.write_text("مرحبا بالعالم\n", encoding="utf-8")
    raw = tmp_path / "raw.out"
    crash = tmp_path / "crash.py"
    # A ReaderApp whose code fails once the screen is up: the driver's way out must run.
    crash.write_text(
        "import sys\n"
        "from reader.core.loading import load_documents\n"
        "from reader.tui.app import ReaderApp\n"
        "class Crashing(ReaderApp):\n"
        "    def _after_first_paint(self):\n"
        "        self.set_timer(0.5, self.fail)\n"
        "    def fail(self):\n"
        "        raise RuntimeError('boom')\n"
        f"Crashing(load_documents([{str(doc)!r}]).documents).run()\n",
        encoding="utf-8",
    )
    session = TmuxTerminal(f"sleep 1; {shlex.join([sys.executable, str(crash)])}; sleep 30", cwd=tmp_path, width=WIDTH, height=HEIGHT)
    sessions.append(session)
    session.tmux("pipe-pane", "-o", "-t", session.name, f"cat >> {shlex.quote(str(raw))}")
    session.wait_for("boom", timeout=30)
    assert _mode_switches(raw.read_bytes()) == ["l", "h"]


def test_an_unusable_keymap_named_on_the_command_line_ends_with_its_reason(tmp_path, sessions):
    doc = tmp_path / "short.txt"
    doc.write_text("hello\n", encoding="utf-8")
    missing = tmp_path / "no-such-keymap.toml"
    command = reader_command("--keymap", str(missing), str(doc))
    session = TmuxTerminal(f"{command}; echo EXIT=$?; sleep 30", cwd=tmp_path, width=WIDTH, height=HEIGHT)
    sessions.append(session)
    screen = "\n".join(session.wait_for("EXIT="))
    assert "EXIT=2" in screen
    unwrapped = screen.replace("\n", "")  # a long path may wrap at the terminal's edge
    assert str(missing) in unwrapped and "Traceback" not in screen
