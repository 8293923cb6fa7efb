"""reader.bidi.uba.resolve_paragraphs (many paragraphs at once) gives exactly
what resolve_paragraph gives one paragraph at a time."""

from __future__ import annotations

import importlib.util
import random
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.bidi import uba
from reader.bidi.uba import resolve_paragraph, resolve_paragraphs
from test_uba_conformance import REPRESENTATIVE

ROOT = Path(__file__).resolve().parent.parent
UCD = Path("/usr/share/unicode")
CHARACTER_TEST = UCD / "BidiCharacterTest.txt"
CLASS_TEST = UCD / "BidiTest.txt"
BASES = ("auto", "ltr", "rtl")


def one_by_one(texts: list[str], base: str) -> list[tuple[int, bytes]]:
    return [(p.para_level, p.level_bytes) for p in (resolve_paragraph(t, base) for t in texts)]


def assert_batch_equal(texts: list[str], base: str) -> None:
    got = resolve_paragraphs(texts, base)
    want = one_by_one(texts, base)
    assert len(got) == len(want)
    wrong = [(t, g, w) for t, g, w in zip(texts, got, want) if g != w]
    assert not wrong, (
        f"{len(wrong)} of {len(texts)} paragraphs differ ({base}); first: "
        f"{wrong[0][0]!r}\n    batch {wrong[0][1]}\n    alone {wrong[0][2]}"
    )


def in_random_batches(cases: list[str], base: str, seed: int) -> None:
    """All cases, shuffled, in batches of 1 to 50."""
    rng = random.Random(seed)
    cases = cases[:]
    rng.shuffle(cases)
    failures, i = [], 0
    while i < len(cases):
        batch = cases[i:i + rng.randint(1, 50)]
        i += len(batch)
        got, want = resolve_paragraphs(batch, base), one_by_one(batch, base)
        failures += [(t, g, w) for t, g, w in zip(batch, got, want) if g != w]
        assert len(got) == len(batch)
    assert not failures, (
        f"{len(failures)} of {len(cases)} cases differ ({base}); first 5:\n"
        + "\n".join(f"{t!r}\n    batch {g}\n    alone {w}" for t, g, w in failures[:5])
    )


# --- The Unicode test files ------------------------------------------------------


@cache
def _character_cases() -> dict[str, list[str]]:
    if not CHARACTER_TEST.exists():
        pytest.skip(f"{CHARACTER_TEST} missing: install Debian unicode-data")
    cases: dict[str, list[str]] = {"auto": [], "ltr": [], "rtl": []}
    for line in CHARACTER_TEST.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            cps, direction = line.split(";")[:2]
            text = "".join(chr(int(c, 16)) for c in cps.split())
            cases[{"0": "ltr", "1": "rtl", "2": "auto"}[direction]].append(text)
    return cases


@pytest.mark.parametrize("base", BASES)
def test_bidi_character_test_in_random_batches(base):
    cases = _character_cases()
    assert sum(map(len, cases.values())) > 90_000
    in_random_batches(cases[base], base, seed=15)


# BidiTest.txt lists class sequences: one character of each class, as in
# test_uba_conformance (REPRESENTATIVE, imported above).
CLASS_SAMPLE = 60_000  # of ~770,000 cases (every paragraph direction counted)


@cache
def _class_cases() -> dict[str, list[str]]:
    if not CLASS_TEST.exists():
        pytest.skip(f"{CLASS_TEST} missing: install Debian unicode-data")
    cases: dict[str, list[str]] = {"auto": [], "ltr": [], "rtl": []}
    for line in CLASS_TEST.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith(("#", "@")):
            classes, bits = line.split(";")
            text = "".join(REPRESENTATIVE[c] for c in classes.split())
            for bit, base in ((1, "auto"), (2, "ltr"), (4, "rtl")):
                if int(bits) & bit:
                    cases[base].append(text)
    return cases


