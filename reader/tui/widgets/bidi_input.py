"""BidiInput: Textual's Input drawing its text as the documents are drawn.

Textual's Input writes its value in logical order, letter by letter, so Arabic, Persian
or Hebrew reads backwards and unjoined. This one keeps Input's editing model (a logical
value, caret and selection; every key and message of Input) and changes only what is
drawn and how screen columns map back: the text goes through the bidi engine
(`reader.bidi.caret.CaretLine` over `layout_paragraph`): sanitized, shaped and reordered,
a right-to-left text set against the right edge, the caret on the cell of the character
it stands before. With ``--terminal-bidi terminal`` (the app's order "logical") the text
is sent in logical order, sanitized, for the terminal to lay out.

Every text field of the reader is a BidiInput (search bar, entity finder, claim note,
library filter).
"""

from __future__ import annotations

from rich.text import Text
from textual.geometry import Offset
from textual.strip import Strip
from textual.widgets import Input
from textual.widgets._input import Selection

from reader.bidi.caret import CaretLine
from reader.bidi.width import char_width

__all__ = ["BidiInput"]


class BidiInput(Input):
    """An Input whose text is laid out by the bidi engine (see the module's docstring)."""

    @property
    def caret_line(self) -> CaretLine:
        """The value as the screen shows it (layouts are memoised by the engine)."""
        order = getattr(self.app, "order", "visual")
        return CaretLine(self.value, order if order in ("visual", "logical") else "visual")

    # -- geometry ---------------------------------------------------------------------------
    def _align(self, line: CaretLine) -> int:
        """Columns of padding that set a right-to-left text against the right edge."""
        if not line.rtl:
            return 0
        return max(0, self.scrollable_content_region.width - line.width)

    @property
    def _cursor_offset(self) -> int:
        line = self.caret_line
        return self._align(line) + line.column_of(self.cursor_position)

    @property
    def content_width(self) -> int:
        if self.password or (self.placeholder and not self.value):
            return super().content_width
        return self.caret_line.width

    def _cell_offset_to_index(self, offset: int) -> int:
        if self.password:
            return super()._cell_offset_to_index(offset)
        line = self.caret_line
        scroll_x, _ = self.scroll_offset
        return line.position_at(offset + scroll_x - self._align(line))

    @property
    def cursor_screen_offset(self) -> Offset:
        x, y, _width, _height = self.content_region
        scroll_x, _ = self.scroll_offset
        return Offset(x + self._cursor_offset - scroll_x, y)

    # -- arrows -----------------------------------------------------------------------------
    def action_cursor_left(self, select: bool = False) -> None:
        self._arrow(leftwards=True, select=select)

    def action_cursor_right(self, select: bool = False) -> None:
        if not select and self.cursor_at_end and self._suggestion:
            super().action_cursor_right()  # accept the completion, as Input does
            return
        self._arrow(leftwards=False, select=select)

    def _arrow(self, *, leftwards: bool, select: bool) -> None:
        """Move the caret one cell the way the arrow points (see CaretLine.step)."""
        if self.password:
            (super().action_cursor_left if leftwards else super().action_cursor_right)(select)
            return
        start, end = self.selection
        target = self.caret_line.step(end, leftwards)
        if select:
            self.selection = Selection(start, target)
        elif self.selection.is_empty:
            self.cursor_position = target
        else:
            # Collapse the selection at its edge on the arrow's side of the screen.
            lo, hi = sorted((start, end))
            line = self.caret_line
            left, right = sorted((lo, hi), key=line.column_of)
            self.cursor_position = left if leftwards else right

    # -- drawing ----------------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        if y != 0 or self.password or not self.value:
            return super().render_line(y)
        line = self.caret_line
        visual = line.line
        assert visual is not None  # a value is there
        width = self.scrollable_content_region.width
        cursor_column = line.column_of(self.cursor_position) if self.has_focus and self._cursor_visible else None
        selected = (0, 0)
        if self.has_focus and not self.selection.is_empty:
            low, high = sorted(self.selection)
            selected = (low, high)
        cursor_style = self.get_component_rich_style("input--cursor")
        selection_style = self.get_component_rich_style("input--selection")

        drawn = Text(no_wrap=True, overflow="ignore", end="")
        drawn.append(" " * (self._align(line) + line.lead))
        column = line.lead - 1
        for char in visual.text:
            cells = char_width(char)
            if cells > 0:
                column += 1  # a zero-width mark joins the cell of its base
            style = None
            if column == cursor_column:
                style = cursor_style
            else:
                lo, hi = visual.cells[column - line.lead] if 0 <= column - line.lead < len(visual.cells) else (0, 0)
                if lo < selected[1] and selected[0] < hi:
                    style = selection_style
            drawn.append(char, style)
            if cells > 1:
                column += cells - 1
        if not line.rtl:
            drawn.append(" ", cursor_style if cursor_column == visual.width else None)
        elif cursor_column == 0:
            drawn.stylize(cursor_style, self._align(line), self._align(line) + 1)

        console = self.app.console
        strip = Strip(console.render(drawn, self.app.console_options.update_width(max(width, drawn.cell_len))))
        scroll_x, _ = self.scroll_offset
        strip = strip.crop(scroll_x, scroll_x + width + 1).extend_cell_length(width + 1)
        return strip.apply_style(self.rich_style)
