"""The word fast path (reader.bidi.fastpath) draws exactly what the full engine draws.

Compared line by line (text, cells, logical start and end) with engine.build_lines on
random paragraphs and on real news, and layout_texts (what `reader render` prints)
with layout_paragraph for every option.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from reader.bidi import fastpath
from reader.bidi.engine import build_lines
from reader.bidi.layout import layout_document, layout_paragraph, layout_texts

ROOT = Path(__file__).resolve().parent.parent

#: Pieces of words: Latin, digits, neutrals and brackets (mirrored at odd levels),
#: Hebrew, Arabic/Persian letters, harakat, lam-alef and Allah, Arabic-Indic digits,
#: a tatweel, a no-break space, a Latin combining accent, wide CJK, an emoji + VS16,
#: an astral emoji, Hebrew niqqud, presentation forms already in the source.
PIECES = (
    list("abcXYZW019.,:%$+-#()[]{}<>«»/") + list("אבג") + list("ابتلامنيهة") + list("پچگکی")
    + ["\u064e", "\u064b", "\u0651", "\u0644\u0627", "\u0644\u0623", "\u0627\u0644\u0644\u0647"]
    + list("٠١٢۳") + ["\u0640", "\u00a0", "e\u0301", "中", "\u2764\ufe0f"]
    + ["\U0001f44d", "\u05b8", "\ufefb", "\ufdf2", "\u0300"]
)
words = st.lists(st.sampled_from(PIECES), min_size=1, max_size=6).map("".join)
#: Between words, and at either end: one space mostly, sometimes a run of them (text
#: scraped from the web has double spaces, indented and space-padded lines).
spaces = st.sampled_from([" ", " ", " ", "  ", "   "])
paragraphs = st.tuples(
    st.sampled_from(["", "", " ", "  "]), st.lists(st.tuples(words, spaces), min_size=1, max_size=14),
    st.sampled_from(["", "", " ", "   "]),
).map(lambda t: t[0] + "".join(w + s for w, s in t[1])[: -len(t[1][-1][1])] + t[2])
widths = st.one_of(st.none(), st.integers(min_value=1, max_value=30))
bases = st.sampled_from(["auto", "ltr", "rtl"])


def engine_lines(text, width, base="auto", shape=True):
    """(rtl, [(text, cells, start, end)]) from the full engine."""
    rtl, lines = build_lines(text, width, base, shape=shape, show_invisibles=False, visual=True)
    return rtl, [(t, len(cells), start, end) for t, cells, start, end in lines]


@settings(max_examples=600, deadline=None)
@given(paragraphs, widths, bases, st.booleans())
def test_fast_path_matches_the_engine_on_random_paragraphs(text, width, base, shape):
    fast = fastpath.build_text(text, width, base, shape)
    if fast is not None:
        assert fast == engine_lines(text, width, base, shape)


def test_fast_path_is_taken_for_most_random_paragraphs():
    # Guards the test above: it proves nothing if the fast path always declines.
    rng = random.Random(7)
    taken = 0
    for _ in range(300):
        text = " ".join("".join(rng.choice(PIECES) for _ in range(rng.randint(1, 5))) for _ in range(10))
        if rng.random() < 0.3:  # runs of spaces, as scraped text has them
            text = " " + text.replace(" ", "  ", 3) + "  "
        width, base = rng.choice([None, 12, 25]), rng.choice(["auto", "ltr", "rtl"])
        fast = fastpath.build_text(text, width, base, True)
        if fast is not None:
            taken += 1
            assert fast == engine_lines(text, width, base)
    assert taken > 100  # words starting with a mark, narrow lines... go to the engine


def news_paragraphs() -> list[str]:
    """Every paragraph of the seeds, and the same sentences shuffled into new paragraphs."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(ROOT.glob("seeds/*.txt"))]
    found = [line for text in texts for line in text.split("\n") if line.strip()]
    rng = random.Random(3)
    sentences = [s.strip() for text in texts for s in text.replace("\n", ".").split(".") if s.strip()]
    for _ in range(150):
        found.append(" ".join(". ".join(rng.sample(sentences, rng.randint(1, 4))).split()) + ".")
    return found


@pytest.mark.parametrize("width", [None, 9, 20, 37, 80])
@pytest.mark.parametrize("base", ["auto", "ltr", "rtl"])
def test_fast_path_matches_the_engine_on_news(width, base):
    taken = 0
    for paragraph in news_paragraphs():
        fast = fastpath.build_text(paragraph, width, base, True)
        if fast is None:
            continue
        taken += 1
        assert fast == engine_lines(paragraph, width, base), paragraph[:60]
    assert taken > (150 if width is None or width >= 20 else 20)  # narrow: long words split


def test_a_line_break_inside_a_latin_phrase_of_an_rtl_paragraph():
    # The break space is inside a level-2 run: that line cannot be a slice of the
    # paragraph drawn as one line, and is drawn on its own.
    text = "وقعت وكالة Roscosmos State Space Corporation اتفاقية في عام 2021 مع الصين"
    for width in range(12, 40):
        fast = fastpath.build_text(text, width, "auto", True)
        assert fast is not None
        assert fast == engine_lines(text, width)


def test_three_levels_in_a_line_use_the_general_order():
    # An LTR paragraph quoting Arabic with a number in it: levels 0, 1 and 2.
    text = "The agreement (اتفاقية عام ٢٠٢١ بين روسيا والصين) was signed in Moscow."
    for width in (None, 20, 30, 50):
        fast = fastpath.build_text(text, width, "auto", True)
        assert fast is not None
        assert fast == engine_lines(text, width)


@pytest.mark.parametrize(
    "text",
    [
        "   ",  # nothing but spaces: they are the paragraph's content
        "tab\there",
        "zwnj\u200cinside",
        "ctrl\x1b[31m",
        "\u064eمرحبا",  # a word beginning with a mark
        "thin\u2009space",
        "",
    ],
)
def test_paragraphs_the_fast_path_leaves_to_the_engine(text):
    assert fastpath.build_text(text, 20, "auto", True) is None


@pytest.mark.parametrize("width", [None, 9, 20, 80])
def test_runs_of_spaces_take_the_fast_path_and_draw_what_the_engine_draws(width):
    # Scraped news: two spaces after a full stop, indented and space-padded lines.
    # These went to the full engine, ~6 times slower for a whole document.
    taken = 0
    for paragraph in news_paragraphs()[:80]:
        for text in (paragraph.replace(". ", ".  "), "  " + paragraph.replace(" ", "   ", 5) + " "):
            fast = fastpath.build_text(text, width, "auto", True)
            if fast is not None:
                taken += 1
                assert fast == engine_lines(text, width), text[:60]
    assert taken > (80 if width is None or width >= 20 else 10)


def test_spaces_that_hang_belong_to_the_line_before_them():
    text = "  روسيا  Roscosmos  "
    assert fastpath.build_text(text, 10, "auto", True) == engine_lines(text, 10)
    assert [(start, end) for _, _, start, end in fastpath.build_text(text, 10, "auto", True)[1]] == [(0, 9), (9, 20)]


def test_a_word_wider_than_the_line_goes_to_the_engine():
    assert fastpath.build_text("short extraordinarily", 10, "auto", True) is None
    assert fastpath.build_text("short extraordinarily", 21, "auto", True) is not None


OPTIONS = [
    {},
    {"shape": False},
    {"show_invisibles": True},
    {"order": "logical"},
    {"base": "rtl"},
]


@pytest.mark.parametrize("options", OPTIONS, ids=lambda o: ",".join(f"{k}={v}" for k, v in o.items()) or "default")
def test_layout_texts_draws_what_layout_paragraph_draws(options):
    samples = news_paragraphs()[::7] + [
        "a\u200fb\u202bשלום\u202c c", "tab\there", "x  y", "\u0651", "中文 字", "",
    ]
    for width in (None, 15, 80):
        for text in samples:
            rtl, lines = layout_texts(text, width, **options)
            layout = layout_paragraph(text, width, **options)
            assert rtl == layout.rtl
            assert lines == [(ln.text, ln.width, ln.start, ln.end) for ln in layout.lines]


def test_layout_texts_rejects_what_layout_paragraph_rejects():
    for bad in ({"base": "up"}, {"order": "random"}):
        with pytest.raises(ValueError):
            layout_texts("abc", 10, **bad)
    with pytest.raises(ValueError):
        layout_texts("abc", 0)


def test_a_capital_w_is_one_cell_in_an_ascii_paragraph():
    # An ASCII paragraph is its own proxy: no letter may be taken for a wide cell.
    text = "Wow Wow Wow Wow"
    assert fastpath.build_text(text, 8, "auto", True) == engine_lines(text, 8)
    assert [line[0] for line in engine_lines(text, 8)[1]] == ["Wow Wow", "Wow Wow"]


@settings(max_examples=150, deadline=None)
@given(st.lists(words, min_size=1, max_size=30, unique=True), st.booleans())
def test_words_learned_together_have_the_forms_they_have_alone(batch, shape):
    # New words are learned as one text; a word's forms must not depend on its neighbours.
    mirrors, wide, rejected = fastpath.words_forms(batch, shape)
    for word in batch:
        alone = fastpath.word_forms(word, shape)
        assert (word in rejected) == (alone is None)
        if alone is not None:
            assert (wide.get(word) or fastpath.proxy_from_mirror(mirrors[word]), mirrors[word]) == alone
    assert set(mirrors) == set(batch) - rejected
    assert set(wide) <= set(mirrors)


def test_news_words_learned_together_have_the_forms_they_have_alone():
    batch = sorted({word for paragraph in news_paragraphs() for word in paragraph.split(" ")})
    mirrors, wide, rejected = fastpath.words_forms(batch, True)
    assert len(mirrors) > 1000 and not wide
    assert {word: fastpath.word_forms(word, True) for word in batch} == {
        word: (fastpath.proxy_from_mirror(mirrors[word]), mirrors[word]) if word in mirrors else None
        for word in batch
    }


@pytest.mark.parametrize("wide", [False, True])
def test_the_proxy_read_from_the_mirror_breaks_lines_as_the_words_proxies(wide, monkeypatch):
    # Without wide characters learned, a paragraph's proxy is its mirror read backwards;
    # after one, the words' own proxies. Both must wrap as the engine does.
    monkeypatch.setattr(fastpath._FORMS[True], "wide", wide)
    vocalized = "وَقَالَتْ الْوِكَالَةُ إِنَّ الْمَحَطَّةَ لَا تَزَالُ قَيْدَ الدِّرَاسَةِ فِي (عَامِ 2021) لِلْعُلَمَاءِ"
    taken = 0
    for paragraph in news_paragraphs()[:60] + [vocalized]:
        for width in (9, 23, 80):
            fast = fastpath.build_text(paragraph, width, "auto", True)
            if fast is not None:
                taken += 1
                assert fast == engine_lines(paragraph, width)
    assert taken > 100  # narrow widths send long words to the engine
    assert fastpath.build_text(vocalized, 23, "auto", True) is not None


@pytest.mark.parametrize(
    "options",
    [{}, {"shape": False}, {"base": "rtl"}, {"order": "logical"}, {"show_invisibles": True}, {"width": None}],
)
def test_a_document_laid_out_at_once_is_its_paragraphs_laid_out_one_by_one(options):
    paragraphs = news_paragraphs()[:40] + ["", "  ", "Wow Wow", "tab\there \x1b[31m", "中文 and ❤️ עברית"]
    width = options.pop("width", 31)
    base = options.pop("base", "auto")
    together = list(layout_document(paragraphs, width, base, **options))
    assert together == [layout_texts(p, width, base, **options) for p in paragraphs]
