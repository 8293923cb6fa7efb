"""Paragraph layout for terminals: the public API of the bidi engine.

A paragraph (one logical line of a document) becomes a list of screen lines. The
pipeline follows UAX #9 section 3.4: resolve levels for the whole paragraph, shape in
logical order, break lines in logical order on the shaped widths, then reorder each
line (L1-L2 via ``uba.reorder_line``), put combining marks after their base (L3) and
mirror brackets at odd levels (L4). Every screen cell keeps a map to the logical text,
so annotations (code-point offsets) and the on-screen cursor can meet.

Terminals show characters in the order sent, so ``order="visual"`` (the default) is
for them; ``order="logical"`` is for terminals that reorder by themselves.

This module never imports Textual: the TUI and ``reader render`` both call it.
See docs/bidi.md for the design.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from reader.bidi import fastpath, sanitize, shaping, uba
from reader.bidi.document_forms import DocumentForms
from reader.bidi.engine import RawLine, build_lines, build_window, controls_change_levels, controls_change_order

__all__ = [
    "VisualLine", "ParagraphLayout", "layout_paragraph", "layout_texts", "layout_document", "layout_long_paragraph",
    "prepare_texts", "clear_cache",
]

#: The logical range ``[start, end)`` of the paragraph text shown at each cell of a line.
Cells = tuple[tuple[int, int], ...]
#: One screen line as `layout_texts` gives it: (text, cells it takes, start, end): a
#: VisualLine's text, width, start and end, without the cell map. Plain tuples: the fast
#: path makes one per line of every document printed.
TextLine = fastpath.Line
#: A paragraph as `layout_texts` gives it: (whether its base direction is RTL, its lines).
ParagraphTexts = tuple[bool, list[TextLine]]


@dataclass(frozen=True, slots=True)
class VisualLine:
    """One screen line of a paragraph, left to right as it is drawn.

    ``text`` is exactly what to write (sanitized, shaped, reordered, mirrored; no
    padding). ``cells`` has one entry per screen cell: the logical range
    ``[start, end)`` of the *paragraph* text that the cell shows. A lam-alef ligature
    covers two characters, a base letter and its harakat one range, a wide CJK
    character fills two cells that both carry its range. Characters that take no cell
    (hidden bidi controls, ZWJ/ZWNJ, the whitespace a line was broken at...) are folded
    into the range of the cell of the character logically before them on the same line
    (the one after them when they open the line), so the cells of a paragraph's lines
    partition its text: every offset belongs to exactly one range.
    ``cells`` may be computed on first use: printing a document needs only ``text``,
    so the map is not paid for until the TUI asks for it.
    """

    text: str
    width: int
    start: int
    end: int
    rtl: bool
    #: the cells, or a function computing them (called at most once).
    detail: Cells | Callable[[], Cells] = field(repr=False, compare=False)

    @property
    def cells(self) -> Cells:
        detail = self.detail
        if callable(detail):
            detail = detail()
            object.__setattr__(self, "detail", detail)  # memoise (the instance is frozen)
        return detail

    def pad(self, width: int) -> int:
        """Left padding that right-aligns an RTL line to ``width`` cells (0 for LTR)."""
        return max(0, width - self.width) if self.rtl else 0

    def cell_of(self, offset: int) -> int | None:
        """The (leftmost) cell showing logical ``offset``, or None if not on this line."""
        if not self.start <= offset < self.end:
            # An empty paragraph's only line answers for offset 0 (cursor at its end).
            return None
        for index, (start, end) in enumerate(self.cells):
            if start <= offset < end:
                return index
        return None

    def range_at(self, cell: int) -> tuple[int, int]:
        """The logical range shown at ``cell`` (IndexError outside the line)."""
        return self.cells[cell]


@dataclass(frozen=True, slots=True)
class ParagraphLayout:
    """A laid-out paragraph. Instances are cached and shared: treat them as read-only."""

    lines: tuple[VisualLine, ...]
    rtl: bool
    text: str
    width: int | None

    def line_of(self, offset: int) -> tuple[int, int] | None:
        """``(line index, cell index)`` showing logical ``offset``, or None."""
        for row, line in enumerate(self.lines):
            if line.start <= offset < line.end:
                cell = line.cell_of(offset)
                if cell is not None:
                    return row, cell
        return None


def layout_paragraph(
    text: str,
    width: int | None,
    base: str = "auto",
    *,
    shape: bool = True,
    show_invisibles: bool = False,
    order: str = "visual",
) -> ParagraphLayout:
    """Lay out one paragraph (no paragraph separators inside) into screen lines.

    ``width``: cells per line, None for no wrapping. ``base``: "auto" (first strong
    character, LTR if none), "ltr" or "rtl". ``shape``: Arabic-script presentation
    forms (for terminals that do not shape). ``show_invisibles``: bidi controls,
    ZWJ/ZWNJ, soft hyphens and other format characters become visible placeholders.
    ``order``: "visual" (reordered for terminals that show what they are sent) or
    "logical" (for terminals that reorder by themselves: nothing reordered nor shaped,
    still sanitized and wrapped).

    Results are memoised on all arguments, so re-laying out the visible paragraphs on
    every repaint is cheap, and the cost never depends on the size of the document.
    """
    _check_arguments(width, base, order)
    return _layout_cached(text, width, base, shape, show_invisibles, order)


def layout_texts(
    text: str,
    width: int | None,
    base: str = "auto",
    *,
    shape: bool = True,
    show_invisibles: bool = False,
    order: str = "visual",
) -> ParagraphTexts:
    """What `layout_paragraph` with the same arguments draws, without cell maps:
    ``(rtl, [(line text, cells, start, end), ...])``, one tuple per screen line
    (``cells`` is VisualLine.width, ``start``/``end`` its logical range).

    For printing whole documents (`reader render`): nothing is memoised, and no
    VisualLine is built. Tests check it against layout_paragraph.
    """
    _check_arguments(width, base, order)
    return _texts(text, width, base, shape, show_invisibles, order == "visual")


def _texts(
    text: str, width: int | None, base: str, shape: bool, show_invisibles: bool, visual: bool,
    drawn: tuple[str, str] | None = None, levels: tuple[int, bytes] | None = None,
) -> ParagraphTexts:
    """`layout_texts` on checked arguments: the fast path when it can (``drawn``:
    the paragraph's mirror and proxy, ``levels`` its paragraph level and level
    bytes, if known), else the engine."""
    if visual and not show_invisibles:
        fast = fastpath.build_text(text, width, base, shape, drawn=drawn, levels=levels)
        if fast is not None:
            return fast
    rtl, raw_lines = build_lines(
        text, width, base, shape=shape and visual, show_invisibles=show_invisibles, visual=visual
    )
    return rtl, [(t, len(c), s, e) for t, c, s, e in raw_lines]


def prepare_texts(paragraphs: list[str], *, shape: bool = True) -> None:
    """Get ready to lay out ``paragraphs`` (with `layout_paragraph` or `layout_texts`,
    options as given there): changes nothing but speed. The words of many paragraphs
    are measured, shaped and reversed together, for less than paragraph by paragraph."""
    fastpath.learn_paragraphs(paragraphs, shape)


def layout_document(
    paragraphs: list[str],
    width: int | None,
    base: str = "auto",
    *,
    shape: bool = True,
    show_invisibles: bool = False,
    order: str = "visual",
) -> Iterator[ParagraphTexts]:
    """`layout_texts` of each of ``paragraphs`` in turn, for printing a whole document:
    the fast path's forms (`DocumentForms`) and the levels (`uba.resolve_paragraphs`)
    of all paragraphs made at once first."""
    _check_arguments(width, base, order)
    visual = order == "visual"
    if not visual or show_invisibles:  # the engine only: no forms to make
        for text in paragraphs:
            yield _texts(text, width, base, shape, show_invisibles, visual)
        return
    forms = DocumentForms(paragraphs, shape).forms
    levels = uba.resolve_paragraphs(paragraphs, base)
    for index, text in enumerate(paragraphs):
        yield _texts(text, width, base, shape, show_invisibles, visual, forms(index), levels[index])


#: A wrapped paragraph longer than this (code points) is laid out in windows of about
#: this many characters (`layout_long_paragraph`), so that what the engine holds per
#: character never grows with the paragraph.
LONG_PARAGRAPH = 1 << 16
#: Up to this length a long paragraph's explicit controls are drawn on the exact test
#: (`engine.controls_change_order`), beyond it on the stricter one that counts bytes.
EXACT_CONTROLS_TEST = 1 << 20


def layout_long_paragraph(
    text: str,
    width: int,
    base: str = "auto",
    *,
    shape: bool = True,
    show_invisibles: bool = False,
    order: str = "visual",
    window: int = LONG_PARAGRAPH,
) -> tuple[bool, Iterator[list[tuple[str, int, int, int]]]]:
    """What `layout_texts` gives for a wrapped paragraph, as ``(rtl, batches of
    lines)``, laid out ``window`` characters at a time.

    Levels are resolved for the whole paragraph (they depend on all of it: the
    paragraph level, embeddings and isolates, and runs of neutrals up to the next
    strong character) and Arabic-script letters shaped whole (joining crosses any
    cut); both are bytes or one string, a few bytes per character. Everything else
    (glyphs, clusters, line breaks, reordering) is done on a window that starts where
    a line starts: every line of a window but its last is final (a greedy break looks
    only at the clusters before it and at the next word, and a word cut at the
    window's end can only be on its last line); the next window starts at that last
    line. A window that holds a single line (one line longer than the window: hanging
    spaces, a cluster of thousands of marks) is doubled until it holds two."""
    _check_arguments(width, base, order)
    if width is None:
        raise ValueError("a long paragraph is laid out in windows only when it is wrapped")
    par = uba.resolve_paragraph(text, base)
    return par.para_level == 1, _windows(par, width, base, shape, show_invisibles, order == "visual", window)


def _windows(
    par: uba.ParagraphLevels, width: int, base: str, shape: bool, show_invisibles: bool,
    visual: bool, window: int,
) -> Iterator[list[tuple[str, int, int, int]]]:
    text = par.text
    n = len(text)
    if not n:
        yield [(t, len(c), s, e) for t, c, s, e in build_lines(text, width, base, shape=shape, show_invisibles=show_invisibles, visual=visual)[1]]
        return
    shape = shape and visual
    shaped: str | None = None
    marked = not show_invisibles and bool(sanitize.EXPLICIT.search(text)) and (
        # The exact test holds lists of ints per character: up to a bound only.
        controls_change_order(text, par, base) if n <= EXACT_CONTROLS_TEST else controls_change_levels(text, par, base)
    )
    lo, size = 0, window
    while lo < n:
        hi = min(n, lo + size)
        if hi < n:
            # Cut at a space when one is near: the fast path takes whole words.
            space = text.find(" ", hi, hi + size)
            if space > 0:
                hi = space
        lines = None
        if (
            visual and not show_invisibles and not marked and (lo == 0 or text[lo - 1] == " ")
            and text.find(" ", lo, hi) >= 0
        ):
            # Only from a word's start (the fast path shapes each word on its own), and
            # not on one word longer than the window (it would refuse it).
            fast = fastpath.build_text(text[lo:hi], width, base, shape, levels=(par.para_level, par.level_bytes[lo:hi]))
            if fast is not None:
                lines = [(t, c, s + lo, e + lo) for t, c, s, e in fast[1]]
        if lines is None:
            if shape and shaped is None and shaping.SHAPING_RUN.search(text):
                shaped = shaping.shaped_text(text)
            lines = [
                (t, len(c), s, e)
                for t, c, s, e in build_window(
                    par, lo, hi, width, shaped=shaped if shape else None,
                    show_invisibles=show_invisibles, visual=visual, marked=marked,
                )
            ]
        if hi == n:
            yield lines
            return
        if len(lines) < 2:
            size *= 2  # one line longer than the window: take more of it
            continue
        yield lines[:-1]
        lo, size = lines[-1][2], window


def display_line(text: str, base: str = "auto", order: str = "visual") -> str:
    """``text`` as one unwrapped screen line, reordered, shaped, mirrored and sanitized
    (``order="logical"``: sanitized only, for terminals that reorder by themselves): for
    text shown outside a document pane (titles, previews, notifications, status)."""
    _rtl, lines = layout_texts(text, None, base, order=order)
    return "".join(line for line, *_ in lines)


def _check_arguments(width: int | None, base: str, order: str) -> None:
    """Raise ValueError for arguments layout_paragraph does not accept."""
    if base not in ("auto", "ltr", "rtl"):
        raise ValueError(f"base must be 'auto', 'ltr' or 'rtl', not {base!r}")
    if order not in ("visual", "logical"):
        raise ValueError(f"order must be 'visual' or 'logical', not {order!r}")
    if width is not None and width < 1:
        raise ValueError(f"width must be at least 1 cell, not {width}")


@lru_cache(maxsize=4096)
def _layout_cached(
    text: str, width: int | None, base: str, shape: bool, show_invisibles: bool, order: str
) -> ParagraphLayout:
    visual = order == "visual"

    def full() -> tuple[bool, list[RawLine]]:
        return build_lines(
            text, width, base, shape=shape and visual, show_invisibles=show_invisibles, visual=visual
        )

    fast = fastpath.build_text(text, width, base, shape) if visual and not show_invisibles else None
    if fast is None:
        rtl, raw_lines = full()
        lines = tuple(
            VisualLine(text=t, width=len(c), start=s, end=e, rtl=rtl, detail=c)
            for t, c, s, e in raw_lines
        )
    else:
        # Only the texts: the cell maps come from the full engine if and when asked for.
        rtl, fast_lines = fast
        engine_lines: list[RawLine] = []

        def detail(row: int) -> Callable[[], Cells]:
            def compute() -> Cells:
                if not engine_lines:
                    engine_lines.extend(full()[1])
                return engine_lines[row][1]
            return compute

        lines = tuple(
            VisualLine(text=t, width=w, start=s, end=e, rtl=rtl, detail=detail(row))
            for row, (t, w, s, e) in enumerate(fast_lines)
        )
    return ParagraphLayout(lines=lines, rtl=rtl, text=text, width=width)


def clear_cache() -> None:
    """Forget memoised layouts (tests and benchmarks)."""
    _layout_cached.cache_clear()
