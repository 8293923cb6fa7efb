"""Which document text each row of a pane shows: the pane's row geometry, without Textual.

A pane draws a document as rows. The document is cut into layout blocks (paragraphs, long
ones in pieces: text_blocks.py); each block takes, from top to bottom,

- ``lead`` blank rows (room for paragraphs that only the other document of a parallel
  pair has, see ``ParallelRows``),
- its text rows (the bidi engine's visual lines at the pane's width),
- one blank row if a new paragraph follows (every pane separates paragraphs the same
  way, whatever blank lines the file has),
- ``pad`` blank rows (a parallel group that is shorter than its partner).

``PaneRows`` keeps those counts in a Fenwick tree (line_index.py) and answers the two
questions a pane asks: which block and which of its lines is on row y, and on which row a
block's text starts. Line counts start as estimates and become true when the pane lays a
block out (``measure``), so nothing off screen is laid out.

``ParallelRows`` ties two panes whose documents are aligned (reader.align.paragraphs):
every group of aligned paragraphs (a bead, or a paragraph only one side has) takes the
same rows in both panes, the shorter side padded, so row y of one pane is beside the text
it translates in the other, and the two panes scroll together row for row.

The functions at the end map between screen cells and logical offsets on a visual line.
This module must not import Textual (tests/test_geometry.py checks): it is unit-tested
without a running app.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING, Callable, Sequence

from reader.tui.widgets.line_index import ParagraphLineIndex
from reader.tui.widgets.text_blocks import Block, split_blocks

if TYPE_CHECKING:
    from reader.bidi.layout import VisualLine
    from reader.core.document import Paragraph


class PaneRows:
    """The rows of one pane: blocks, their line counts, blank rows, the row index."""

    def __init__(self, paragraphs: Sequence[Paragraph], *, block_chars: int | None = None) -> None:
        if block_chars is None:
            self.blocks, self.first_block = split_blocks(paragraphs)
        else:
            self.blocks, self.first_block = split_blocks(paragraphs, block_chars)
        self.starts = [b.start for b in self.blocks]
        n = len(self.blocks)
        self.width = 0
        self._lines: list[int | None] = [None] * n
        self._lead = [0] * n
        self._pad = [0] * n
        self.index = ParagraphLineIndex([])
        #: Lays block i out at the pane's width and returns its number of lines (the view
        #: sets it); None: counts stay estimates.
        self.measure: Callable[[int], int] | None = None
        #: Told when rows change from outside the pane (the partner of a parallel pair).
        self.listener: Callable[[], None] | None = None
        #: The parallel pair this pane belongs to, if any.
        self.parallel: ParallelRows | None = None

    def __len__(self) -> int:
        return len(self.blocks)

    # ------------------------------------------------------------------ counts

    def reset(self, width: int) -> None:
        """Start over at ``width``: every count an estimate, no blank rows but the gaps."""
        self.width = max(1, width)
        n = len(self.blocks)
        self._lines = [None] * n
        self._lead = [0] * n
        self._pad = [0] * n
        self.index = ParagraphLineIndex([self._count(i) for i in range(n)])
        if self.parallel is not None:
            self.parallel.rebalance(origin=self)

    def gap_after(self, index: int) -> int:
        """1 if another paragraph follows block ``index`` (0 inside a cut paragraph, and
        after the last one): one blank row between paragraphs, in every pane."""
        blocks = self.blocks
        return 1 if index + 1 < len(blocks) and blocks[index + 1].index != blocks[index].index else 0

    def known(self, index: int) -> bool:
        """Whether block ``index``'s line count is true (not an estimate)."""
        return self._lines[index] is not None

    def lines(self, index: int) -> int:
        """Block ``index``'s lines of text (true or estimated: one cell per character)."""
        lines = self._lines[index]
        if lines is None:
            return max(1, -(-len(self.blocks[index].text) // max(1, self.width)))
        return lines

    def text_rows(self, index: int) -> int:
        """Rows of block ``index`` without its blank rows: its lines and its gap."""
        return self.lines(index) + self.gap_after(index)

    def _count(self, index: int) -> int:
        return self._lead[index] + self.text_rows(index) + self._pad[index]

    def _update(self, index: int) -> bool:
        if len(self.index) != len(self.blocks):
            return False  # not laid out yet: reset() counts everything
        return self.index.set_count(index, self._count(index)) != 0

    def set_lines(self, index: int, lines: int) -> bool:
        """Block ``index`` has ``lines`` lines of text; True if any row moved (in this pane)."""
        if self._lines[index] == lines:
            return False
        self._lines[index] = lines
        moved = self._update(index)
        if self.parallel is not None:
            moved = self.parallel.balance_block(self, index) or moved
        return moved

    def set_blank(self, index: int, lead: int, pad: int) -> bool:
        """Blank rows above and below block ``index``'s text; True if a row moved."""
        if (self._lead[index], self._pad[index]) == (lead, pad):
            return False
        self._lead[index], self._pad[index] = lead, pad
        return self._update(index)

    def blank(self, index: int) -> tuple[int, int]:
        """(lead, pad) of block ``index``."""
        return self._lead[index], self._pad[index]

    def realize(self, index: int) -> bool:
        """Make block ``index``'s count true (and its parallel group's, on both sides);
        True if a row of this pane moved."""
        if self.parallel is not None:
            return self.parallel.realize(self, index)
        return self._measure(index)

    def _measure(self, index: int) -> bool:
        if self._lines[index] is not None or self.measure is None or not self.width:
            return False
        return self.set_lines(index, self.measure(index))

    # ------------------------------------------------------------------ rows

    @property
    def total(self) -> int:
        """Rows of the whole document (estimates included)."""
        return self.index.total

    def block_top(self, index: int) -> int:
        """The first row of block ``index`` (its lead rows included)."""
        return self.index.first_line(index)

    def text_top(self, index: int) -> int:
        """The row of block ``index``'s first line of text."""
        return self.index.first_line(index) + self._lead[index]

    def at_row(self, row: int) -> tuple[int, int]:
        """(block, line) on ``row``: ``line`` counts from the block's first line of text,
        so a lead row gives a negative line and a gap or pad row one past its lines."""
        index = self.index.paragraph_at(row)
        return index, row - self.text_top(index)

    def text_at_row(self, row: int) -> tuple[int, int] | None:
        """(block, line) if ``row`` shows a line of text (true count), else None."""
        if not self.blocks or not 0 <= row < self.total:
            return None
        index, line = self.at_row(row)
        return (index, line) if 0 <= line < self.lines(index) else None

    # ------------------------------------------------------------------ offsets

    def block_at(self, offset: int) -> int:
        """The block containing ``offset``, or the nearest one after it (last if none)."""
        if not self.blocks:
            return 0
        i = bisect_right(self.starts, offset) - 1
        if i < 0:
            return 0
        if offset >= self.blocks[i].end and i + 1 < len(self.blocks):
            return i + 1
        return i

    def snap(self, offset: int) -> int:
        """``offset`` moved onto a character of a paragraph (gaps snap forward)."""
        if not self.blocks:
            return 0
        block = self.blocks[self.block_at(offset)]
        return min(max(offset, block.start), block.end - 1)

    def paragraph_block(self, paragraph: int) -> int:
        """The first block of document paragraph ``paragraph`` (clamped)."""
        return self.first_block[max(0, min(paragraph, len(self.first_block) - 1))]


class ParallelRows:
    """Two panes in step: each group of paragraphs takes the same rows on both sides.

    ``groups``: in reading order, (paragraphs of the left document, paragraphs of the
    right one); one side is empty for a paragraph only one document has (a headline,
    "Previous Post Next Post"). Each side's paragraphs, group after group, must be its
    document's paragraphs in order, every one once (``Alignment.path`` is), else
    ValueError.

    A group's height is the larger side's rows; the other side gets the difference as
    pad rows after its group's last block. A side with no paragraph in a group gives the
    whole height as lead rows of its next block (pad rows of its last block at the end).
    """

    def __init__(self, left: PaneRows, right: PaneRows,
                 groups: Sequence[tuple[Sequence[int], Sequence[int]]]) -> None:
        self.sides = (left, right)
        if not left.blocks or not right.blocks:
            raise ValueError("an empty document has nothing to align")
        #: Per side, per group: the blocks of its paragraphs.
        self._members: tuple[list[list[int]], list[list[int]]] = ([], [])
        #: Per side: block -> its group (only the group's last block is listed).
        self._last_of: tuple[dict[int, int], dict[int, int]] = ({}, {})
        self._group_of: tuple[list[int], list[int]] = ([0] * len(left.blocks), [0] * len(right.blocks))
        #: Per side: block -> (groups whose height is its lead, groups in its pad).
        self._hosted: tuple[dict[int, tuple[list[int], list[int]]], dict[int, tuple[list[int], list[int]]]] = ({}, {})
        self._height: list[int] = []
        for s, rows in enumerate(self.sides):
            expected = 0
            for g, group in enumerate(groups):
                members: list[int] = []
                for paragraph in group[s]:
                    if paragraph != expected:
                        raise ValueError(f"side {s}: paragraph {paragraph} out of order (expected {expected})")
                    expected += 1
                    first = rows.first_block[paragraph]
                    end = rows.first_block[paragraph + 1] if paragraph + 1 < len(rows.first_block) else len(rows.blocks)
                    members.extend(range(first, end))
                for block in members:
                    self._group_of[s][block] = g
                if members:
                    self._last_of[s][members[-1]] = g
                self._members[s].append(members)
            if expected != len(rows.first_block):
                raise ValueError(f"side {s}: {len(rows.first_block) - expected} paragraphs in no group")
            # Groups with nothing on this side: their rows go to the next block's lead (or
            # the last block's pad).
            following: int | None = None
            for g in range(len(groups) - 1, -1, -1):
                members = self._members[s][g]
                if members:
                    following = members[0]
                elif following is not None:
                    self._hosted[s].setdefault(following, ([], []))[0].append(g)
                else:
                    last = len(rows.blocks) - 1
                    self._hosted[s].setdefault(last, ([], []))[1].append(g)
        self._height = [0] * len(groups)
        for rows in self.sides:
            rows.parallel = self
        self.rebalance()

    def detach(self) -> None:
        """Back to free scrolling: each pane loses its blank rows."""
        for rows in self.sides:
            rows.parallel = None
            for i in range(len(rows.blocks)):
                rows.set_blank(i, 0, 0)
            if rows.listener is not None:
                rows.listener()

    def other(self, rows: PaneRows) -> PaneRows:
        return self.sides[1] if rows is self.sides[0] else self.sides[0]

    def group_of(self, rows: PaneRows, block: int) -> int:
        return self._group_of[self.sides.index(rows)][block]

    # ------------------------------------------------------------------ balancing

    def _text(self, s: int, g: int) -> int:
        rows = self.sides[s]
        return sum(rows.text_rows(b) for b in self._members[s][g])

    def _place(self, s: int, block: int) -> bool:
        """Set block ``block``'s blank rows on side ``s`` from the group heights."""
        rows = self.sides[s]
        lead_groups, pad_groups = self._hosted[s].get(block, ((), ()))
        lead = sum(self._height[g] for g in lead_groups)
        pad = sum(self._height[g] for g in pad_groups)
        g = self._last_of[s].get(block)
        if g is not None:
            pad += self._height[g] - self._text(s, g)
        return rows.set_blank(block, lead, pad)

    def _hosts(self, s: int, g: int) -> list[int]:
        """The blocks of side ``s`` whose blank rows depend on group ``g``'s height."""
        members = self._members[s][g]
        if members:
            return [members[-1]]
        return [block for block, (lead, pad) in self._hosted[s].items() if g in lead or g in pad]

    def balance(self, g: int) -> tuple[bool, bool]:
        """Recompute group ``g``'s height and both sides' blank rows; which sides moved."""
        self._height[g] = max(self._text(0, g), self._text(1, g))
        # (a list, not a generator: every block of a side is placed, not only up to the first that moved)
        left, right = (any([self._place(s, b) for b in self._hosts(s, g)]) for s in (0, 1))
        return left, right

    def rebalance(self, origin: PaneRows | None = None) -> None:
        """Every group again (after side ``origin`` was reset to a new width); the
        other side's listener is told if its rows moved."""
        for g in range(len(self._height)):
            self._height[g] = max(self._text(0, g), self._text(1, g))
        for s, rows in enumerate(self.sides):
            moved = False
            for block in range(len(rows.blocks)):
                moved |= self._place(s, block)
            if moved and origin is not None and rows is not origin and rows.listener is not None:
                rows.listener()

    def balance_block(self, rows: PaneRows, block: int) -> bool:
        """Block ``block`` of ``rows`` changed its line count: balance its group; True if
        a row of ``rows`` moved (the other side's listener is told if its rows moved)."""
        s = self.sides.index(rows)
        moved = self.balance(self._group_of[s][block])
        other = self.sides[1 - s]
        if moved[1 - s] and other.listener is not None:
            other.listener()
        return moved[s]

    def realize(self, rows: PaneRows, block: int) -> bool:
        """Lay out block ``block``'s whole group on both sides (true heights, so the
        group lines up); True if a row of ``rows`` moved."""
        s = self.sides.index(rows)
        g = self._group_of[s][block]
        moved = [False, False]
        for side in (0, 1):
            for member in self._members[side][g]:
                moved[side] |= self.sides[side]._measure(member)
        moved_here, moved_there = moved[s], moved[1 - s]
        other = self.sides[1 - s]
        if moved_there and other.listener is not None:
            other.listener()
        return moved_here

    def text_rows_of_group(self, rows: PaneRows, block: int) -> tuple[int, int]:
        """(first row, height) of the group holding block ``block`` of ``rows``."""
        s = self.sides.index(rows)
        g = self._group_of[s][block]
        members = self._members[s][g]
        return rows.text_top(members[0]), self._height[g]


# ---------------------------------------------------------------------- cells and offsets


def line_pad(line: VisualLine, width: int, order: str = "visual") -> int:
    """Blank cells before ``line`` in a pane ``width`` cells wide (right-to-left lines are
    drawn against the right edge in visual order; logical order draws from the left)."""
    return line.pad(width) if order == "visual" else 0


def offset_at_column(line: VisualLine, column: int, width: int, order: str = "visual") -> int:
    """The logical offset (in the block) shown at screen ``column`` of ``line``, clamped
    to the line's cells."""
    if not line.cells:
        return line.start
    cell = min(max(column - line_pad(line, width, order), 0), len(line.cells) - 1)
    return line.cells[cell][0]


def line_start_offset(line: VisualLine) -> int:
    """The logical start of ``line``: its first character in reading order (the right
    edge of a right-to-left line, the left edge of a left-to-right one)."""
    if not line.cells:
        return line.start
    return min(start for start, _end in line.cells)


def line_end_offset(line: VisualLine) -> int:
    """The logical end of ``line``: the start of its last character in reading order."""
    if not line.cells:
        return line.start
    return max(start for start, _end in line.cells)


__all__ = ["Block", "PaneRows", "ParallelRows", "line_end_offset", "line_pad", "line_start_offset",
           "offset_at_column"]
