"""One document on screen: bidi-laid-out paragraphs, a cursor, independent scrolling.

Textual's line API: a ``ScrollView`` whose ``render_line(y)`` builds a ``Strip`` from the
bidi engine's ``VisualLine`` (never through Rich markup, so a ``[`` in an article stays a
``[``; the engine has already replaced every control character). Only what is visible
is laid out: the row geometry (geometry.py: ``PaneRows``, no Textual) starts from
estimated line counts and learns the true ones as paragraphs reach the screen; in a
parallel pair (``ParallelRows``) it also holds the blank rows that line the pane up with
its partner.

The cursor is a LOGICAL code-point offset into ``document.text`` (always on a character
of a paragraph); where it shows is derived through the cell maps of the visual lines.
←/→ move by screen cell (left is left, also inside right-to-left text), ↑/↓ by screen
line keeping the column; word, sentence and paragraph motions are logical.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Literal

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.bidi.layout import ParagraphLayout, VisualLine, layout_paragraph, prepare_texts
from reader.tui.annotation.actions import AnnotationActions, pane_annotation_bindings
from reader.tui.annotation.styles import decorate
from reader.tui.bindings import PANE_BINDINGS
from reader.tui.widgets.geometry import PaneRows, line_end_offset, line_pad, line_start_offset, offset_at_column

if TYPE_CHECKING:
    from reader.core.document import Document

LayoutOrder = Literal["visual", "logical"]
#: How scraping left-overs (navigation lines, a doubled title) are drawn: there, but faint.
_DIM = Style(dim=True)


class DocumentView(AnnotationActions, ScrollView, can_focus=True):
    """A scrollable, cursor-carrying view of one ``Document``; annotation keys and the
    drawing of spans come from ``AnnotationActions``."""

    BINDINGS = [*PANE_BINDINGS, *pane_annotation_bindings()]
    COMPONENT_CLASSES = {"document-view--cursor", "document-view--cursor-unfocused"}
    DEFAULT_CSS = """
    DocumentView {
        overflow-x: hidden;
        overflow-y: scroll;
        scrollbar-size-vertical: 1;
        height: 1fr;
    }
    DocumentView > .document-view--cursor { text-style: reverse; }
    DocumentView > .document-view--cursor-unfocused { text-style: underline; }
    """

    class CursorMoved(Message):
        """The cursor moved to ``offset`` (in paragraph ``paragraph``)."""

        def __init__(self, view: DocumentView, offset: int, paragraph: int) -> None:
            super().__init__()
            self.view = view
            self.offset = offset
            self.paragraph = paragraph

        @property
        def control(self) -> DocumentView:
            return self.view

    class Scrolled(Message):
        """The paragraph at the top of the view changed (sync-scroll listens).

        ``fraction``: how far down the document the view is (0..1), None if it all fits.
        """

        def __init__(self, view: DocumentView, top_paragraph: int, fraction: float | None) -> None:
            super().__init__()
            self.view = view
            self.top_paragraph = top_paragraph
            self.fraction = fraction

        @property
        def control(self) -> DocumentView:
            return self.view

    class RowsScrolled(Message):
        """The view scrolled to row ``row`` (a parallel pair scrolls its partner there)."""

        def __init__(self, view: DocumentView, row: int) -> None:
            super().__init__()
            self.view = view
            self.row = row

        @property
        def control(self) -> DocumentView:
            return self.view

    def __init__(
        self,
        document: Document,
        *,
        order: LayoutOrder = "visual",
        show_invisibles: bool = False,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.document = document
        self.order: LayoutOrder = order
        self._show_invisibles = show_invisibles
        # The row geometry (blocks, line counts, blank rows): geometry.py, no Textual.
        self._rows = PaneRows(document.paragraphs)
        self._rows.measure = self._measure_block
        self._rows.listener = self._rows_moved
        self._blocks = self._rows.blocks
        self._bases: dict[int, str] = {}
        self._layout_width = 0
        # Keyed by (paragraph, row, decoration key): a change of spans, selection or
        # search match makes new keys, so stale strips are never drawn.
        self._strips: LRUCache[tuple, Strip] = LRUCache(1024)
        self._cursor = self._blocks[0].start if self._blocks else 0
        self._goal_column: int | None = None
        self._last_top = -1
        self._window_stale = True
        #: What the last layout pass gave (see _size_updated).
        self._sizes_seen: tuple[Size, Size, Size, Size] | None = None
        self._paint_style: Style | None = None
        self._paint_cursor: tuple[int, int, int] | None = None
        # Whole paragraphs drawn with a style (aligned / unaligned paragraphs in parallel
        # reading): document paragraph -> style, part of the strip key of its rows.
        self._emphasis: dict[int, Style] = {}

    # ------------------------------------------------------------------ layout

    @property
    def show_invisibles(self) -> bool:
        return self._show_invisibles

    @show_invisibles.setter
    def show_invisibles(self, value: bool) -> None:
        """Switch placeholders for invisible characters; re-lays out what is visible."""
        if value != self._show_invisibles:
            self._show_invisibles = value
            self._relayout(self._layout_width, force=True)

    def _base(self, index: int) -> str:
        base = self._bases.get(index)
        if base is None:
            base = self._bases[index] = self._blocks[index].direction
        return base

    def paragraph_layout(self, index: int) -> ParagraphLayout:
        """The engine's layout of block ``index`` at the current width (memoised there)."""
        return layout_paragraph(
            self._blocks[index].text, max(1, self._layout_width), self._base(index),
            shape=True, show_invisibles=self._show_invisibles, order=self.order,
        )

    def _content_width(self) -> int:
        return max(1, self.scrollable_content_region.width)

    def _relayout(self, width: int, force: bool = False, *, in_layout_pass: bool = False) -> None:
        """Start over at ``width``: estimated counts, no strips; the cursor offset stays.
        ``in_layout_pass``: called by Textual's layout (``_size_updated``), which must
        not be asked for another pass (see there)."""
        if width == self._layout_width and not force and len(self._rows.index) == len(self._blocks):
            return
        self._layout_width = width
        self._strips.clear()
        # An estimate is enough until a paragraph reaches the screen: one cell per
        # character, one blank row between paragraphs.
        self._rows.reset(width)
        self._prepare_window()
        self._ensure_laid_out(self._rows.block_at(self._cursor))
        # Lay out what is on screen now and set the virtual size once: each change of it
        # costs Textual a layout pass (and a repaint) of the whole screen.
        self._realize_window(sync=False)
        self._sync_virtual_size(in_layout_pass)
        self._last_top = -1  # report the position again, now that the size is known
        self._report_scroll()
        self._window_stale = False
        if self._rows.parallel is None or self.has_focus:
            # A pane lined up with the focused one follows that one's rows, not its own cursor.
            self._scroll_cursor_into_view(center=True)
        self.refresh()

    def _ensure_laid_out(self, index: int) -> bool:
        """Replace block ``index``'s estimate by its true line count (in a parallel pair,
        its whole group's on both sides); True if a row of this pane moved."""
        if not self._blocks:
            return False
        return self._rows.realize(index)

    def _measure_block(self, index: int) -> int:
        """Block ``index``'s number of lines at the current width (the geometry asks)."""
        return len(self.paragraph_layout(index).lines)

    def _rows_moved(self) -> None:
        """The other pane of a parallel pair moved this pane's rows (its group heights)."""
        if self._layout_width:
            self._sync_virtual_size()
        self._window_stale = True
        self.refresh()

    @property
    def rows(self) -> PaneRows:
        """The view's row geometry (the reading screen pairs two of them: ParallelRows)."""
        return self._rows

    def rows_changed(self) -> None:
        """The geometry was paired or unpaired: size, window and cursor again."""
        if not self._layout_width:
            return
        self._strips.clear()
        self._ensure_laid_out(self._rows.block_at(self._cursor))
        self._sync_virtual_size()
        self._realize_window()
        if self._rows.parallel is None or self.has_focus:
            self._scroll_cursor_into_view()
        self.refresh()

    def scroll_to_row(self, row: int) -> None:
        """Scroll so that ``row`` is the top one (a parallel partner follows its pair)."""
        if int(self.scroll_y) != row:
            self._sync_virtual_size()
            self.scroll_to(y=row, animate=False, immediate=True)

    def _realize_window(self, sync: bool = True) -> None:
        """Lay out the paragraphs covering the visible lines (and fix the line index);
        with ``sync``, also update the virtual size if a count changed and report the
        position (without, the caller sets the size and reports: a position reported
        before would be measured against the old size)."""
        if not self._blocks or not self._layout_width:
            return
        top = int(self.scroll_y)
        bottom = top + max(1, self.scrollable_content_region.height)
        self._prepare_window()
        changed = False
        line = top
        rows = self._rows
        while line < bottom and line < rows.total:
            index, _line = rows.at_row(line)
            changed |= self._ensure_laid_out(index)
            line = rows.block_top(index + 1) if index + 1 < len(self._blocks) else rows.total
        if not sync:
            return
        if changed:
            self._sync_virtual_size()
        self._report_scroll()

    def _prepare_window(self) -> None:
        """Hand the bidi engine, in one batch, the blocks not laid out yet that the
        visible lines (and half a screen more) are estimated to show: it learns their
        words together, for a fraction of the cost paragraph by paragraph (~6 ms → ~2
        for a first screen of Arabic). Changes nothing but speed."""
        rows = self._rows
        if self.order != "visual" or self._show_invisibles or not rows.total:
            return  # the engine's batch learning serves the visual layout only
        height = max(1, self.scrollable_content_region.height)
        index, _line = rows.at_row(min(int(self.scroll_y), rows.total - 1))
        texts: list[str] = []
        lines = 0
        while index < len(self._blocks) and lines < height + height // 2:
            if not rows.known(index):
                texts.append(self._blocks[index].text)
            lines += rows.index.count(index)
            index += 1
        if len(texts) > 1:
            prepare_texts(texts)

    def _sync_virtual_size(self, in_layout_pass: bool = False) -> None:
        size = Size(self._layout_width, self._rows.total)
        if in_layout_pass:
            # Set without asking for a layout pass: we are in one, and the caller tells
            # the scrollbar (the reactive would only do it in a second pass and frame).
            self.set_reactive(DocumentView.virtual_size, size)
        else:
            self.virtual_size = size

    # ------------------------------------------------------------------ rendering

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        """Textual's layout pass gives the view its size (before painting it); returns
        whether the view must be told it was resized.

        A new width is laid out here, so the first frame shows the text and a scrollbar
        that knows the document's length (laid out at paint time, the scrollbar was drawn
        empty and the frame repainted). A pass that brings nothing new changes nothing:
        ScrollView's own method compares a container size that never matches its own
        (one excludes the scrollbar, the other not) and so repaints both scrollbars at
        every layout pass of the screen (~1.5 ms each).
        """
        sizes = (size, virtual_size, container_size, self.virtual_size)
        if sizes == self._sizes_seen:
            return False
        resized = super()._size_updated(size, virtual_size, container_size, layout)
        width = self._content_width()
        if width != self._layout_width:
            self._relayout(width, in_layout_pass=True)
            self._scroll_update(self.virtual_size)
        self._sizes_seen = (size, virtual_size, container_size, self.virtual_size)
        return resized

    def on_resize(self, event: events.Resize) -> None:
        self._relayout(self._content_width())

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._window_stale = True
        if self._rows.parallel is not None and int(old_value) != int(new_value):
            self.post_message(self.RowsScrolled(self, int(new_value)))

    def render_lines(self, crop):
        """Lay out the visible paragraphs first, so their true line counts are used.

        The base style and the cursor's place are computed once per paint, not per line.
        """
        width = self._content_width()
        if width != self._layout_width:
            # Textual paints a view (at its first layout, or a new size) before the view
            # handles its Resize event: lay out now, so that paint shows the text.
            self._relayout(width)
        elif self._window_stale:
            self._window_stale = False
            self._realize_window()
        self._paint_style = self.rich_style
        self._paint_cursor = self.cursor_location()
        try:
            return super().render_lines(crop)
        finally:
            self._paint_style = self._paint_cursor = None

    def on_focus(self) -> None:
        self._refresh_cursor_line()

    def on_blur(self) -> None:
        self._refresh_cursor_line()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()

    def render_line(self, y: int) -> Strip:
        """Screen row ``y`` of the widget: a paragraph's visual line, a gap, or blank."""
        width = self.scrollable_content_region.width
        line_no = int(self.scroll_y) + y
        base_style = self._paint_style or self.rich_style
        if not self._blocks or line_no >= self._rows.total or self._layout_width != width:
            return Strip.blank(width, base_style)
        index, row = self._rows.at_row(line_no)  # row < 0: a blank lead row
        block = self._blocks[index]
        # The paragraph's own emphasis, not a revision: moving the highlight redraws only
        # the paragraphs it leaves and reaches.
        emphasis = self._emphasis.get(block.index)
        if block.index in self.dimmed_paragraphs:
            emphasis = _DIM if emphasis is None else _DIM + emphasis
        key = (index, row, self.decoration_key(), emphasis)
        strip = self._strips.get(key)
        if strip is None:
            lines = self.paragraph_layout(index).lines
            if 0 <= row < len(lines):
                line = lines[row]
                pad = line_pad(line, width, self.order)
                segments = [Segment(" " * pad, base_style)] if pad else []
                segments.append(Segment(line.text, base_style))
                strip = Strip(segments).adjust_cell_length(width, base_style)
                marks = self.annotation_marks(block.index)  # offsets in the paragraph
                if marks:
                    cells = line.cells
                    shift = block.start - self.document.paragraphs[block.index].start
                    if shift:  # a block of a long paragraph: its cells count from the block
                        cells = tuple((a + shift, b + shift) for a, b in cells)
                    strip = decorate(strip, cells, pad, marks)
                if emphasis is not None:  # over the whole row, padding included: a band
                    strip = Strip(Segment.apply_style(strip, post_style=emphasis), strip.cell_length)
            else:
                strip = Strip.blank(width, base_style)
            self._strips[key] = strip
        location = self._paint_cursor if self._paint_style is not None else self.cursor_location()
        if location is not None and location[0] == index and location[1] == row:
            strip = self._with_cursor(strip, location[2])
        return strip

    def _with_cursor(self, strip: Strip, column: int) -> Strip:
        """``strip`` with the cell at ``column`` drawn as the cursor (reverse video)."""
        component = "document-view--cursor" if self.has_focus else "document-view--cursor-unfocused"
        cursor_style = self.get_component_rich_style(component, partial=True)
        if not cursor_style:
            cursor_style = Style(reverse=True)
        left, middle, right = strip.divide([column, column + 1, strip.cell_length])[:3]
        return Strip.join([left, middle.apply_style(cursor_style), right])

    def _refresh_cursor_line(self) -> None:
        location = self.cursor_location()
        if location is not None:
            self.refresh_line(self._rows.text_top(location[0]) + location[1])

    # ------------------------------------------------------------------ geometry

    def paragraph_index_at(self, offset: int) -> int:
        """The document paragraph containing ``offset`` (or the nearest one after it)."""
        return self._blocks[self._rows.block_at(offset)].index if self._blocks else 0

    def cursor_location(self) -> tuple[int, int, int] | None:
        """(layout block, line in the block, screen column) of the cursor, or None.

        A block is a paragraph, or a piece of a very long one (see text_blocks.py).
        """
        if not self._blocks or not self._layout_width:
            return None
        index = self._rows.block_at(self._cursor)
        paragraph = self._blocks[index]
        layout = self.paragraph_layout(index)
        found = layout.line_of(self._cursor - paragraph.start)
        if found is None:
            return None
        row, cell = found
        line = layout.lines[row]
        return index, row, line_pad(line, self._layout_width, self.order) + cell

    def cursor_screen_line(self) -> int | None:
        """The cursor's line in the whole laid-out document (virtual y), or None."""
        location = self.cursor_location()
        if location is None:
            return None
        return self._rows.text_top(location[0]) + location[1]

    def _visual_line_at(self, line_no: int) -> tuple[int, int, VisualLine] | None:
        """(block, row, VisualLine) on virtual line ``line_no``; None on a gap."""
        if not 0 <= line_no < self._rows.total:
            return None
        index, _row = self._rows.at_row(line_no)
        self._ensure_laid_out(index)
        index, row = self._rows.at_row(line_no)
        lines = self.paragraph_layout(index).lines
        if not 0 <= row < len(lines):
            return None
        return index, row, lines[row]

    # ------------------------------------------------------------------ cursor

    @property
    def cursor(self) -> int:
        """The cursor's logical offset into ``document.text``."""
        return self._cursor

    @property
    def top_paragraph(self) -> int:
        """The document paragraph shown on the first row of the view."""
        if not self._blocks:
            return 0
        return self._blocks[self._rows.at_row(int(self.scroll_y))[0]].index

    def move_cursor(self, offset: int, *, keep_goal: bool = False, center: bool = False) -> None:
        """Put the cursor on logical ``offset`` (snapped onto text), scroll it into view."""
        old_line = self.cursor_screen_line()
        self._cursor = self._rows.snap(offset)
        if not keep_goal:
            self._goal_column = None
        if self._layout_width:
            self._ensure_laid_out(self._rows.block_at(self._cursor))
            self._sync_virtual_size()
            self._scroll_cursor_into_view(center=center)
            if old_line is not None:
                self.refresh_line(old_line)
            self._refresh_cursor_line()
        self.post_message(self.CursorMoved(self, self._cursor, self.paragraph_index_at(self._cursor)))

    def _scroll_cursor_into_view(self, center: bool = False) -> None:
        line = self.cursor_screen_line()
        if line is None:
            return
        height = max(1, self.scrollable_content_region.height)
        top = int(self.scroll_y)
        if center and not top <= line < top + height:
            target = max(0, line - height // 3)
        elif line < top:
            target = line
        elif line >= top + height:
            target = line - height + 1
        else:
            return
        self.scroll_to(y=target, animate=False, immediate=True)

    def scroll_to_paragraph(self, index: int) -> None:
        """Scroll so document paragraph ``index`` is the first one shown (the cursor stays put)."""
        if not self._blocks:
            return
        index = self._rows.paragraph_block(index)
        self._ensure_laid_out(index)
        self._sync_virtual_size()
        self.scroll_to(y=self._rows.text_top(index), animate=False, immediate=True)

    # ------------------------------------------------------------------ parallel reading

    @cached_property
    def dimmed_paragraphs(self) -> frozenset[int]:
        """Paragraphs drawn dim: navigation lines and doubled titles that scraping left in
        the text (reader.align.boilerplate.dimmed); kept, so every offset stays true."""
        from reader.align.boilerplate import dimmed

        flags = dimmed([p.text for p in self.document.paragraphs])
        return frozenset(i for i, flag in enumerate(flags) if flag)

    def set_paragraph_emphasis(self, styles: dict[int, Style]) -> None:
        """Draw each document paragraph in ``styles`` (index -> style) with that style over
        its whole rows; an empty dict draws none. Redraws only when something changed."""
        if styles == self._emphasis:
            return
        self._emphasis = dict(styles)
        self.refresh()

    @property
    def paragraph_emphasis(self) -> dict[int, Style]:
        """The styles set by ``set_paragraph_emphasis`` (document paragraph -> style)."""
        return dict(self._emphasis)

    def paragraph_row(self, index: int) -> int:
        """The screen row (0: the view's top row; negative: above it) of the first line of
        document paragraph ``index``, with the visible paragraphs laid out first."""
        if not self._blocks or not self._layout_width:
            return 0
        self._realize_window()
        block = self._rows.paragraph_block(index)
        if self._ensure_laid_out(block):
            self._sync_virtual_size()
        return self._rows.text_top(block) - int(self.scroll_y)

    def place_paragraph(self, index: int, row: int) -> None:
        """Scroll so the first line of document paragraph ``index`` is on screen row ``row``,
        as near as the document's ends allow; the cursor stays put. The paragraphs that come
        on screen are laid out before the final position is taken, so it holds when painted."""
        if not self._blocks or not self._layout_width:
            return
        block = self._rows.paragraph_block(index)
        for _ in range(4):  # laying out the window can move the paragraph: settle it
            if self._ensure_laid_out(block):
                self._sync_virtual_size()
            first = self._rows.text_top(block)
            target = max(0, min(first - row, self.max_scroll_y))
            self.scroll_to(y=target, animate=False, immediate=True)
            self._realize_window()
            if self._rows.text_top(block) == first and int(self.scroll_y) == max(0, min(first - row, self.max_scroll_y)):
                break

    def _report_scroll(self) -> None:
        top = self.top_paragraph
        if top != self._last_top:
            self._last_top = top
            # None: everything fits, there is nothing to scroll.
            fraction = min(1.0, self.scroll_y / self.max_scroll_y) if self.max_scroll_y else None
            self.post_message(self.Scrolled(self, top, fraction))

    def _set_from_line(self, found: tuple[int, int, VisualLine], column: int) -> None:
        """Cursor onto screen ``column`` of a visual line, clamped to its cells."""
        index, _row, line = found
        offset = offset_at_column(line, column, self._layout_width, self.order)
        self.move_cursor(self._blocks[index].start + offset, keep_goal=True)

    def _step_line(self, line_no: int, step: int) -> tuple[int, int, VisualLine] | None:
        """The nearest visual line from ``line_no`` in direction ``step``, skipping gaps."""
        line_no += step
        while 0 <= line_no < self._rows.total:
            found = self._visual_line_at(line_no)
            if found is not None:
                return found
            line_no += step
        return None

    def _move_horizontally(self, step: int) -> None:
        """One screen cell left (-1) or right (+1), crossing into the next/previous line."""
        location = self.cursor_location()
        if location is None:
            return
        index, row, column = location
        line = self.paragraph_layout(index).lines[row]
        pad = line_pad(line, self._layout_width, self.order)
        cell = column - pad
        here = line.cells[cell]
        target = cell + step
        while 0 <= target < len(line.cells) and line.cells[target] == here:
            target += step  # a wide character or a ligature fills several cells
        if 0 <= target < len(line.cells):
            self.move_cursor(self._blocks[index].start + line.cells[target][0])
            return
        # Past the edge: continue in reading order. Going right in left-to-right text (or
        # left in right-to-left text) reads on to the next line, else back to the previous.
        forward = (step > 0) != line.rtl
        found = self._step_line(self._rows.text_top(index) + row, 1 if forward else -1)
        if found is None:
            return
        t_index, _t_row, t_line = found
        if not t_line.cells:
            return
        t_pad = line_pad(t_line, self._layout_width, self.order)
        # Land on the edge where reading starts (forward) or ends (backward).
        at_right = t_line.rtl if forward else not t_line.rtl
        cell = len(t_line.cells) - 1 if at_right else 0
        self._set_from_line(found, t_pad + cell)
        self._goal_column = None

    def _move_vertically(self, lines: int) -> None:
        location = self.cursor_location()
        if location is None:
            return
        index, row, column = location
        if self._goal_column is None:
            self._goal_column = column
        line_no = self._rows.text_top(index) + row
        step = 1 if lines > 0 else -1
        found = None
        for _ in range(abs(lines)):
            nxt = self._step_line(line_no, step)
            if nxt is None:
                break
            found = nxt
            line_no = self._rows.text_top(nxt[0]) + nxt[1]
        if found is not None:
            self._set_from_line(found, self._goal_column)

    # ------------------------------------------------------------------ actions

    def action_cursor_left(self) -> None:
        self._move_horizontally(-1)

    def action_cursor_right(self) -> None:
        self._move_horizontally(1)

    def action_cursor_up(self) -> None:
        self._move_vertically(-1)

    def action_cursor_down(self) -> None:
        self._move_vertically(1)

    def action_page_up(self) -> None:
        height = max(1, self.scrollable_content_region.height - 1)
        self.scroll_to(y=max(0, self.scroll_y - height), animate=False, immediate=True)
        self._move_vertically(-height)

    def action_page_down(self) -> None:
        height = max(1, self.scrollable_content_region.height - 1)
        self.scroll_to(y=min(self.max_scroll_y, self.scroll_y + height), animate=False, immediate=True)
        self._move_vertically(height)

    def action_line_start(self) -> None:
        self._to_line_edge(start=True)

    def action_line_end(self) -> None:
        self._to_line_edge(start=False)

    def _to_line_edge(self, start: bool) -> None:
        """Home/End: the logical start/end of the cursor's screen line (its first and last
        character in reading order: the right and left edges of a right-to-left line)."""
        location = self.cursor_location()
        if location is None:
            return
        index, row, _column = location
        line = self.paragraph_layout(index).lines[row]
        offset = line_start_offset(line) if start else line_end_offset(line)
        self.move_cursor(self._blocks[index].start + offset)

    def action_doc_top(self) -> None:
        if self._blocks:
            self.move_cursor(self._blocks[0].start)

    def action_doc_bottom(self) -> None:
        if self._blocks:
            self.move_cursor(self._blocks[-1].end - 1)
            # To the last row too: in a parallel pair it may be the partner's text below
            # this document's end.
            self.scroll_to(y=self.max_scroll_y, animate=False, immediate=True)

    def action_paragraph_next(self) -> None:
        paragraphs = self.document.paragraphs
        index = self.paragraph_index_at(self._cursor)
        if index + 1 < len(paragraphs):
            self.move_cursor(paragraphs[index + 1].start)

    def action_paragraph_prev(self) -> None:
        paragraphs = self.document.paragraphs
        if not paragraphs:
            return
        index = self.paragraph_index_at(self._cursor)
        if self._cursor > paragraphs[index].start:
            self.move_cursor(paragraphs[index].start)
        elif index > 0:
            self.move_cursor(paragraphs[index - 1].start)

    def _logical(self, motion_name: str, forward: bool) -> None:
        # Imported on first use: word rules are not needed for the first paint.
        from reader.tui import text_motions

        target = getattr(text_motions, motion_name)(self.document.text, self._cursor)
        if target is None or (forward and target <= self._cursor):
            return
        # Gaps between paragraphs snap forward; going back they must not undo the move.
        if not forward and target < self._cursor:
            index = self._rows.block_at(target)
            paragraph = self._blocks[index]
            if target < paragraph.start and index > 0:
                target = self._blocks[index - 1].end - 1
        self.move_cursor(target)

    def action_word_next(self) -> None:
        self._logical("next_word_start", True)

    def action_word_prev(self) -> None:
        self._logical("prev_word_start", False)

    def action_word_end(self) -> None:
        self._logical("word_end", True)

    def action_sentence_next(self) -> None:
        self._logical("next_sentence_start", True)

    def action_sentence_prev(self) -> None:
        self._logical("prev_sentence_start", False)

    # ------------------------------------------------------------------ mouse

    def on_click(self, event: events.Click) -> None:
        """A click puts the cursor on the logical offset of the clicked cell."""
        offset = event.get_content_offset(self)
        if offset is None:
            return
        found = self._visual_line_at(int(self.scroll_y) + offset.y)
        if found is not None:
            self._set_from_line(found, offset.x)
            self._goal_column = None
        self.focus()