@pytest.mark.parametrize("base", BASES)
def test_bidi_test_sample_in_random_batches(base):
    cases = _class_cases()[base]
    assert len(cases) > 200_000
    sample = random.Random(9).sample(cases, CLASS_SAMPLE // 3)
    in_random_batches(sample, base, seed=16)


# --- News ------------------------------------------------------------------------

SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


@pytest.mark.parametrize("base", BASES)
def test_seed_paragraphs(base):
    texts = [line for seed in SEEDS for line in seed.read_text(encoding="utf-8").split("\n")]
    assert len(texts) > 60
    assert_batch_equal(texts, base)
    in_random_batches(texts, base, seed=17)


@cache
def _vocabulary_corpus() -> list[str]:
    """bench/bench_render.py's news with ~30,000 distinct words (500 KB of it)."""
    spec = importlib.util.spec_from_file_location("bench_render", ROOT / "bench" / "bench_render.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    return bench.vocabulary_corpus(500_000, 30000).split("\n")


@pytest.mark.parametrize("base", BASES)
def test_vocabulary_corpus(base):
    texts = _vocabulary_corpus()
    assert len(texts) > 300
    assert_batch_equal(texts, base)


# --- Cases the joins could get wrong ------------------------------------------------

JOIN_CASES = [
    # N0: an opener left open in one paragraph, a closer in the next (paired,
    # the closer would take the direction of what it encloses and its context).
    ["a (b", "c) \u05d0"],  # RTL: ")" alone is R (N2), paired L
    ["\u05d0 [\u05d1", "\u05d2] a"],  # LTR: "]" alone is L (N2), paired R
    ["\u0627 (\u0628", "\u0629) a"],
    # N0: the context of a paragraph's first pair is sos, not the previous paragraph.
    ["abc def", "(\u05d0) x"],
    ["\u05d0 abc", "(def) \u05d1"],
    ["\u05d0 abc", "x (def) \u05d1"],
    # BD16: 63 openers fill the stack of one paragraph only.
    ["\u05d0 " + "(" * 70 + "b", "\u05d0 (b) c", "a [\u05d0] b"],
    ["\u05d0 (b) " + "[" * 64, "(\u05d1) a"],
    # W1: a mark at a paragraph's start takes sos.
    ["abc", "\u0300\u0300 1", "\u0627", "\u064e\u064e 2"],
    # W2: AL in one paragraph, a number at the start of the next.
    ["\u0627", "1 a", "\u0627 b", "2"],
    ["\u0627 x", "1 \u0627", "2"],
    # W4 and W5: numbers, separators and terminators at the ends (an ET at
    # the end of one paragraph, a number at the start of the next).
    ["1,", "2", "1", ",2", "%", "1%", "%1"],
    ["a \u05d0 %", "1 a \u05d0", "\u05d0 a %", "1 \u05d0 a", "a \u05d0 1,", "2 \u05d0"],
    ["\u05d0 1", "+2 \u05d0", "\u0660,", "\u0661"],
    # W7: L in one paragraph, a number at the start of the next.
    ["\u05d0 a", "1 \u05d0", "a", "2 \u05d1"],
    # N1: neutrals at the ends of paragraphs.
    ["a ", " a", "\u05d0 ", " \u05d0", "1 ", " 1", "\u0660 ", " \u0660"],
    ["", "", " ", "\t"],
    # X9: removed characters (BN) at either end and in the middle; BN
    # characters outside uba._COMMON_BN (U+2062, U+0001).
    ["\u200d", "a\u200d", "\u200d\u05d0", "\u0627\u200c\u064e 1", "\u00ad(\u05d0\u00ad)\u00ad"],
    ["\u0627\u2062\u200c1", "\x01a\u2062(\u05d0\u200d)", "b\u2062\u2062", "\u2062"],
    # Paragraphs all at their level next to ones that are not.
    ["plain 2023 text", "text quoting \u0627\u0644 1", "more (text)", "\u05d0\u05d1", "\u05d0 b"],
    # Explicit paragraphs among implicit ones.
    ["\u05d0 (a", "\u202bb)\u202c", "c) \u05d1", "\u2067x\u2069 (", "\u2029)"],
]


@pytest.mark.parametrize("base", BASES)
@pytest.mark.parametrize("texts", JOIN_CASES, ids=range(len(JOIN_CASES)))
def test_join_cases(texts, base):
    assert_batch_equal(texts, base)
    assert_batch_equal(texts[::-1], base)
    assert_batch_equal(texts * 3, base)


def test_brackets_do_not_pair_across_paragraphs():
    # RTL.  Alone, the second paragraph's ")" has no partner: a neutral between
    # L and R, it takes the embedding direction (N2), level 1.  Paired with the
    # "(" of the first paragraph it would enclose only L with L before it: L (N0).
    texts = ["a (b", "c) \u05d0"]
    assert resolve_paragraphs(texts, "rtl") == [(1, b"\2\2\2\2"), (1, b"\2\1\1\1")]
    assert resolve_paragraph("a (bc) \u05d0", "rtl").level_bytes == b"\2\2\2\2\2\2\1\1"
    # The context of a paragraph's first pair is sos (R), not the L before it.
    texts = ["\u05d0 abc", "(def) \u05d1"]
    assert resolve_paragraphs(texts, "rtl")[1] == (1, b"\1\2\2\2\1\1\1")
    assert resolve_paragraph("\u05d0 abc (def) \u05d1", "rtl").level_bytes[6:] == b"\2\2\2\2\2\1\1"


def test_uncommon_bn_before_brackets():
    # X9 takes U+2062 (BN, not one of uba._COMMON_BN) out of the text as well
    # as the classes: the brackets after it still pair (N0: R inside an RTL
    # paragraph, whatever they enclose, as the context before them is R).
    text = "\u05d0\u2062 (a) b"
    want = b"\1\xff\1\1\2\1\1\2"
    assert resolve_paragraph(text, "rtl").level_bytes == want
    assert resolve_paragraphs([text, text], "rtl") == [(1, want)] * 2


# --- Random paragraphs ---------------------------------------------------------------

PLAIN = (
    "ابتثجحخدذرسشصضطظعغفقكلمنهوي"  # Arabic letters (AL)
    "\u064b\u064e\u0650\u0651\u0652\u0670"  # harakat (NSM)
    "אבגדהוזחט"  # Hebrew (R)
    "abcXYZ"  # Latin (L)
    "0123456789"  # EN
    "٠١٢٣٤٥٦٧٨٩"  # AN
    ",.:/%$+-"  # CS, ES, ET
    "()[]«»{}"  # brackets (ON)
    "!\"؟  \t"  # ON, WS, S
)
CONTROLS = (
    "\u202a\u202b\u202c\u202d\u202e"  # LRE RLE PDF LRO RLO
    "\u2066\u2067\u2068\u2069"  # LRI RLI FSI PDI
    "\u200e\u200f\u061c"  # LRM RLM ALM
    "\u2029"  # paragraph separator (B) inside a text
)
REMOVED = "\u200c\u200d\u00ad\ufeff\u200b\u2062\x01"  # ZWNJ ZWJ SHY BOM ZWSP, others (BN)

plain = st.text(alphabet=PLAIN, max_size=40)
with_bn = st.text(alphabet=PLAIN + REMOVED, max_size=40)
with_controls = st.text(alphabet=PLAIN + REMOVED + CONTROLS, max_size=40)
# Mostly implicit paragraphs: those are what is batched.
paragraphs = st.lists(st.one_of(plain, plain, with_bn, with_controls), max_size=30)


@settings(max_examples=1500, deadline=None)
@given(paragraphs, st.sampled_from(BASES))
def test_random_paragraphs(texts, base):
    assert_batch_equal(texts, base)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.text(alphabet="(([[]))«»a\u05d0\u0627 1", max_size=12), max_size=20),
    st.sampled_from(BASES),
)
def test_random_bracket_paragraphs(texts, base):
    assert_batch_equal(texts, base)


