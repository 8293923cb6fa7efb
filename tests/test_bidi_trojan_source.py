"""Trojan Source (CVE-2021-42574): explicit bidi controls that change the order in which
a line is drawn are shown as markers by default; invisible fillers are shown with
--show-invisibles. The same engine draws `reader render` and the TUI's panes."""

from __future__ import annotations

import asyncio
import subprocess
import sys

import pytest

from reader.bidi.layout import layout_paragraph
from reader.bidi.sanitize import EXPLICIT_CONTROLS, FILLER_PICTURES, INVISIBLE_PICTURES
from test_bidi_layout_properties import _check_partition
from tui_support import app_for, screen_lines, write_docs

RLO, LRO, PDF, LRE, RLE = "\u202e", "\u202d", "\u202c", "\u202a", "\u202b"
LRI, RLI, FSI, PDI = "\u2066", "\u2067", "\u2068", "\u2069"
MARKERS = {INVISIBLE_PICTURES[c] for c in EXPLICIT_CONTROLS}

# The paper's "stretched string": a comment that reads as the end of the string.
STRETCHED = f'if access_level != "user{RLO} {LRI}// Check if admin{PDI} {LRI}":'
# An override that spells one word while the file holds another.
SPOOFED = f"pay to {RLO}tnuocca{PDF} now"


def _drawn(text: str, **options) -> str:
    return "".join(line.text for line in layout_paragraph(text, 30, **options).lines)


@pytest.mark.parametrize("text", [STRETCHED, SPOOFED, f"שלום {LRI}abc{PDI} x", f"abc {RLE}({PDF} def"])
def test_controls_that_change_the_order_are_drawn_as_markers(text):
    layout = layout_paragraph(text, 30)
    drawn = "".join(line.text for line in layout.lines)
    controls = [c for c in text if c in EXPLICIT_CONTROLS]
    # One marker per control, each the placeholder --show-invisibles draws for it.
    assert sorted(c for c in drawn if c in MARKERS) == sorted(INVISIBLE_PICTURES[c] for c in controls)
    # Every marker is one cell mapped to its control: the cell map stays exact.
    _check_partition(text, layout)
    for line in layout.lines:
        assert len(line.cells) == line.width
        column = 0
        for glyph in line.text:
            if glyph in MARKERS:
                start, end = line.cells[column]
                assert INVISIBLE_PICTURES.get(text[start]) == glyph and end - start >= 1
            column += 1 if glyph != "\u0000" else 0


def test_the_spoofed_word_shows_where_its_order_was_reversed():
    assert _drawn(SPOOFED) == "pay to \u21daaccount\u21e3 now"  # ⇚account⇣


@pytest.mark.parametrize(
    "text",
    [
        f"plain {LRE}latin words{PDF} only",  # an embedding at the level's parity: same order
        f"مرحبا {RLI}بالعالم{PDI} اليوم",  # an RTL isolate inside RTL text
        f"{LRI}Hello{PDI} world",
    ],
)
def test_controls_that_change_nothing_stay_hidden(text):
    plain = "".join(c for c in text if c not in EXPLICIT_CONTROLS)
    assert _drawn(text) == _drawn(plain)
    assert not MARKERS & set(_drawn(text))


def test_show_invisibles_still_draws_every_control():
    text = f"plain {LRE}latin{PDF} and {LRI}more{PDI}"
    drawn = _drawn(text, show_invisibles=True)
    assert [c for c in drawn if c in MARKERS] == [INVISIBLE_PICTURES[c] for c in (LRE, PDF, LRI, PDI)]


@pytest.mark.parametrize("filler", ["\u3164", "\u115f", "\uffa0", "\u2800", "\u034f"])
def test_show_invisibles_shows_the_invisible_fillers(filler):
    text = f"admin{filler} name"
    layout = layout_paragraph(text, None, show_invisibles=True)
    (line,) = layout.lines
    picture = FILLER_PICTURES[filler]
    assert picture in line.text and filler not in line.text
    assert line.cells[line.text.index(picture)] == (5, 6)
    _check_partition(text, layout)
    assert _drawn(text) == _drawn(text, show_invisibles=False)  # left alone by default
    assert filler in _drawn(text)


def test_render_marks_a_trojan_source_line(tmp_path):
    path = tmp_path / "code.txt"
    path.write_text(STRETCHED + "\n" + SPOOFED + "\n", encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "reader", "render", "--width", "80", str(path)],
        capture_output=True, text=True, encoding="utf-8", check=True,
    )
    first, second = run.stdout.splitlines()
    assert MARKERS & set(first)
    assert second == "pay to \u21daaccount\u21e3 now"


def test_the_tui_pane_marks_a_trojan_source_line(tmp_path):
    (path,) = write_docs(tmp_path, code=SPOOFED + "\n")

    async def go():
        app = app_for([path])
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert any("\u21daaccount\u21e3" in line for line in screen_lines(app))

    asyncio.run(go())
