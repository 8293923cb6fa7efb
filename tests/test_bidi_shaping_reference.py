"""reader.bidi.shaping draws what arabic-reshaper draws, glyph for glyph.

The reader shapes with Unicode's presentation-form table and its own joining pass
(reader.bidi.shaping explains why); arabic-reshaper, configured to keep harakat and
make the lam-alef and Allah ligatures, is the reference: its output for a run is
mapped back onto the run's characters (`reference_glyphs`) and compared with
`shape_run` and `shaped_text` on every Arabic-script run of the seeds and of shuffled
news, and on random words over the letters, harakat, tatweel and ZWJ.
"""

from __future__ import annotations

import random
import re
import unicodedata
from functools import cache
from pathlib import Path

from arabic_reshaper import ArabicReshaper
from arabic_reshaper.arabic_reshaper import HARAKAT_RE
from arabic_reshaper.letters import LETTERS_ARABIC
from hypothesis import given, settings, strategies as st

from reader.bidi import shaping
from reader.bidi.uba import classify

ROOT = Path(__file__).resolve().parent.parent
CONFIGURATION = {
    "language": "Arabic",
    "delete_harakat": False,
    "shift_harakat_position": False,
    "support_ligatures": True,
    "support_zwj": True,
}
#: The ligatures arabic-reshaper makes here: lam-alef (four alefs, two forms) and Allah.
LIGATURE = re.compile("[\ufef5-\ufefc\ufdf2]")


@cache
def reshaper(allah: bool) -> ArabicReshaper:
    return ArabicReshaper(configuration={**CONFIGURATION, "ARABIC LIGATURE ALLAH": allah})


def reference_glyphs(run: str) -> tuple[str, ...]:
    """arabic-reshaper's output for ``run``, one glyph string per character of it:
    harakat stay themselves; every other output character stands for one letter,
    a ligature for as many as its compatibility decomposition has ("" for the
    letters after the first). ZWJ is given as a tatweel (arabic-reshaper miscounts
    ligature positions when it drops a ZWJ) and draws nothing. The Allah ligature is
    not made on a vocalized word (it draws its own marks)."""
    source = run.replace(shaping.ZWJ, shaping.TATWEEL)
    shaped = reshaper(True).reshape(source)
    if shaping.ALLAH in shaped and HARAKAT_RE.search(run):
        shaped = reshaper(False).reshape(source)
    letters_in = [i for i, ch in enumerate(run) if not HARAKAT_RE.match(ch)]
    letters_out = [ch for ch in shaped if not HARAKAT_RE.match(ch)]
    glyphs = list(run)
    position = 0
    for glyph in letters_out:
        covered = len(unicodedata.normalize("NFKC", glyph)) if LIGATURE.match(glyph) else 1
        glyphs[letters_in[position]] = glyph
        for k in range(1, covered):
            glyphs[letters_in[position + k]] = ""
        position += covered
    assert position == len(letters_in), run
    return tuple("" if ch == shaping.ZWJ else glyph for ch, glyph in zip(run, glyphs))


def news_runs() -> set[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(ROOT.glob("seeds/*.txt"))]
    rng = random.Random(5)
    words = [w for text in texts for w in text.split()]
    texts.append(" ".join(rng.sample(words, len(words))))
    return {m.group() for text in texts for m in shaping.SHAPING_RUN.finditer(text)}


def test_the_table_is_arabic_reshapers():
    """Unicode's presentation forms are the forms arabic-reshaper knows, letter for letter."""
    ours = {letter: forms for letter, forms in shaping._LETTERS.items()}
    for letter, forms in LETTERS_ARABIC.items():
        if letter == shaping.ZWJ:
            continue  # ZWJ is given to both as a tatweel
        expected = list(forms)
        mine = list(ours[letter])
        mine[0] = mine[0] or letter
        assert mine == expected, hex(ord(letter))
    assert set(ours) == set(LETTERS_ARABIC) - {shaping.ZWJ}
    # Each joins on both sides, on its right only, or not at all (what joining groups rely on).
    assert {tuple(map(bool, forms)) for forms in ours.values()} == {(True,) * 4, (True, False, False, True), (True, False, False, False)}


def test_every_shaped_letter_is_arabic_letter_class():
    # The word fast path relies on it: shaping changes only characters at odd levels.
    assert set(classify("".join(shaping._LETTERS))) == {ord("A")}


def test_runs_of_news_shape_as_arabic_reshaper_shapes_them():
    runs = news_runs() | {"بيت", "لا", "الله", "اللَّه", "عبدالله", "ب\u200dب", "ىٰ", "ـبـ", "گفتگو", "\u064eبَ"}
    assert len(runs) > 450
    for run in sorted(runs):
        shaping._SHAPED.pop(run, None)
        assert shaping.shape_run(run) == reference_glyphs(run), run
        if shaping.ZWJ not in run:
            assert shaping.shaped_text(run) == "".join(g or shaping.MERGED for g in reference_glyphs(run)), run


LETTERS = sorted(set(LETTERS_ARABIC) - {shaping.ZWJ}) + ["\u0620", "\u066e"]  # and two with no forms
HARAKAT = ["\u064b", "\u064e", "\u064f", "\u0650", "\u0651", "\u0652", "\u0670", "\u0654"]
pieces = st.sampled_from(LETTERS * 3 + HARAKAT + ["\u0644\u0627", "\u0644\u0623", "\u0627\u0644\u0644\u0647", shaping.ZWJ])


@settings(max_examples=400, deadline=None)
@given(st.lists(pieces, min_size=1, max_size=8).map("".join))
def test_random_runs_shape_as_arabic_reshaper_shapes_them(run):
    shaping._SHAPED.pop(run, None)
    assert shaping.shape_run(run) == reference_glyphs(run)
    if shaping.ZWJ not in run:
        assert shaping.shaped_text(run) == "".join(g or shaping.MERGED for g in reference_glyphs(run))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(LETTERS + HARAKAT + list("ab1٢ (،") + ["الله"] * 5), min_size=1, max_size=10).map("".join))
def test_shaped_text_is_shape_joined(text):
    # Letters inside longer text, next to characters that are not Arabic letters.
    assert shaping.shaped_text(text) == "".join(g or shaping.MERGED for g in shaping.shape(text))
