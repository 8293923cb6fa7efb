"""UAX #9 conformance through `reader render`, on BidiCharacterTest.txt.

Every case without a paragraph separator (class B) or a C0/C1 control goes through
the real command line (one subprocess per paragraph direction). The expected line is
the file's visual order with what a terminal renderer must add on top of L2:
L4 (Bidi_Mirrored characters mirrored at odd levels) and L3 as reader draws it (a
combining mark is written right after the nearest visible character before it; a
mark with nothing before it gets a dotted circle). Characters reader does not draw
(bidi controls, ZWJ...) are left out, other placeholders are those of sanitize.py.

Explicit bidi controls that change the order are drawn as markers (Trojan Source, see
docs/bidi.md): in a case that holds such controls the markers are taken out before
comparing (the other characters must still be in UAX #9's order); in any other case
no marker may appear.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from rich.cells import cell_len

from reader.bidi.sanitize import EXPLICIT, EXPLICIT_CONTROLS, INVISIBLE_PICTURES, display
from reader.bidi.unicode_tables import MIRROR

TEST_FILE = Path("/usr/share/unicode/BidiCharacterTest.txt")
PARAGRAPH_SEPARATORS = {0x0A, 0x0D, 0x1C, 0x1D, 0x1E, 0x85, 0x2029}
BASES = {"0": "ltr", "1": "rtl", "2": "auto"}
MARKERS = re.compile("[" + "".join(INVISIBLE_PICTURES[c] for c in sorted(EXPLICIT_CONTROLS)) + "]")


def _is_excluded(cp: int) -> bool:
    return cp in PARAGRAPH_SEPARATORS or cp < 0x20 or 0x7F <= cp <= 0x9F


def load_cases() -> dict[str, list[tuple[str, str]]]:
    """base -> [(logical text, expected rendering)]"""
    cases: dict[str, list[tuple[str, str]]] = {b: [] for b in BASES.values()}
    for raw in TEST_FILE.read_text(encoding="utf-8").splitlines():
        if not raw or raw.startswith("#"):
            continue
        fields = raw.split(";")
        cps = [int(c, 16) for c in fields[0].split()]
        if any(_is_excluded(cp) for cp in cps):
            continue
        text = "".join(map(chr, cps))
        levels = fields[3].split()
        order = [int(i) for i in fields[4].split()]
        cases[BASES[fields[1]]].append((text, expected_rendering(text, levels, order)))
    return cases


def expected_rendering(text: str, levels: list[str], order: list[int]) -> str:
    glyphs = []
    for ch, level in zip(text, levels):
        glyph = display(ch)
        if level != "x" and int(level) % 2 and glyph == ch and ch in MIRROR:
            glyph = MIRROR[ch]
        glyphs.append(glyph)
    is_mark = [g != "" and cell_len(g) == 0 for g in glyphs]
    marks_of: dict[int, list[int]] = {}
    attached: set[int] = set()
    for i, glyph in enumerate(glyphs):
        if not is_mark[i]:
            continue
        base = i - 1
        while base >= 0 and (glyphs[base] == "" or is_mark[base]):
            base -= 1
        if base >= 0:
            marks_of.setdefault(base, []).append(i)
            attached.add(i)
    out = []
    for i in order:
        if glyphs[i] == "" or i in attached:
            continue
        out.append(("\u25cc" if is_mark[i] else "") + glyphs[i])
        out.extend(glyphs[m] for m in marks_of.get(i, ()))
    return "".join(out)


def render(tmp_path: Path, name: str, lines: list[str], *options: str) -> list[str]:
    path = tmp_path / f"{name}.txt"
    # A first line that no case can spoil (a case may start with a BOM, which the
    # loader would strip from the start of a file).
    path.write_text("header\n" + "\n".join(lines) + "\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "reader", "render", *options, str(path)],
        capture_output=True, timeout=600,
    )
    assert proc.returncode == 0, proc.stderr.decode()
    out = proc.stdout.decode("utf-8").split("\n")
    assert out[-1] == ""
    return out[1:-1]


@pytest.mark.skipif(not TEST_FILE.exists(), reason="needs Debian's unicode-data")
def test_bidi_character_test_through_the_cli(tmp_path):
    cases = load_cases()
    total = sum(map(len, cases.values()))
    assert total > 85000  # the filter must not throw the file away
    mismatches = []
    marked = 0
    for base, items in cases.items():
        got = render(tmp_path, base, [t for t, _ in items], "--no-wrap", "--no-shape", "--base", base)
        assert len(got) == len(items)
        for (text, want), line in zip(items, got):
            if EXPLICIT.search(text) and MARKERS.search(line):
                marked += 1
                line = MARKERS.sub("", line)
            if line != want:
                mismatches.append((base, " ".join(f"{ord(c):04X}" for c in text), want, line))
    report = "\n".join(f"{b} [{t}]\n  want {w!r}\n  got  {g!r}" for b, t, w, g in mismatches[:20])
    assert not mismatches, f"{len(mismatches)}/{total} mismatches; first 20:\n{report}"
    assert marked > 0  # the file has Trojan-Source-like cases: they must be marked
