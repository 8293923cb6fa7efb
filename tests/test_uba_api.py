"""reader.bidi.uba: the API's contract beyond the conformance files."""

import time

import pytest

from reader.bidi.uba import (
    bidi_class,
    classify,
    first_strong_direction,
    line_levels,
    reorder_line,
    resolve_paragraph,
)
from reader.bidi.unicode_tables import BRACKET_CANONICAL, MIRROR, PAIRED_BRACKET


def visual(par, start, end):
    return "".join(par.text[i] for i in reorder_line(par, start, end))


def test_levels_and_removed_characters():
    # RLE a PDF: the embedding characters are removed by X9 (-1).
    par = resolve_paragraph("\u202babc\u202c d", "ltr")
    assert list(par.levels) == [-1, 2, 2, 2, -1, 0, 0]
    assert reorder_line(par, 0, len(par.text)) == [1, 2, 3, 5, 6]


def test_paragraph_level_auto_ltr_rtl():
    assert resolve_paragraph("مرحبا hello").para_level == 1
    assert resolve_paragraph("hello مرحبا").para_level == 0
    assert resolve_paragraph("123 !").para_level == 0  # no strong: LTR
    assert resolve_paragraph("hello", "rtl").para_level == 1
    with pytest.raises(ValueError):
        resolve_paragraph("x", "up")


def test_first_strong_direction_skips_isolates():
    assert first_strong_direction("\u2067abc\u2069 שלום") == "rtl"
    assert first_strong_direction("\u2066שלום\u2069") is None
    assert first_strong_direction("١٢٣ abc") == "ltr"  # AN is not strong
    assert first_strong_direction("") is None


def test_arabic_with_numbers_and_latin():
    text = "وقعت روسيا (ILRS) في 2023."
    par = resolve_paragraph(text)
    # Read right to left: the number and the Latin keep their own order.  The
    # brackets are at level 1 (N0) and not mirrored: L4 is the renderer's job.
    assert visual(par, 0, len(text)) == ".2023 يف )ILRS( ايسور تعقو"


def test_lines_use_the_paragraph_levels():
    # The paragraph is RTL because of its first word; a line holding only
    # Latin still reads in the paragraph's direction (as a unit here), and
    # its trailing space goes to the paragraph level (L1), i.e. the left.
    text = "שלום abc def ghi"
    par = resolve_paragraph(text)
    assert par.para_level == 1
    assert visual(par, 5, 13) == " abc def"
    assert list(line_levels(par, 5, 13)) == [2, 2, 2, 2, 2, 2, 2, 1]
    # Line-independent result: reordering a line never re-runs the algorithm.
    line = resolve_paragraph(text[5:13])
    assert line.para_level == 0 and visual(line, 0, 8) == "abc def "


def test_l1_separators_and_trailing_whitespace():
    par = resolve_paragraph("אב\tגד  ", "rtl")
    assert list(line_levels(par, 0, len(par.text))) == [1, 1, 1, 1, 1, 1, 1]
    par = resolve_paragraph("ab \tcd  ", "rtl")
    assert list(line_levels(par, 0, len(par.text))) == [2, 2, 1, 1, 2, 2, 1, 1]
    assert list(par.levels)[2] == 2  # before L1 the space is between two L


def test_l1_segment_separator_inside_a_line():
    # fribidi --rtl agrees (levels 2 1 2, visual "0\tX"); python-bidi's
    # get_display leaves the tab at level 2 and gives "X\t0".
    par = resolve_paragraph("X\t0", "rtl")
    assert list(line_levels(par, 0, 3)) == [2, 1, 2]
    assert visual(par, 0, 3) == "0\tX"


def test_bn_is_removed_but_zwnj_words_reorder():
    text = "می\u200cخواهم abc"
    par = resolve_paragraph(text)
    assert par.levels[2] == -1
    assert visual(par, 0, len(text)) == "abc مهاوخیم"


def test_empty_and_all_removed():
    par = resolve_paragraph("")
    assert list(par.levels) == [] and reorder_line(par, 0, 0) == []
    par = resolve_paragraph("\u200d\u202a")
    assert reorder_line(par, 0, 2) == []


def test_classes_for_unicode_15_and_unassigned():
    assert bidi_class(0x0627) == "AL"
    assert bidi_class(0x10EFD) == "NSM"  # new in Unicode 15 (Python 3.11 has 14)
    assert bidi_class(0x05FF) == "R"  # unassigned, Hebrew block default
    assert bidi_class(0x07BF) == "AL"  # unassigned, Arabic-range default
    assert bidi_class(0x0378) == "L"
    # The fast code page and the slow path agree.
    sample = "aZ1 ,.%ا١۱ב\u064e\u200c\u202b\u2067\u05ff\U00010efd\t\n"
    assert classify(sample) == bytes(ord(classify(ch)) for ch in sample)


def test_tables():
    assert MIRROR["("] == ")" and MIRROR["«"] == "»"
    assert PAIRED_BRACKET["["] == "]"
    assert BRACKET_CANONICAL["\u2329"] == "\u3008"
    # Canonically equivalent brackets pair up (N0): 2329 with 3009.
    par = resolve_paragraph("א \u2329b\u3009 c", "rtl")
    assert par.levels[2] == par.levels[4] == 1


@pytest.mark.parametrize(
    "text",
    [
        "ا" + "\u064e" * 20000,
        "a" + " " * 20000 + "\t" + " " * 20000,
        "א" + "(b)" * 20000,
        "(" * 20000 + "a" + ")" * 20000 + "א",
        "1" + "%" * 20000 + "א",
        "\u2067" * 130 + "a" + "\u2069" * 130,
    ],
)
def test_pathological_input_stays_fast(text):
    t = time.perf_counter()
    par = resolve_paragraph(text)
    reorder_line(par, 0, len(text))
    assert time.perf_counter() - t < 1.0
