"""Whole-text shaping (`shaping._shaped_whole_text`) draws what the joining groups draw.

The joining groups (`shaping._shaped_by_groups`) are the reference (arabic-reshaper
checks them: tests/test_bidi_shaping_reference.py); the whole-text pass must give the
same string for the seeds, for ~2 MB of news with ~30,000 distinct words, and for
random texts over letters, harakat, lam-alefs, Allah, lines, Latin, digits,
punctuation and presentation forms, and refuse (None) the texts it does not handle,
which `shaped_text` then shapes by groups. The Allah ligature is checked against the
way it was made before, and a text of many lines against its lines shaped one by one.
"""

from __future__ import annotations

import importlib.util
import re
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from reader.bidi import shaping
from reader.bidi.shaping import MERGED, _shaped_by_groups, _shaped_whole_text, shaped_text

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted(ROOT.glob("seeds/*.txt"))
LAM, ALEFS = "\u0644", ["\u0622", "\u0623", "\u0625", "\u0627"]
HARAKAT = [chr(code) for code in range(0x064B, 0x0653)] + ["\u0670"]
#: Characters the whole-text pass refuses: ZWJ, a mark of U+08xx, one outside the BMP.
REFUSED = ["\u200d", "\u08d3", "\U0001F600"]
TOO_MANY_MARKS = re.compile(f"[{shaping._MARKS}]{{{shaping._MARKS_IN_A_ROW + 1},}}")


def reference(text: str) -> str:
    return shaping._with_allah(text, _shaped_by_groups(text))


def allah_as_before(text: str, shaped: str) -> str:
    """`shaping._with_allah` as it was before whole-text shaping (the whole text as a
    list, words found between spaces): the oracle of its rewrite."""
    glyphs = list(shaped)
    dual, right = shaping._DUAL, shaping._RIGHT
    for match in re.finditer(f"(?<![{dual}]){shaping.ALLAH_LETTERS}(?![{dual}{right}])", text):
        start = match.start()
        word_start, word_end = text.rfind(" ", 0, start) + 1, text.find(" ", start)
        for run in shaping.SHAPING_RUN.finditer(text, word_start, len(text) if word_end < 0 else word_end):
            if run.start() <= start < run.end() and not shaping.TRANSPARENT.search(run.group()):
                glyphs[start : match.end()] = [shaping.ALLAH, MERGED, MERGED, MERGED]
    return "".join(glyphs)


@cache
def vocabulary_corpus() -> str:
    """bench/bench_render.py's ~2 MB of news with ~30,000 distinct words."""
    spec = importlib.util.spec_from_file_location("bench_render", ROOT / "bench" / "bench_render.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    return bench.vocabulary_corpus(2_000_000, 30000)


def assert_same(whole: str | None, groups: str) -> None:
    assert whole is not None
    if whole != groups:  # name the first difference rather than two 1 MB strings
        at = next((i for i, (a, b) in enumerate(zip(whole, groups)) if a != b), min(len(whole), len(groups)))
        around = slice(max(at - 5, 0), at + 5)
        pytest.fail(f"first difference at {at}: {whole[around]!r} != {groups[around]!r}")


@pytest.mark.parametrize("seed", SEEDS, ids=lambda path: path.name[:3])
def test_seed_files_shaped_whole_as_by_groups(seed):
    text = seed.read_text(encoding="utf-8")
    assert len(text) >= shaping.WHOLE_TEXT_MIN
    assert_same(_shaped_whole_text(text), _shaped_by_groups(text))
    assert shaped_text(text) == reference(text)


def test_vocabulary_corpus_shaped_whole_as_by_groups():
    text = vocabulary_corpus()
    assert len(text) > 1_000_000
    assert_same(_shaped_whole_text(text), _shaped_by_groups(text))


def test_shaped_text_takes_the_whole_text_pass_on_a_long_text(monkeypatch):
    text = "\n".join(path.read_text(encoding="utf-8") for path in SEEDS)
    expected = reference(text)

    def refused(text):
        raise AssertionError("shaped by groups")

    monkeypatch.setattr(shaping, "_shaped_by_groups", refused)
    assert shaped_text(text) == expected


def test_lam_alef_keeps_the_harakat_between_its_letters():
    text = " ".join(["\u0644\u064e\u0627", "\u0628\u0644\u0651\u064e\u0623", "\u0644\u0622\u064b"] * 50)
    shaped = _shaped_whole_text(text)
    assert shaped is not None and shaped == _shaped_by_groups(text)
    assert shaped[:4] == "\ufefb\u064e" + MERGED + " "  # isolated lam-alef, fatha, the alef drawn by it
    assert shaped[4:10] == "\ufe91\ufef8\u0651\u064e" + MERGED + " "  # final: the lam joins the beh
    assert shaped[10:14] == "\ufef5" + MERGED + "\u064b "


@pytest.mark.parametrize("refused", REFUSED + ["\ud800", "\u064e" * (shaping._MARKS_IN_A_ROW + 1)])
def test_refused_texts_are_shaped_by_groups(refused):
    text = SEEDS[0].read_text(encoding="utf-8")
    text = text[:1000] + "\u0628" + refused + "\u0628" + text[1000:]
    assert _shaped_whole_text(text) is None
    assert shaped_text(text) == reference(text)


def test_as_many_marks_in_a_row_as_taken_are_shaped_whole():
    text = ("\u0628" + "\u064e" * shaping._MARKS_IN_A_ROW + "\u0644\u0651\u0627 ") * 30
    assert_same(_shaped_whole_text(text), _shaped_by_groups(text))


PIECES = (
    sorted(shaping._LETTERS)  # tatweel included
    + HARAKAT * 2
    + [LAM] * 6 + ALEFS * 3 + ["\u0627\u0644\u0644\u0647"] * 3
    + [" "] * 6 + ["\n"] * 2
    + list("abzXY09.,!?()") + ["\u0663", "\u060c", "\u061f"]  # Arabic-Indic digit, Arabic comma and question mark
    + ["\u066e", "\u06d5", "\ufedf", "\ufe8e"]  # letters with no forms; presentation forms already there
)
texts = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)
texts_refused = st.lists(st.sampled_from(PIECES + REFUSED), max_size=60).map("".join)


@settings(max_examples=800, deadline=None)
@given(texts)
def test_random_texts_shaped_whole_as_by_groups(text):
    whole = _shaped_whole_text(text)
    if TOO_MANY_MARKS.search(text):
        assert whole is None
    else:
        assert whole == _shaped_by_groups(text)


@settings(max_examples=400, deadline=None)
@given(texts)
def test_allah_ligature_as_before(text):
    shaped = _shaped_by_groups(text)
    assert shaping._with_allah(text, shaped) == allah_as_before(text, shaped)


@settings(max_examples=300, deadline=None)
@given(texts_refused)
def test_random_texts_shaped_text_as_by_groups(text):
    if any(ch in text for ch in REFUSED):
        assert _shaped_whole_text(text) is None
    long = (text + " ") * (4000 // (len(text) + 1) + 1)
    assert len(long) >= shaping.WHOLE_TEXT_MIN  # shaped_text tries the whole text
    for sample in (text, long):
        assert shaped_text(sample) == reference(sample)


@settings(max_examples=200, deadline=None)
@given(st.lists(texts.map(lambda text: text.replace("\n", " ")), min_size=2, max_size=40))
def test_a_text_of_lines_is_its_lines_shaped_one_by_one(lines):
    text = "\n".join(lines)
    assert shaped_text(text) == "\n".join(map(shaped_text, lines))
    assert shaped_text(text) == allah_as_before(text, _shaped_by_groups(text))
