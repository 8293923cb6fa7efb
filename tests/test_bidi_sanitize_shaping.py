"""Placeholders, shaping maps and L3/L4 on known examples."""

from __future__ import annotations

from pathlib import Path

from rich.cells import cell_len

from reader.bidi.layout import layout_paragraph
from reader.bidi.sanitize import INVISIBLE_PICTURES, display
from reader.bidi.shaping import shape_run


def test_terminal_controls_become_placeholders():
    line = layout_paragraph("a\x1b[31mb\x9b2Jc\x07\x00\x7f", None).lines[0]
    assert line.text == "a\u241b[31mb\u24262Jc\u2407\u2400\u2421"
    assert line.cells[1] == (1, 2)  # ESC's placeholder maps to ESC


def test_invisibles_hidden_or_shown():
    text = "a\u200db\u200ec\u00add"
    assert layout_paragraph(text, None).lines[0].text == "abcd"
    shown = layout_paragraph(text, None, show_invisibles=True).lines[0].text
    assert shown == "a\u2299b\u21c0c\u00acd"
    pictures = list(INVISIBLE_PICTURES.values())
    assert len(set(pictures)) == len(pictures)
    assert all(cell_len(p) == 1 for p in pictures)


def test_tab_is_one_space():
    assert display("\t") == " " and display("\t", True) == "\u21e5"


def test_lam_alef_ligatures_and_their_map():
    for word, ligature in [("لا", "\ufefb"), ("لأ", "\ufef7"), ("لإ", "\ufef9"), ("لآ", "\ufef5")]:
        assert shape_run(word) == (ligature, "")
    line = layout_paragraph("سلام", None).lines[0]
    assert line.text == "\ufee1\ufefc\ufeb3"  # meem, lam-alef (final), seen: visual order
    assert line.cells == ((3, 4), (1, 3), (0, 1))


def test_harakat_are_kept_after_their_base():
    line = layout_paragraph("بِسْمِ", None).lines[0]
    assert line.text == "\ufee2\u0650\ufeb4\u0652\ufe91\u0650"
    assert line.cells == ((4, 6), (2, 4), (0, 2))
    assert line.width == 3


def test_persian_and_urdu_shape_and_zwnj_breaks_joining():
    assert shape_run("گفتگو")[0] == "\ufb94"  # initial gaf
    assert shape_run("ٹوپی")[0] == "\ufb68"  # initial tteh
    glyphs = layout_paragraph("می\u200cخواهم", None).lines[0]
    assert "\ufbfd" in glyphs.text  # final yeh: the ZWNJ stops it joining the khah
    assert "\ufea7" in glyphs.text  # initial khah


def test_allah_ligature_covers_four_letters():
    line = layout_paragraph("الله", None).lines[0]
    assert line.text == "\ufdf2" and line.cells == ((0, 4),)


def test_brackets_are_mirrored_at_odd_levels():
    seed = next(Path(__file__).resolve().parent.parent.glob("seeds/000_*.txt"))
    paragraph = next(p for p in seed.read_text(encoding="utf-8").split("\n") if "(تشانغ كيجيان)" in p)
    text = layout_paragraph(paragraph, None, shape=False).lines[0].text
    # Read on screen (left to right), the reversed name is enclosed as "(...)".
    assert "(نايجيك غناشت)" in text


def test_wide_characters_take_two_cells():
    line = layout_paragraph("中a", None).lines[0]
    assert line.cells == ((0, 1), (0, 1), (1, 2)) and line.width == 3


def test_rtl_padding_and_cell_of():
    layout = layout_paragraph("שלום עולם", 6)
    assert [l.text for l in layout.lines] == ["םולש", "םלוע"]
    assert layout.lines[0].pad(6) == 2 and layout_paragraph("hi", 6).lines[0].pad(6) == 0
    assert layout.lines[0].cell_of(0) == 3  # the first letter is at the right
    assert layout.line_of(5) == (1, 3)
    assert layout.lines[0].rtl
