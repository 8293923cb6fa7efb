"""Arabic proclitics cut from a selected word, conservatively."""

from __future__ import annotations

import pytest

from reader.core.clitics import name_start, strip_clitics


def cut(word: str, article: bool) -> str:
    return word[name_start(word, article=article):]


@pytest.mark.parametrize(
    ("word", "kept", "bare"),
    [
        ("والصين", "الصين", "صين"),        # conjunction + article
        ("بالقمر", "القمر", "قمر"),        # preposition + article
        ("للفضاء", "فضاء", "فضاء"),        # ل + contracted article: both go
        ("وللفضاء", "فضاء", "فضاء"),       # و + ل + contracted article
        ("وبروسيا", "روسيا", "روسيا"),     # conjunction + preposition, no article
        ("لإسرائيل", "إسرائيل", "إسرائيل"),
        ("فالحكومة", "الحكومة", "حكومة"),
        ("كالعادة", "العادة", "عادة"),
        ("الصين", "الصين", "صين"),          # the article alone
    ],
)
def test_clitics_and_article_are_cut(word, kept, bare):
    assert cut(word, article=False) == kept
    assert cut(word, article=True) == bare


@pytest.mark.parametrize("word", ["فيما", "لكن", "بين", "كان", "ومصر", "لله", "وقعت", "بكين"])
def test_short_words_keep_their_first_letter(word):
    assert cut(word, article=True) == word


@pytest.mark.parametrize(
    "word", ["وزير", "وكالة", "وكالتا", "فرنسا", "فلسطين", "بريطانيا", "برنامج", "بيانات", "كانت", "لبنان", "واشنطن"]
)
def test_root_initial_words_and_names_are_not_cut(word):
    assert cut(word, article=True) == word


@pytest.mark.parametrize(("word", "expected"), [("الله", "الله"), ("بالله", "الله"), ("والذي", "الذي"),
                                                 ("التي", "التي"), ("ألمانيا", "ألمانيا"), ("والمانيا", "المانيا")])
def test_words_whose_al_is_not_the_article_keep_it(word, expected):
    assert cut(word, article=True) == expected


def test_ل_initial_names_after_ل_are_not_read_as_contracted_article():
    assert cut("للبنان", article=True) == "لبنان"
    assert cut("للجنة", article=True) == "لجنة"


def test_harakat_on_cut_letters_go_with_them():
    assert cut("وَالصِّينِ", article=False) == "الصِّينِ"
    assert cut("وَبِرُوسْيَا", article=True) == "رُوسْيَا"


def test_non_arabic_words_are_left_alone():
    assert cut("وپاکستان", article=True) == "وپاکستان"  # Persian/Urdu letters
    assert cut("Washington", article=True) == "Washington"


def test_strip_clitics_narrows_only_the_start_of_a_multiword_selection():
    text = "وقعت روسيا والصين وبروسيا اتفاقية"
    start = text.index("والصين")
    end = text.index(" اتفاقية")
    assert text[slice(*strip_clitics(text, start, end, article=False))] == "الصين وبروسيا"
    assert text[slice(*strip_clitics(text, start, end))] == "صين وبروسيا"


def test_strip_clitics_on_a_space_or_empty_selection_changes_nothing():
    text = "روسيا والصين"
    assert strip_clitics(text, 5, 6) == (5, 6)
    assert strip_clitics(text, 7, 7) == (7, 7)


def test_strip_clitics_never_moves_past_the_selection_end():
    text = "والصين"
    assert strip_clitics(text, 0, 2) == (0, 2)  # the selection is shorter than the cut
