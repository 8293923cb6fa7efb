"""Document text as the dialogs show it: sanitized, in display order, never as markup.

Every piece of document text in a dialog goes through `screen_line` or `BidiText`: the
bidi layout engine (`reader.bidi.layout.layout_paragraph`) replaces control characters
with visible placeholders (reader.bidi.sanitize) and reorders right-to-left runs for
terminals that show characters in the order sent. The result is a `rich.text.Text`,
so a "[" in a document is never read as Rich markup.
"""

from __future__ import annotations

import unicodedata

from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

from reader.bidi.layout import layout_paragraph
from reader.bidi.sanitize import display, is_safe
from reader.bidi.width import char_width

__all__ = ["screen_line", "screen_lines", "snippet", "snippet_in", "clip", "has_rtl", "safe_input_value",
           "BidiText", "app_order"]

#: How a match or a span is set off inside a snippet: attributes, so it shows without colour.
EMPHASIS = "bold underline"


def app_order(app: object) -> str:
    """The layout order the running app uses ("visual" unless the terminal reorders)."""
    order = getattr(app, "order", "visual")
    return order if order in ("visual", "logical") else "visual"


def _one_paragraph(text: str) -> str:
    # Newlines become spaces one for one, so offsets into `text` stay valid.
    return text.replace("\n", " ").replace("\r", " ")


def _styled(line, emphasis: tuple[int, int] | None, style: str, emphasis_style: str) -> Text:
    """A VisualLine as Text, the cells showing logical range `emphasis` styled."""
    out = Text(style=style, no_wrap=True, end="")
    if emphasis is None or emphasis[0] >= emphasis[1]:
        out.append(line.text)
        return out
    lo, hi = emphasis
    marked = [s < hi and lo < e for s, e in line.cells]
    cell = -1
    for ch in line.text:
        width = char_width(ch)
        if width > 0:
            cell += 1  # a zero-width mark belongs to the cell of its base
        hit = 0 <= cell < len(marked) and marked[cell]
        out.append(ch, emphasis_style if hit else None)
        if width > 1:
            cell += width - 1
    return out


def screen_lines(text: str, width: int | None = None, *, order: str = "visual",
                 emphasis: tuple[int, int] | None = None, style: str = "",
                 emphasis_style: str = EMPHASIS) -> list[Text]:
    """`text` (one paragraph; newlines count as spaces) laid out in screen lines of at
    most `width` cells (None: one line), each a Text; the cells showing the logical range
    `emphasis` (offsets into `text`) get `emphasis_style`."""
    flat = _one_paragraph(text)
    if not flat.strip():
        return [Text(flat.replace("\t", " "), style=style, end="")] if flat else [Text("", end="")]
    layout = layout_paragraph(flat, width, order=order)
    lines = []
    for line in layout.lines:
        # cells carry offsets into the whole paragraph, as `emphasis` does
        row = _styled(line, emphasis, style, emphasis_style)
        if width is not None and layout.rtl:
            row.pad_left(max(0, width - line.width))  # right-to-left paragraphs hug the right edge
        lines.append(row)
    return lines or [Text("", end="")]


def screen_line(text: str, *, order: str = "visual", emphasis: tuple[int, int] | None = None,
                style: str = "", emphasis_style: str = EMPHASIS) -> Text:
    """`text` as one screen line (see `screen_lines`): sanitized, in display order."""
    lines = screen_lines(text, None, order=order, emphasis=emphasis, style=style, emphasis_style=emphasis_style)
    joined = Text(style=style, no_wrap=True, end="")
    for i, line in enumerate(lines):
        if i:
            joined.append(" ")
        joined.append_text(line)
    return joined


def clip(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters, in logical order, "…" marking the cut."""
    flat = _one_paragraph(text)
    return flat if len(flat) <= limit else flat[: max(1, limit - 1)].rstrip() + "…"


def snippet_in(text: str, start: int, end: int, room: int) -> tuple[str, int, int]:
    """`snippet` with as much context as about `room` cells hold (two "…" included), at
    most 30 characters a side: for a row of a list (see Dialog.row_room)."""
    return snippet(text, start, end, max(4, min(30, (room - (end - start)) // 2 - 1)))


def snippet(text: str, start: int, end: int, radius: int = 30) -> tuple[str, int, int]:
    """A window of `text` around [start, end): about `radius` characters each side, cut at
    spaces where possible, "…" where text was left out. Returns the snippet and the range
    of [start, end) inside it."""
    lo = max(0, start - radius)
    hi = min(len(text), end + radius)
    # Stay inside the paragraph (a snippet is one line of context), then cut at spaces
    # only where the window does not reach the paragraph's edge.
    newline = text.rfind("\n", lo, start)
    if newline != -1:
        lo = newline + 1
    elif lo > 0:
        space = text.find(" ", lo, start)
        lo = space + 1 if space != -1 else lo
    newline = text.find("\n", end, hi)
    if newline != -1:
        hi = newline
    elif hi < len(text):
        space = text.rfind(" ", end, hi)
        hi = space if space != -1 else hi
    prefix = "…" if lo > 0 and text[lo - 1] != "\n" else ""
    suffix = "…" if hi < len(text) and text[hi] != "\n" else ""
    shown = prefix + text[lo:hi] + suffix
    return shown, start - lo + len(prefix), end - lo + len(prefix)


class BidiText(Widget):
    """A paragraph of document text wrapped to the widget's width, in display order."""

    DEFAULT_CSS = """
    BidiText { height: auto; }
    """

    def __init__(self, text: str, *, style: str = "", emphasis: tuple[int, int] | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.text = text
        self._style = style
        self._emphasis = emphasis

    def _lines(self, width: int) -> list[Text]:
        return screen_lines(self.text, max(1, width), order=app_order(self.app), emphasis=self._emphasis,
                            style=self._style)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines(width))

    def render(self) -> Text:
        return Text("\n").join(self._lines(self.content_size.width or 1))


def has_rtl(text: str) -> bool:
    """True if `text` holds a right-to-left letter (Hebrew, Arabic, Thaana, Syriac...)."""
    return any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text)


def safe_input_value(text: str) -> str:
    """`text` for an Input's initial value: control and bidi formatting characters (which an
    Input would write raw to the terminal) become their placeholders; ZWNJ and the like stay."""
    return "".join(display(ch) if not is_safe(ch) else ch for ch in text)
