"""The pane's row geometry (reader/tui/widgets/geometry.py) without a running app:
blocks and rows, one blank row between paragraphs whatever the file has, the parallel
layout's groups lined up on both sides, and the cell/offset maps of a visual line."""

from __future__ import annotations

import subprocess
import sys

import pytest

from reader.bidi.layout import layout_paragraph
from reader.core.document import Document
from reader.tui.widgets.geometry import (
    PaneRows,
    ParallelRows,
    line_end_offset,
    line_start_offset,
    offset_at_column,
)


def rows_for(text: str, lines: dict[int, int] | None = None, width: int = 10) -> PaneRows:
    """PaneRows of ``text``'s paragraphs; block i measures ``lines[i]`` lines (default 1)."""
    rows = PaneRows(Document("d", "d.txt", text).paragraphs)
    rows.measure = lambda i: (lines or {}).get(i, 1)
    rows.reset(width)
    return rows


def realize_all(rows: PaneRows) -> None:
    for i in range(len(rows)):
        rows.realize(i)


def test_the_module_does_not_import_textual():
    code = "import sys, reader.tui.widgets.geometry; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize("separator", ["\n", "\n\n", "\n\n\n\n"])
def test_one_blank_row_between_paragraphs_whatever_the_file_has(separator):
    rows = rows_for(separator.join(["one", "two", "three"]), {1: 2})
    realize_all(rows)
    assert [rows.text_top(i) for i in range(3)] == [0, 2, 5]  # 1 line + gap, 2 lines + gap
    assert rows.total == 6  # no gap after the last paragraph
    assert rows.text_at_row(1) is None and rows.text_at_row(4) is None  # the gaps
    assert rows.text_at_row(3) == (1, 1)


def test_blocks_of_one_long_paragraph_follow_each_other_without_a_gap():
    paragraphs = Document("d", "d.txt", ("word " * 30).strip() + "\nnext").paragraphs
    rows = PaneRows(paragraphs, block_chars=40)
    rows.measure = lambda i: 1
    rows.reset(80)
    realize_all(rows)
    blocks = len(rows)
    assert blocks > 2 and rows.first_block == [0, blocks - 1]
    assert [rows.gap_after(i) for i in range(blocks)] == [0] * (blocks - 2) + [1, 0]


def test_estimates_become_true_counts_when_a_block_is_measured():
    rows = rows_for("x" * 35 + "\nshort", {0: 2}, width=10)
    assert rows.lines(0) == 4 and not rows.known(0)  # 35 cells at 10 a line
    assert rows.realize(0) and rows.known(0) and rows.text_top(1) == 3


def pair(left_text: str, right_text: str, groups, left_lines=None, right_lines=None):
    left, right = rows_for(left_text, left_lines), rows_for(right_text, right_lines)
    parallel = ParallelRows(left, right, groups)
    realize_all(left)
    realize_all(right)
    return left, right, parallel


def test_aligned_groups_start_on_the_same_row_the_shorter_side_padded():
    # a0 (3 lines) | b0 (1); a1 (1) | b1 (4); a2 (1) | b2 (1)
    left, right, _ = pair("a0\na1\na2", "b0\nb1\nb2", [((0,), (0,)), ((1,), (1,)), ((2,), (2,))],
                          {0: 3}, {1: 4})
    assert [left.text_top(i) for i in range(3)] == [right.text_top(i) for i in range(3)] == [0, 4, 9]
    assert left.total == right.total
    assert right.blank(0) == (0, 2) and left.blank(1) == (0, 3)
    assert right.text_at_row(1) is None and right.text_at_row(2) is None  # b0's padding


def test_a_paragraph_only_one_side_has_faces_blank_rows():
    # Two titles only the right side has, a body pair, a trailer only the right side has.
    left, right, _ = pair("body", "t0\nt1\nbody\ntrailer",
                          [((), (0,)), ((), (1,)), ((0,), (2,)), ((), (3,))], {0: 2}, {1: 2})
    assert right.text_top(2) == left.text_top(0) == 5  # t0: 1 + gap, t1: 2 + gap
    # Both titles' rows above the body; below it the trailer's row (the body's two lines
    # equal the right body's line and gap).
    assert left.blank(0) == (5, 1)
    assert left.total == right.total == 8


def test_a_merged_paragraph_keeps_its_group_together():
    left, right, _ = pair("a0\na1\na2\na3", "b0\nb12\nb3",
                          [((0,), (0,)), ((1, 2), (1,)), ((3,), (2,))], {1: 2}, {1: 2})
    # a1 (2 lines) + gap + a2 (1) + gap = 5 rows; b12 (2) + gap + 2 pad.
    assert left.text_top(1) == right.text_top(1) == 2
    assert left.text_top(2) == 5
    assert left.text_top(3) == right.text_top(2) == 7
    assert right.blank(1) == (0, 2)


def test_a_side_measured_later_moves_the_other_side_and_tells_it():
    left = rows_for("a0\na1")
    right = PaneRows(Document("r", "r.txt", "b0\nb1").paragraphs)
    right.measure = lambda i: 3
    told: list[str] = []
    left.listener = lambda: told.append("left")
    parallel = ParallelRows(left, right, [((0,), (0,)), ((1,), (1,))])
    right.reset(10)  # the right pane gets its width later
    left.realize(0)
    assert left.text_top(1) == right.text_top(1) == 4  # b0's 3 lines + gap
    assert told  # the left pane was asked to redraw
    parallel.detach()
    assert left.text_top(1) == 2 and left.parallel is None


def test_groups_must_cover_each_side_in_order():
    left, right = rows_for("a0\na1"), rows_for("b0\nb1")
    with pytest.raises(ValueError):
        ParallelRows(left, right, [((1,), (0,)), ((0,), (1,))])
    with pytest.raises(ValueError):
        ParallelRows(left, right, [((0,), (0,))])


ARABIC = "وقعت روسيا والصين اتفاقية لبناء محطة"


def test_line_start_and_end_are_logical_on_a_right_to_left_line():
    line = layout_paragraph(ARABIC, 80, "rtl").lines[0]
    assert line.rtl
    assert line_start_offset(line) == 0  # the first letter, drawn at the right edge
    assert line_end_offset(line) == len(ARABIC) - 1
    # The rightmost cell shows the logical start; the leftmost the logical end.
    assert line.cells[-1][0] == 0 and line.cells[0][0] == len(ARABIC) - 1


def test_line_start_and_end_on_a_left_to_right_line():
    line = layout_paragraph("Russia and China", 80, "ltr").lines[0]
    assert (line_start_offset(line), line_end_offset(line)) == (0, len("Russia and China") - 1)


def test_offset_at_column_counts_the_padding_of_a_right_to_left_line():
    line = layout_paragraph(ARABIC, 80, "rtl").lines[0]
    pad = line.pad(80)
    assert pad == 80 - len(line.cells)
    assert offset_at_column(line, 79, 80) == 0  # the right edge: the first letter
    assert offset_at_column(line, 0, 80) == line.cells[0][0]  # clamped onto the text
    assert offset_at_column(line, 0, 80, "logical") == line.cells[0][0]
