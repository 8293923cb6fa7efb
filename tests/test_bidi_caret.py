"""CaretLine: the caret of a one-line field on the engine's cell map."""

from __future__ import annotations

import pytest

from reader.bidi.caret import CaretLine
from reader.bidi.layout import layout_paragraph


@pytest.mark.parametrize("text", ["abc عرب 12", "/الثالثة", "لا الله x", "Roscosmos روسكوزموس", "שלום world"])
def test_left_arrow_walks_every_column_once_from_right_to_left(text):
    line = CaretLine(text)
    position = 0 if line.rtl else len(text)  # the rightmost caret
    columns = [line.column_of(position)]
    for _ in range(len(text) + 2):
        position = line.step(position, leftwards=True)
        columns.append(line.column_of(position))
    visited = sorted(set(columns), reverse=True)
    drawn = layout_paragraph(text, None).lines[0].width
    assert visited == list(range(drawn, -1, -1))  # every column, leftwards, then stays
    assert columns == sorted(columns, reverse=True)


def test_the_caret_is_on_the_cell_of_the_character_after_it_and_a_click_comes_back():
    text = "abc عرب 12"
    line = CaretLine(text)
    visual = layout_paragraph(text, None).lines[0]
    for position in range(len(text)):
        column = line.column_of(position)
        assert visual.cells[column - line.lead][0] <= position < visual.cells[column - line.lead][1]
        assert line.position_at(column) == position
    assert line.column_of(len(text)) == visual.width  # past the end of a left-to-right paragraph
    assert CaretLine("عرب").column_of(3) == 0  # left of a right-to-left one


def test_logical_order_moves_the_caret_logically():
    line = CaretLine("/الثالثة", order="logical")
    assert not line.rtl and line.step(3, leftwards=True) == 2 and line.column_of(3) == 3