@pytest.mark.parametrize(
    "text",
    [
        "\u05d0 " + "(" * 70 + "a) (b) ",  # N0: each paragraph's brackets found in O(log n)
        "\u0627 1% $2 " * 10,  # W2, W5, W7: numbers looked back at up to a strong character
        "\u0627" + "\u064e" * 50 + " a\u0300 1",  # W1: marks not after a letter
    ],
    ids=["brackets", "numbers", "marks"],
)
def test_large_batches(text):
    # Thousands of paragraphs resolved as one sequence, each the worst case of one
    # rule (how long that takes is bench/bench_uba.py's business, not a test's).
    texts = [text] * 5_000
    assert resolve_paragraphs(texts) == one_by_one(texts[:1], "auto") * 5_000


# --- The API -----------------------------------------------------------------------


def test_empty_and_types():
    assert resolve_paragraphs([]) == []
    assert resolve_paragraphs([""]) == [(0, b"")]
    assert resolve_paragraphs(["", ""], "rtl") == [(1, b""), (1, b"")]
    ((level, levels),) = resolve_paragraphs(["\u05d0 abc"])
    assert level == 1 and levels == b"\x01\x01\x02\x02\x02"
    assert type(levels) is bytes
    assert resolve_paragraphs(("abc", "\u05d0")) == [(0, b"\0\0\0"), (1, b"\1")]  # any sequence


def test_bad_base():
    with pytest.raises(ValueError):
        resolve_paragraphs(["a"], "up")
    with pytest.raises(ValueError):
        resolve_paragraphs([], "up")


def test_implicit_paragraphs_are_resolved_together(monkeypatch):
    """One sequence per paragraph level; paragraphs with controls one by one;
    paragraphs all at their level (no opposite strong, no numbers) neither."""
    batched, alone = [], []
    resolve_batch, resolve_one = uba._resolve_implicit_batch, uba.resolve_paragraph
    monkeypatch.setattr(uba, "_resolve_implicit_batch", lambda *a: batched.append(a) or resolve_batch(*a))
    monkeypatch.setattr(uba, "resolve_paragraph", lambda *a: alone.append(a) or resolve_one(*a))
    texts = ["abc \u05d0", "\u05d0 abc", "\u0627 1 (x)", "x\u200dy", "a\u202bb\u202c", "z", "\u05d0"] * 20
    got = resolve_paragraphs(texts)
    assert sorted(len(classes) for classes, _, _ in batched) == [20, 40]  # one batch per level
    assert alone == [("a\u202bb\u202c", "auto")] * 20
    monkeypatch.undo()
    assert got == one_by_one(texts, "auto")
    assert got[3] == (0, b"\0\xff\0") and got[5] == (0, b"\0") and got[6] == (1, b"\1")
