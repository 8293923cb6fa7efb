"""A document's forms made at once (reader.bidi.document_forms) draw what the word
path and the full engine draw, paragraph by paragraph; and they are really used.

`reader render` lays a document out through `layout.layout_document`, which takes
every paragraph's mirror and proxy from `DocumentForms`; these tests hold it to
`layout_texts` (one paragraph at a time, the word path) and to the full engine.
"""

from __future__ import annotations

import random
from pathlib import Path

from hypothesis import given, settings, strategies as st

from reader.bidi import fastpath
from reader.bidi.document_forms import DocumentForms, _Ordinary
from reader.bidi.layout import layout_document, layout_texts
from test_bidi_fastpath import engine_lines, paragraphs as random_paragraphs

ROOT = Path(__file__).resolve().parent.parent


def seed_paragraphs() -> list[str]:
    return [
        line for path in sorted((ROOT / "seeds").glob("*.txt"))
        for line in path.read_text(encoding="utf-8").split("\n")
    ]


def news_paragraphs(count: int = 300) -> list[str]:
    """Shuffled seed words in paragraphs of 20-120 words, some words vocalized, some
    wrapped in brackets or quotes."""
    rng = random.Random(3)
    words = " ".join(seed_paragraphs()).split()
    harakat = ["\u064e", "\u064b", "\u0651", "\u0651\u064e", "\u0650"]
    out = []
    for _ in range(count):
        picked = rng.choices(words, k=rng.randint(20, 120))
        for i in range(len(picked)):
            roll = rng.random()
            if roll < 0.05 and picked[i][0] >= "\u0621":
                picked[i] += rng.choice(harakat)
            elif roll < 0.08:
                picked[i] = rng.choice(["(", "«", "[", '"']) + picked[i] + rng.choice([")", "»", "]", '"'])
        out.append(" ".join(picked))
    return out


def laid_out_one_by_one(paragraphs, width, base="auto", shape=True):
    return [layout_texts(p, width, base, shape=shape) for p in paragraphs]


def test_seeds_and_news_laid_out_at_once_as_one_by_one():
    paragraphs = seed_paragraphs() + news_paragraphs()
    for width in (None, 20, 40, 80):
        for base in ("auto", "rtl"):
            together = list(layout_document(paragraphs, width, base))
            assert together == laid_out_one_by_one(paragraphs, width, base), (width, base)


def test_the_document_forms_are_taken_for_ordinary_news():
    # Guards the test above: it proves little if every paragraph took the word path.
    paragraphs = seed_paragraphs() + news_paragraphs()
    scan = _Ordinary.get().scan("\n".join(paragraphs))
    assert scan is not None and scan.mark_runs()  # ordinary, with harakat
    forms = DocumentForms(paragraphs, shape=True)
    taken = [i for i, p in enumerate(paragraphs) if p.strip(" ") and forms.forms(i) is not None]
    assert len(taken) == len([p for p in paragraphs if p.strip(" ")])
    for i in taken:
        assert fastpath.build_text(paragraphs[i], 40, "auto", True, drawn=forms.forms(i)) == engine_lines(
            paragraphs[i], 40
        )


@settings(max_examples=300, deadline=None)
@given(st.lists(random_paragraphs, min_size=1, max_size=6), st.sampled_from([None, 7, 15, 30]),
       st.sampled_from(["auto", "ltr", "rtl"]), st.booleans())
def test_random_documents_laid_out_at_once_as_one_by_one(paragraphs, width, base, shape):
    together = list(layout_document(paragraphs, width, base, shape=shape))
    assert together == laid_out_one_by_one(paragraphs, width, base, shape)


@settings(max_examples=300, deadline=None)
@given(st.lists(random_paragraphs, min_size=1, max_size=6), st.sampled_from([None, 9, 30]), st.booleans())
def test_document_forms_draw_what_the_engine_draws(paragraphs, width, shape):
    forms = DocumentForms(paragraphs, shape)
    for index, text in enumerate(paragraphs):
        drawn = forms.forms(index)
        if drawn is None:
            continue
        fast = fastpath.build_text(text, width, "auto", shape, drawn=drawn)
        if fast is not None:
            assert fast == engine_lines(text, width, "auto", shape)


def test_paragraphs_out_of_the_ordinary_take_the_word_path_and_leave_the_others_alone():
    odd_ones = [
        "\u064eأول كلمة بحركة",  # a paragraph that begins with a mark
        "كلمة \u0651بحركة في أولها",  # a word that does
        "نص مع \x1b[31m تحكم",  # a control
        "نص مع 中文 عريض",  # wide characters
        "نص\u200dمع وصل",  # ZWJ
        "two\u2003spaces",  # a space a line may break at, other than U+0020
    ]
    plain = ["السلام عليكم (مرحبا) 2021", "وقال رئيس الوكالة روسكوسموس"]
    for odd in odd_ones:
        paragraphs = [plain[0], odd, plain[1]]
        forms = DocumentForms(paragraphs, shape=True)
        assert forms.forms(1) is None, odd
        assert forms.forms(0) is not None and forms.forms(2) is not None, odd
        assert list(layout_document(paragraphs, 12)) == laid_out_one_by_one(paragraphs, 12), odd


def test_ordinary_text_is_told_apart_in_one_pass():
    ordinary = _Ordinary.get()
    plain = ordinary.scan("مرحبا بالعالم\nשלום עולם\nHello, world (2021) «ok»")
    assert plain is not None and plain.mark_runs() == []
    assert ordinary.scan("دَعمًا").mark_runs() == [(1, 2), (4, 5)]
    assert ordinary.scan("مُحمَّدٌ").mark_runs() == [(1, 2), (4, 6), (7, 8)]
    for odd in ("a\x00b", "a\tb", "中", "a\u200fb", "\U0001f44d", "a\u2003b", "\u0301"):
        assert ordinary.scan(odd) is None, repr(odd)
    assert ordinary.scan("(a) «ب» [c]").mirrored() == [0, 2, 4, 6, 8, 10]
    assert ordinary.scan("كلمة \u0651بحركة").mark_first()
    assert not ordinary.scan("كلمةّ بحركة").mark_first()
