"""Folded search with offsets in the original text."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from reader.core.search import NormalizedText, find_all, find_next, fold, normalized, search_corpus

ROOT = Path(__file__).resolve().parents[1]


@dataclass(eq=False)
class Doc:
    """A stand-in with just what search needs: id, text and its hash."""

    id: str
    text: str

    @cached_property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode()).hexdigest()


def found(text: str, query: str) -> list[str]:
    return [text[s:e] for s, e in find_all(text, query)]


def test_arabic_query_matches_regardless_of_harakat_and_tatweel():
    text = "وقعت روسيا وَالصِّينُ اتفاقية مع الصيـــن"
    assert found(text, "الصين") == ["الصِّينُ", "الصيـــن"]


def test_vocalized_query_matches_bare_text():
    assert found("قال إن الصين وقعت", "الصِّينُ") == ["الصين"]


def test_alef_and_hamza_variants_match_each_other():
    text = "أحمد إحمد آحمد ٱحمد احمد"
    assert found(text, "احمد") == text.split()
    assert found(text, "أحمد") == text.split()


def test_alef_maqsura_yeh_teh_marbuta_heh_and_persian_letters_fold():
    assert found("ذهب إلى المدرسة", "الي المدرسه") == ["إلى المدرسة"]
    assert found("کتاب ایرانی", "كتاب ايراني") == ["کتاب ایرانی"]


def test_persian_zwnj_is_ignored():
    assert found("من می\u200cخواهم", "میخواهم") == ["می\u200cخواهم"]


def test_latin_case_and_accents_are_ignored():
    text = "Città di CITTÀ e citta\u0300 e Straße"
    assert found(text, "città") == ["Città", "CITTÀ", "citta\u0300"]
    assert found(text, "STRASSE") == ["Straße"]


def test_hebrew_niqqud_is_ignored():
    assert found("עִבְרִית ועברית", "עברית") == ["עִבְרִית", "עברית"]


def test_digits_of_any_script_match_ascii():
    assert found("عام ٢٠٢١ و۲۰۲۱ و2021", "2021") == ["٢٠٢١", "۲۰۲۱", "2021"]


def test_match_covers_the_trailing_marks_of_its_last_letter():
    text = "مَرْحَبًا بِكُمْ"
    assert found(text, "مرحبا") == ["مَرْحَبًا"]


def test_spaces_in_query_match_any_run_of_spaces_but_not_a_newline():
    text = "Lunar   Research\nLunar\nResearch"
    assert find_all(text, "lunar research") == [(0, 16)]


def test_query_that_folds_to_nothing_finds_nothing():
    assert find_all("كلمة", "\u064e\u0651") == []
    assert find_next("كلمة", "   ", 0) is None


def test_part_of_one_character_expansion_is_not_a_match():
    # "ß" folds to "ss"; the query "s" would match half of it.
    assert found("ßs", "s") == ["s"]


def test_find_next_forward_backward_and_wrap():
    text = "moon, Moon, MOON"
    assert find_next(text, "moon", 0) == (6, 10)
    assert find_next(text, "moon", 12) is None
    assert find_next(text, "moon", 12, wrap=True) == (0, 4)
    assert find_next(text, "moon", 12, backward=True) == (6, 10)
    assert find_next(text, "moon", 0, backward=True) is None
    assert find_next(text, "moon", 0, backward=True, wrap=True) == (12, 16)


def test_normalized_text_is_cached_by_content_hash():
    first = Doc("a", "الصين والقمر")
    second = Doc("b", "الصين والقمر")
    assert normalized(first) is normalized(second)
    assert normalized(Doc("c", "other")) is not normalized(first)


def test_search_corpus_reports_document_ids_in_order():
    docs = [Doc("ar", "روسيا والصين"), Doc("en", "Russia and China"), Doc("it", "la Cina")]
    assert search_corpus(docs, "الصين") == [("ar", 7, 12)]
    assert search_corpus(docs, "CINA") == [("it", 3, 7)]


def test_normalized_text_maps_every_folded_character_back():
    text = "ﬁ Straße وَالصِّين\u200c"
    norm = NormalizedText.build(text)
    assert norm.folded == fold(text)
    assert len(norm.origin) == len(norm.folded)
    assert "".join(fold(text[int(i)]) for i in sorted(set(norm.origin))) == norm.folded


_PIECES = st.sampled_from(
    ["ا", "أ", "إ", "آ", "ل", "ص", "ي", "ى", "ة", "ه", "\u064e", "\u0651", "\u0640", "\u200c",
     "a", "A", "é", "e\u0301", "ß", "s", "S", "İ", " ", "ש", "\u05b8", "٣", "3", "ﬁ", "."]
)
_TEXT = st.lists(_PIECES, min_size=1, max_size=30).map("".join)


@given(_TEXT, st.data())
@settings(max_examples=400, deadline=None)
def test_every_match_slice_folds_to_the_query(text, data):
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    query = text[start:end]
    assume(fold(query).strip())
    hits = find_all(text, query)
    for s, e in hits:
        assert " ".join(fold(text[s:e]).split()) == " ".join(fold(query).split())
    # The query cut from the text is found, unless it starts or ends inside a
    # character's expansion, which a cut on original characters never does.
    assert hits


@given(_TEXT)
@settings(max_examples=200, deadline=None)
def test_folding_is_per_character(text):
    assert fold(text) == "".join(fold(c) for c in text)


@given(_TEXT)
@settings(max_examples=300, deadline=None)
def test_document_folding_on_arrays_equals_fold_and_maps_back(text):
    norm = NormalizedText.build(text)
    assert norm.folded == fold(text)
    origin = list(range(len(text))) if norm.origin is None else [int(i) for i in norm.origin]
    assert origin == sorted(origin)
    rebuilt = "".join(fold(text[i]) for i in dict.fromkeys(origin))
    assert rebuilt == norm.folded


def test_bench_search_runs_quick():
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "bench_search.py"), "--quick"],
        capture_output=True, text=True, timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 0, result.stderr
    assert "ratio" in result.stdout
