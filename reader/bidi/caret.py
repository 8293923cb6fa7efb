"""A one-line text field as the screen shows it: where the caret of each logical position
is drawn, which position a screen cell stands for, and where the arrow keys lead.

The editing model stays logical (the text, a caret position 0..len, a selection as a
logical range); this module only maps it to and from the cells that
`reader.bidi.layout.layout_paragraph` draws for the text, so a field reads as the
documents do (shaped, in display order) and the caret sits on the cell of the character
it stands before. Textual-free: the TUI's BidiInput draws with it.
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.bidi.layout import VisualLine, layout_paragraph

__all__ = ["CaretLine"]


@dataclass(frozen=True)
class CaretLine:
    """``text`` laid out as one unwrapped screen line in ``order`` ("visual" or "logical").

    Columns count from the left edge of the field's content: a right-to-left field (in
    visual order) keeps one blank column on the left for the caret at the end of the text,
    a left-to-right one a blank column on the right. ``width`` includes that column.
    """

    text: str
    order: str = "visual"

    @property
    def line(self) -> VisualLine | None:
        """The engine's screen line for the text (None for an empty text)."""
        if not self.text:
            return None
        return layout_paragraph(self.text, None, order=self.order).lines[0]

    @property
    def rtl(self) -> bool:
        """Whether the field runs right to left on screen (visual order, RTL paragraph):
        the end of its text is then on the left."""
        line = self.line
        return line is not None and line.rtl and self.order == "visual"

    @property
    def lead(self) -> int:
        """Blank columns before the text's first cell (the end caret's, when RTL)."""
        return 1 if self.rtl else 0

    @property
    def width(self) -> int:
        """Columns the field's content takes: the text's cells and the end caret's."""
        line = self.line
        return (line.width if line is not None else 0) + 1

    def column_of(self, position: int) -> int:
        """The column the caret at logical ``position`` is drawn on: the cell of the
        character at ``position`` (the caret stands before it in logical order), or, at
        the end of the text, the blank column past the paragraph's end (left of an RTL
        paragraph, right of an LTR one)."""
        line = self.line
        if line is None:
            return 0
        if position >= len(self.text):
            return 0 if self.rtl else line.width
        position = max(0, position)
        for cell, (start, end) in enumerate(line.cells):
            if start <= position < end:
                return cell + self.lead
        return self.lead  # unreachable: the cells partition the text

    def position_at(self, column: int) -> int:
        """The logical position a click on ``column`` puts the caret at: the start of the
        range the cell shows, the end of the text on blank columns."""
        line = self.line
        if line is None:
            return 0
        cell = column - self.lead
        if 0 <= cell < len(line.cells):
            return line.cells[cell][0]
        return len(self.text)

    def step(self, position: int, leftwards: bool) -> int:
        """Where the left (``leftwards``) or right arrow takes the caret from ``position``:
        to the nearest caret column on that side of the screen (so a left arrow in Arabic
        goes forwards in the text, and a run of another direction is crossed cell by
        cell); characters that share a cell (a lam-alef ligature, a letter and its
        harakat) are passed together. Stays put at the edge."""
        here = self.column_of(position)
        best: tuple[int, int] | None = None  # (distance in columns, position)
        for candidate in range(len(self.text) + 1):
            column = self.column_of(candidate)
            distance = here - column if leftwards else column - here
            if distance > 0 and (best is None or distance < best[0]):
                best = (distance, candidate)
        return position if best is None else best[1]
