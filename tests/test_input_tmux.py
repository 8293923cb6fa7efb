"""Typing Arabic and mixed text into the reader's text fields, in a real terminal (tmux).

Each test types a query with `send-keys`, moves the caret with the keymap's keys, and
reads the screen back with its colours (`capture-pane -e`): the field must show the cells
the bidi engine draws for the text (`layout_paragraph`: shaped, in display order), and
the caret (the one cell in the field drawn in the cursor's colours) must be on the cell
of the character at the caret's logical position, or past the paragraph's end when the
caret is at the end of the text (left of a right-to-left paragraph).
"""

from __future__ import annotations

import re
import shlex
import shutil
import sys
import time
from collections import Counter
from dataclasses import dataclass

import pytest

from reader.bidi.layout import layout_paragraph
from reader.bidi.width import char_width
from tmux_support import TmuxTerminal

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (CI installs it)")

WIDTH, HEIGHT = 100, 30
ARABIC = "/الثالثة"
MIXED = "abc عرب 12"


@dataclass
class Cell:
    text: str
    background: str


_SGR = re.compile(r"\x1b\[([0-9;:]*)m")


def _cells(row: str) -> list[Cell]:
    """A captured row (with SGR codes) as screen cells, each with its background colour
    (the foreground where reverse video is on)."""
    cells: list[Cell] = []
    fg = bg = "default"
    reverse = False
    pos = 0
    while pos < len(row):
        match = _SGR.match(row, pos)
        if match:
            params = match.group(1).split(";") if match.group(1) else ["0"]
            i = 0
            while i < len(params):
                p = params[i]
                if p in ("38", "48"):
                    size = 3 if i + 1 < len(params) and params[i + 1] == "5" else 5
                    value = ";".join(params[i + 1:i + size])
                    fg, bg = (value, bg) if p == "38" else (fg, value)
                    i += size
                    continue
                if p in ("0", ""):
                    fg = bg = "default"
                    reverse = False
                elif p == "7":
                    reverse = True
                elif p == "27":
                    reverse = False
                elif p == "39":
                    fg = "default"
                elif p == "49":
                    bg = "default"
                elif len(p) == 2 and p[0] in "34" or len(p) == 3 and p[:2] in ("90", "10"):
                    if p[0] in "39":
                        fg = p
                    else:
                        bg = p
                i += 1
            pos = match.end()
            continue
        char = row[pos]
        pos += 1
        width = char_width(char)
        if width == 0 and cells:
            cells[-1].text += char
            continue
        cells.append(Cell(char, fg if reverse else bg))
        for _ in range(width - 1):
            cells.append(Cell("", fg if reverse else bg))
    return cells


def _drawn_cells(text: str) -> list[str]:
    """The engine's line text split in cells (a zero-width mark joins its base)."""
    out: list[str] = []
    for char in text:
        if char_width(char) == 0 and out:
            out[-1] += char
        else:
            out.append(char)
    return out


def _expected_caret(text: str, position: int) -> tuple[list[str], int]:
    """The engine's cells for `text` and the index (relative to its first cell) of the
    cell the caret at `position` must be on."""
    layout = layout_paragraph(text, None)
    (line,) = layout.lines
    if position >= len(text):
        return _drawn_cells(line.text), (-1 if layout.rtl else line.width)
    return _drawn_cells(line.text), line.cell_of(position)


def _find(cells: list[Cell], wanted: list[str]) -> int:
    texts = [c.text for c in cells]
    for start in range(len(texts) - len(wanted) + 1):
        if texts[start:start + len(wanted)] == wanted:
            return start
    return -1


def _assert_field_shows(term: TmuxTerminal, text: str, position: int, timeout: float = 10) -> None:
    """Poll (the caret blinks) until a row shows the engine's cells for `text` with the
    caret, and only it, on the cell for `position`."""
    wanted, caret = _expected_caret(text, position)
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        for row in term.capture(escapes=True):
            cells = _cells(row)
            start = _find(cells, wanted)
            if start < 0:
                continue
            # The caret can only be on the text's cells or the blank cell either side.
            lo, hi = max(0, start - 1), min(len(cells), start + len(wanted) + 1)
            field = cells[lo:hi]
            usual, _ = Counter(c.background for c in field).most_common(1)[0]
            odd = [lo + i - start for i, c in enumerate(field) if c.background != usual]
            last = f"caret cells {odd} (wanted [{caret}]) in {''.join(c.text for c in cells)!r}"
            if odd == [caret]:
                return
        time.sleep(0.1)
    raise AssertionError(f"{text!r} at caret {position}: {last or 'text not on screen'}\n{term.screen()}")


