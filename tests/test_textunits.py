"""Words, sentences and paragraphs in Arabic, Persian, Urdu, Hebrew, English, Italian."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.textunits import (
    at_word_end,
    at_word_start,
    next_paragraph_start,
    next_sentence_start,
    next_word_start,
    paragraph_bounds,
    prev_paragraph_start,
    prev_sentence_start,
    prev_word_start,
    sentence_at,
    snap_to_words,
    word_at,
    word_end,
    words_between,
)


def words(text: str) -> list[str]:
    return [text[s:e] for s, e in words_between(text, 0, len(text))]


def word_under(text: str, needle: str, k: int = 0) -> str | None:
    """The word word_at finds on the k-th character of `needle` in `text`."""
    found = word_at(text, text.index(needle) + k)
    return None if found is None else text[found[0]:found[1]]


# --- words ----------------------------------------------------------------------


def test_arabic_words_keep_their_harakat_and_tatweel():
    text = "وَقَّعَتْ روسيا والصيـــن اتفاقيةً، ثم رحلت."
    assert words(text) == ["وَقَّعَتْ", "روسيا", "والصيـــن", "اتفاقيةً", "ثم", "رحلت"]


def test_arabic_word_at_a_haraka_returns_the_whole_word():
    text = "قال وَقَّعَتْ الآن"
    on_shadda = text.index("\u0651")
    assert text[slice(*word_at(text, on_shadda))] == "وَقَّعَتْ"


def test_persian_zwnj_stays_inside_the_word():
    text = "من می\u200cخواهم بروم"
    assert words(text) == ["من", "می\u200cخواهم", "بروم"]
    assert word_under(text, "\u200c") == "می\u200cخواهم"


def test_urdu_words_and_digits_of_any_script():
    text = "پاکستان نے ۲۰۲۱ میں ٢٠٢١ اور 2021 کہا۔"
    assert words(text) == ["پاکستان", "نے", "۲۰۲۱", "میں", "٢٠٢١", "اور", "2021", "کہا"]


def test_hebrew_niqqud_and_gershayim_stay_inside_the_word():
    text = 'צה״ל וְעִבְרִית ארה"ב ג\'ורג׳ אמר.'
    assert words(text) == ["צה״ל", "וְעִבְרִית", 'ארה"ב', "ג'ורג", "אמר"]


def test_latin_apostrophe_splits_elided_article_and_possessive():
    text = "memorandum d'intesa dell'Agenzia and China's plan"
    assert words(text) == ["memorandum", "d", "intesa", "dell", "Agenzia", "and", "China", "s", "plan"]


def test_combining_accent_stays_with_its_latin_base():
    text = "la citta\u0300 e\u0301 bella"
    assert words(text) == ["la", "citta\u0300", "e\u0301", "bella"]


def test_word_at_on_space_or_punctuation_is_none():
    text = "Roma, Italia"
    assert word_at(text, 4) is None
    assert word_at(text, 5) is None
    assert word_at(text, len(text)) is None


def test_next_and_prev_word_start_walk_every_word_in_mixed_text():
    text = "قالت روسكوزموس Roscosmos في بيان: «إن المحطة»."
    starts = []
    pos = 0
    while pos is not None:
        starts.append(pos)
        pos = next_word_start(text, pos)
    assert [text[s:e] for s, e in zip(starts, [word_at(text, s)[1] for s in starts])] == [
        "قالت", "روسكوزموس", "Roscosmos", "في", "بيان", "إن", "المحطة"
    ]
    assert starts == [s for s, _ in words_between(text, 0, len(text))]
    back = []
    pos = len(text)
    while (pos := prev_word_start(text, pos)) is not None:
        back.append(pos)
    assert back == starts[::-1]


def test_prev_word_start_inside_a_word_goes_to_its_start():
    text = "Stazione Lunare"
    assert prev_word_start(text, text.index("nare")) == text.index("Lunare")


def test_word_end_lands_on_the_last_letter_not_on_a_trailing_haraka():
    text = "ذهبَ الولدُ"
    first_end = word_end(text, 0)
    assert text[first_end] == "ب"
    second_end = word_end(text, first_end)
    assert text[second_end] == "د"
    assert word_end(text, second_end) is None


def test_word_end_in_english_moves_to_next_word_when_already_at_end():
    text = "the moon base"
    assert word_end(text, 0) == 2
    assert word_end(text, 2) == 7


def test_snap_to_words_expands_partial_arabic_and_latin_selections():
    text = "وقعت روسيا والصين اتفاقية with the CNSA agency"
    start = text.index("سيا")
    end = text.index("صين") + 1
    assert text[slice(*snap_to_words(text, start, end))] == "روسيا والصين"
    start = text.index("NSA")
    assert text[slice(*snap_to_words(text, start, start + 5))] == "CNSA agency"


def test_snap_to_words_trims_spaces_and_keeps_covered_punctuation():
    text = "in the U.S. today"
    start = text.index(" U.S.")
    assert text[slice(*snap_to_words(text, start, start + 5))] == "U.S."


def test_snap_to_words_of_an_empty_selection_is_the_word_under_it():
    text = "عبری עִבְרִית text"
    pos = text.index("בְ")
    assert text[slice(*snap_to_words(text, pos, pos))] == "עִבְרִית"
    space = text.index(" ")
    assert snap_to_words(text, space, space) == (space, space)


def test_snap_to_words_includes_the_last_letters_harakat():
    text = "إلى القمرِ غداً"
    start = text.index("القمر")
    assert text[slice(*snap_to_words(text, start, start + 5))] == "القمرِ"


# --- sentences -------------------------------------------------------------------


def sentences(text: str) -> list[str]:
    out = []
    pos: int | None = 0
    while pos is not None:
        found = sentence_at(text, pos)
        if found:
            out.append(text[found[0]:found[1]])
        pos = next_sentence_start(text, pos)
    return out


def test_arabic_sentences_end_at_full_stop_question_and_exclamation():
    text = "وقعت روسيا والصين اتفاقية. هل ستنضم دول أخرى؟ نعم! ربما…"
    assert sentences(text) == ["وقعت روسيا والصين اتفاقية.", "هل ستنضم دول أخرى؟", "نعم!", "ربما…"]


def test_urdu_full_stop_ends_a_sentence():
    text = "روس اور چین نے معاہدہ کیا۔ یہ اہم ہے۔"
    assert sentences(text) == ["روس اور چین نے معاہدہ کیا۔", "یہ اہم ہے۔"]


def test_persian_and_hebrew_sentences():
    assert sentences("ایران چه گفت؟ هیچ.") == ["ایران چه گفت؟", "هیچ."]
    assert sentences("רוסיה וסין חתמו. זה חשוב!") == ["רוסיה וסין חתמו.", "זה חשוב!"]


def test_english_abbreviations_and_initials_do_not_end_sentences():
    text = 'Dr. Smith met J. Doe in the U.S. capital. "It works," he said. Then he left.'
    assert sentences(text) == [
        'Dr. Smith met J. Doe in the U.S. capital.',
        '"It works," he said.',
        "Then he left.",
    ]


def test_italian_closing_quote_and_ellipsis():
    text = "Ha detto «firmeremo.» Poi... e poi basta. Fine"
    assert sentences(text) == ["Ha detto «firmeremo.»", "Poi... e poi basta.", "Fine"]


def test_decimal_point_is_not_a_sentence_end():
    assert sentences("Costa 9.5 miliardi. Sì.") == ["Costa 9.5 miliardi.", "Sì."]


def test_sentence_never_crosses_a_line():
    text = "Prima riga senza punto\nseconda riga."
    assert sentences(text) == ["Prima riga senza punto", "seconda riga."]
    assert sentence_at(text, 3) == (0, text.index("\n"))


def test_spaces_after_a_sentence_belong_to_it():
    text = "Uno.   Due."
    assert sentence_at(text, 5) == (0, 4)
    assert sentence_at(text, text.index("Due")) == (7, 11)


def test_sentence_at_on_a_blank_line_is_none():
    text = "Uno.\n\nDue."
    assert sentence_at(text, 5) is None


def test_prev_sentence_start_goes_to_current_start_then_previous_across_lines():
    text = "أولى. ثانية.\n\nثالثة طويلة."
    third = text.index("ثالثة")
    assert prev_sentence_start(text, third + 3) == third
    assert prev_sentence_start(text, third) == text.index("ثانية")
    assert prev_sentence_start(text, text.index("ثانية")) == 0
    assert prev_sentence_start(text, 0) is None


def test_next_sentence_start_skips_blank_lines_and_ends_with_none():
    text = "One. Two.\n\n  Three."
    assert next_sentence_start(text, 0) == 5
    assert next_sentence_start(text, 5) == text.index("Three")
    assert next_sentence_start(text, text.index("Three")) is None


# --- paragraphs ------------------------------------------------------------------


def test_paragraph_bounds_is_the_line_without_newline():
    text = "سطر أول\nשורה שנייה\nthird"
    second = text.index("שורה")
    assert paragraph_bounds(text, second + 2) == (second, text.index("\nthird"))
    assert paragraph_bounds(text, len(text)) == (text.index("third"), len(text))


def test_next_and_prev_paragraph_skip_blank_lines():
    text = "uno\n\n   \ndue\ntre"
    due = text.index("due")
    assert next_paragraph_start(text, 1) == due
    assert next_paragraph_start(text, due) == text.index("tre")
    assert next_paragraph_start(text, text.index("tre")) is None
    assert prev_paragraph_start(text, due) == 0
    assert prev_paragraph_start(text, due + 1) == due


# --- properties ------------------------------------------------------------------

_ALPHABET = st.sampled_from(
    list("ab Zé'.?!\n") + ["\u0301", "\u064e", "\u0651", "\u200c", "\u0640", "ب", "ل", "ا", "ی",
                            "ש", "\u05b0", "\u05f4", "؟", "۔", "٣", "\u2026", "«", "»", '"']
)
_TEXTS = st.lists(_ALPHABET, max_size=40).map("".join)


@given(_TEXTS, st.data())
@settings(max_examples=300, deadline=None)
def test_snap_to_words_is_idempotent(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    once = snap_to_words(text, start, end)
    assert snap_to_words(text, *once) == once


@given(_TEXTS, st.data())
@settings(max_examples=300, deadline=None)
def test_word_at_is_stable_inside_its_own_word(text, data):
    offset = data.draw(st.integers(0, max(0, len(text) - 1)))
    found = word_at(text, offset)
    if found is None:
        return
    start, end = found
    assert start <= offset < end
    assert all(word_at(text, i) == found for i in range(start, end))
    assert word_at(text, start - 1) != found if start else True


@given(_TEXTS, st.data())
@settings(max_examples=300, deadline=None)
def test_sentence_stays_inside_its_line_and_contains_no_blank_edges(text, data):
    offset = data.draw(st.integers(0, len(text)))
    found = sentence_at(text, offset)
    if found is None:
        return
    start, end = found
    line_start, line_end = paragraph_bounds(text, offset)
    assert line_start <= start < end <= line_end
    assert not text[start].isspace() and not text[end - 1].isspace()


def test_local_questions_on_a_long_text_do_not_scan_it():
    chunk = "وقعت روسيا والصين اتفاقية لبناء محطة أبحاث القمر الدولية. " * 20 + "\n"
    text = chunk * 8000  # about 9.5 MB
    middle = len(text) // 2
    began = time.perf_counter()
    for k in range(200):
        offset = middle + k * 37
        word_at(text, offset)
        prev_word_start(text, offset)
        next_word_start(text, offset)
        sentence_at(text, offset)
        prev_sentence_start(text, offset)
    elapsed = time.perf_counter() - began
    assert elapsed < 1.0, f"200 rounds of local questions took {elapsed:.2f}s"


def test_word_longer_than_the_search_window_is_found_whole():
    text = "x " + "ب" * 5000 + " y"
    assert word_at(text, 4000) == (2, 5002)
    assert prev_word_start(text, 4000) == 2


@pytest.mark.parametrize("text", ["", " ", "\n\n"])
def test_empty_and_blank_texts_have_no_units(text):
    assert word_at(text, 0) is None
    assert next_word_start(text, 0) is None
    assert prev_word_start(text, len(text)) is None
    assert sentence_at(text, 0) is None


def test_at_word_start_and_end_respect_joiners_and_marks():
    text = "می\u200cخواهم قمرٌ"
    assert at_word_start(text, 0) and not at_word_start(text, 3)
    assert not at_word_end(text, 2)  # before the ZWNJ: the word goes on
    assert at_word_end(text, text.index(" "))
    assert at_word_end(text, len(text)) and not at_word_end(text, len(text) - 1)


def test_short_common_words_before_a_full_stop_still_end_sentences():
    text = "He said no. We moved on. Ecco, ecc. Poi."
    assert sentences(text) == ["He said no.", "We moved on.", "Ecco, ecc.", "Poi."]
