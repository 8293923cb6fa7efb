"""Property tests of reader.bidi.layout: cell maps and terminal safety."""

from __future__ import annotations

import re

from hypothesis import given, settings, strategies as st
from rich.cells import cell_len

from reader.bidi.layout import layout_paragraph
from reader.bidi.sanitize import is_safe

ALPHABET = (
    list("abc XYZ 019 .,-%$()[]{}<>") + list("אבגד") + list("ابتثلامنهي") + list("پچژگکیۀ")
    + list("\u064b\u064e\u064f\u0650\u0651\u0652\u0670")  # harakat
    + ["\u0644\u0627", "\u0644\u0623", "\u0644\u0625", "\u0644\u0622", "\u0627\u0644\u0644\u0647"]
    + list("٠١٢۳۴") + list("中文字")  # digits, wide CJK
    + list("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")  # bidi controls
    + list("\u200b\u200c\u200d\u00ad\ufeff\u2060")  # invisible format characters
    + list("\x00\x07\x08\t\x1b\x7f\x85\x9b\x9d")  # C0/C1 controls (ESC, CSI, OSC...)
    + ["\u0300", "\u0640", "\u00a0"]
)
paragraphs = st.lists(st.sampled_from(ALPHABET), min_size=1, max_size=40).map("".join)
widths = st.one_of(st.none(), st.integers(min_value=1, max_value=30))
RAW_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _check_partition(text, layout):
    """Every logical index belongs to exactly one cell range (wide chars: 2 cells)."""
    owner = [0] * len(text)
    for line in layout.lines:
        seen = set()
        for start, end in line.cells:
            if (start, end) in seen:
                continue  # the second cell of a wide character
            seen.add((start, end))
            assert line.start <= start < end <= line.end
            for i in range(start, end):
                owner[i] += 1
    # The only characters without a cell: a paragraph with nothing visible at all.
    if any(line.cells for line in layout.lines):
        assert owner == [1] * len(text), owner


@settings(max_examples=400, deadline=None)
@given(paragraphs, widths, st.sampled_from(["auto", "ltr", "rtl"]), st.booleans(), st.booleans())
def test_cells_partition_the_paragraph(text, width, base, shape, show):
    layout = layout_paragraph(text, width, base, shape=shape, show_invisibles=show)
    _check_partition(text, layout)
    for line in layout.lines:
        assert line.width == len(line.cells) == cell_len(line.text)
        if width is not None:
            assert line.width <= max(width, 2)  # a wide char alone may overflow width 1
        for cell in range(line.width):
            assert line.cell_of(line.cells[cell][0]) is not None


@settings(max_examples=400, deadline=None)
@given(paragraphs, widths, st.booleans(), st.sampled_from(["visual", "logical"]))
def test_no_control_reaches_the_terminal(text, width, show, order):
    layout = layout_paragraph(text, width, show_invisibles=show, order=order)
    for line in layout.lines:
        assert is_safe(line.text), repr(line.text)
        assert not RAW_BIDI.search(line.text)
        line.text.encode("utf-8")  # no lone surrogate either


@settings(max_examples=200, deadline=None)
@given(paragraphs, widths)
def test_logical_order_keeps_the_text_order(text, width):
    layout = layout_paragraph(text, width, order="logical")
    starts = [s for line in layout.lines for s, _ in line.cells]
    assert starts == sorted(starts)


@given(paragraphs)
def test_layout_is_cached(text):
    assert layout_paragraph(text, 20) is layout_paragraph(text, 20)


def _engine_lines(text, width, base="auto", shape=True):
    from reader.bidi.engine import build_lines

    return build_lines(text, width, base, shape=shape, show_invisibles=False, visual=True)


SIMPLE_ALPHABET = list("abc XYZ 01 .,%$()[]") + list("אבג") + list("ابتلامني") + list("پچگکی") + [
    "\u064e", "\u0651", "\u0644\u0627", "\u0627\u0644\u0644\u0647", "٢", "۳", "中",
]


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(SIMPLE_ALPHABET), min_size=1, max_size=40).map("".join),
    widths, st.sampled_from(["auto", "ltr", "rtl"]), st.booleans(),
)
def test_word_fast_path_draws_what_the_engine_draws(text, width, base, shape):
    from reader.bidi.fastpath import build_text

    fast = build_text(text, width, base, shape)
    rtl, lines = _engine_lines(text, width, base, shape)
    if fast is not None:
        assert fast[0] == rtl
        assert [(t, w, s, e) for t, w, s, e in fast[1]] == [(t, len(c), s, e) for t, c, s, e in lines]


def test_fast_path_is_taken_on_news_and_agrees():
    from pathlib import Path

    from reader.bidi.fastpath import build_text

    taken = 0
    for seed in sorted(Path(__file__).resolve().parent.parent.glob("seeds/*.txt")):
        for paragraph in seed.read_text(encoding="utf-8").split("\n"):
            for width in (None, 20, 80):
                fast = build_text(paragraph, width, "auto", True)
                if fast is None:
                    continue
                taken += 1
                _, lines = _engine_lines(paragraph, width)
                assert [line[0] for line in fast[1]] == [line[0] for line in lines]
    assert taken > 60