def _reader(tmp_path, *args: str) -> TmuxTerminal:
    doc = tmp_path / "doc.txt"
    doc.write_text("Roscosmos روسكوزموس وقعت روسيا والصين اتفاقية.\n", encoding="utf-8")
    command = shlex.join([sys.executable, "-m", "reader", str(doc), "--db", str(tmp_path / "a.db"), *args])
    term = TmuxTerminal(command, cwd=tmp_path, width=WIDTH, height=HEIGHT)
    # The keymap is applied just after the first paint: a key sent before may be missed.
    term.wait_for_settled("offset 0")
    return term


@pytest.mark.parametrize("keymap", ["default", "vim"])
def test_search_bar_shows_arabic_as_the_engine_draws_it_with_the_caret_on_its_cell(tmp_path, keymap):
    term = _reader(tmp_path, "--keymap", keymap)
    try:
        term.keys("/")
        term.wait_for("search forward")
        term.type(ARABIC)
        _assert_field_shows(term, ARABIC, len(ARABIC))  # end: left of the text
        term.keys("Right")  # towards the start of a right-to-left text
        _assert_field_shows(term, ARABIC, len(ARABIC) - 1)
        term.keys("Right", "Right")
        _assert_field_shows(term, ARABIC, len(ARABIC) - 3)
        term.keys("Left")
        _assert_field_shows(term, ARABIC, len(ARABIC) - 2)
        term.keys("Home")  # the logical start: the "/", rightmost
        _assert_field_shows(term, ARABIC, 0)
        term.keys("End", "BSpace")  # delete the last letter: the rest joins anew
        _assert_field_shows(term, ARABIC[:-1], len(ARABIC) - 1)
        term.keys("Right", "Right", "BSpace")  # caret before ل (index 5): deletes ا (4)
        shorter = ARABIC[:4] + ARABIC[5:-1]
        _assert_field_shows(term, shorter, 4)
        term.type("x")  # typed where the caret is, in logical order
        _assert_field_shows(term, ARABIC[:4] + "x" + ARABIC[5:-1], 5)
    finally:
        term.close()


def test_search_bar_mixed_text_caret_walks_the_cells_left_to_right(tmp_path):
    term = _reader(tmp_path)
    try:
        term.keys("/")
        term.wait_for("search forward")
        term.type(MIXED)
        _assert_field_shows(term, MIXED, len(MIXED))  # end: right of "abc 12 برع"
        term.keys("Left")  # the leftmost Arabic... no: the rightmost cell is ع (index 4)
        _assert_field_shows(term, MIXED, 4)
        term.keys("Left", "Left", "Left")  # ر, ب, then the space before 12
        _assert_field_shows(term, MIXED, 7)
        term.keys("Left")  # "2", drawn right of "1"
        _assert_field_shows(term, MIXED, 9)
        term.keys("Home")
        _assert_field_shows(term, MIXED, 0)
    finally:
        term.close()


@pytest.mark.parametrize("keymap", ["default", "vim"])
def test_entity_finder_query_shows_arabic_and_mixed_text_as_the_engine_draws_it(tmp_path, keymap):
    term = _reader(tmp_path, "--keymap", keymap)
    try:
        term.keys(*(["2"] if keymap == "default" else ["T", "2"]))  # ORG on "Roscosmos"
        term.wait_for("saved")
        term.keys("E")
        term.wait_for("Create new entity")
        term.type("روسكوزموس")  # replaces the mention, selected when the field got the focus
        _assert_field_shows(term, "روسكوزموس", len("روسكوزموس"))
        term.keys("Right", "Right")
        _assert_field_shows(term, "روسكوزموس", len("روسكوزموس") - 2)
        term.keys("End", "C-u")  # ctrl+u clears what is left of the caret
        # Textual runs a binding (ctrl+u) after the printable keys that follow it closely:
        # wait for the empty field before typing.
        term.wait_for("name or alias, any script")
        term.type(MIXED)
        _assert_field_shows(term, MIXED, len(MIXED))
        term.keys("Left", "Left")
        _assert_field_shows(term, MIXED, 5)
        term.keys("Home")
        _assert_field_shows(term, MIXED, 0)
    finally:
        term.close()


def test_terminal_bidi_terminal_sends_the_query_in_logical_order(tmp_path):
    term = _reader(tmp_path, "--terminal-bidi", "terminal")
    try:
        term.keys("/")
        term.wait_for("search forward")
        term.type(ARABIC)
        term.wait_for(ARABIC)  # as typed: the terminal lays it out
        assert not any(layout_paragraph(ARABIC, None).lines[0].text in row for row in term.capture())
    finally:
        term.close()
