"""A pane: a header (title, language, direction, position) above a DocumentView."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.reactive import reactive
from textual.widget import Widget

from reader.bidi.layout import layout_paragraph
from reader.tui.widgets.document_view import DocumentView, LayoutOrder

if TYPE_CHECKING:
    from reader.core.document import Document


def screen_text(text: str, order: LayoutOrder = "visual", width: int | None = None) -> str:
    """``text`` as one screen line through the bidi engine: sanitized, shaped, reordered.

    Titles come from documents and must never reach the terminal raw (no control
    character, no bidi control); an Arabic title must also read right to left. With
    ``width``, the first ``width``-cell line of the wrapped text, marked with "…" on
    the side where the text goes on (the left for a right-to-left title).
    """
    flat = " ".join(text.split())
    if not flat:
        return ""
    if width is not None and width < 2:
        return ""
    lines = layout_paragraph(flat, None if width is None else width - 1, "auto", order=order).lines
    if not lines:
        return ""
    first = lines[0]
    if len(lines) == 1:
        return first.text
    return "…" + first.text if first.rtl else first.text + "…"


class PaneHeader(Widget):
    """One line: language · direction, the title, and (right) paragraph and scroll position.

    The title is laid out by the bidi engine at the width left over, so an Arabic title
    reads right to left and is cut at its logical end.
    """

    DEFAULT_CSS = """
    PaneHeader { height: 1; background: $panel; text-style: bold; }
    """

    lang: reactive[str] = reactive("…")
    direction: reactive[str] = reactive("")
    title: reactive[str] = reactive("")
    position: reactive[str] = reactive("")

    def __init__(self, order: LayoutOrder = "visual") -> None:
        super().__init__()
        self.order = order

    def render(self) -> Text:
        """Plain Text (never markup): the title is document text."""
        width = self.size.width
        left = f" {self.lang} · {self.direction} "
        right = f" {self.position} "
        room = width - len(left) - len(right)
        shown = screen_text(self.title, self.order, room) if room >= 2 else ""
        text = Text(left, no_wrap=True, overflow="crop")
        text.append(shown)
        text.pad_right(max(0, width - text.cell_len - len(right)))
        text.append(right)
        return text

    def show(self, title: str, lang: str, direction: str) -> None:
        """Set the left part: language, direction and the document's raw ``title``."""
        self.title, self.lang, self.direction = title, lang, direction

    def show_position(self, paragraph: int, paragraphs: int, fraction: float | None) -> None:
        """Set the right part: cursor paragraph and how far down the view is ("all": it fits)."""
        where = "all" if fraction is None else f"{round(fraction * 100):3d}%"
        self.position = f"¶ {paragraph + 1}/{paragraphs}  {where:>4}"


class Pane(Vertical):
    """One document in the reading screen. The screen sets attributes; the pane reports up."""

    DEFAULT_CSS = """
    Pane { width: 1fr; height: 1fr; border-left: vkey $panel-lighten-2; }
    Pane.-first { border-left: none; }
    Pane.-focused > PaneHeader { background: $primary; text-style: bold reverse; }
    """

    def __init__(self, document: Document, *, order: LayoutOrder = "visual", show_invisibles: bool = False) -> None:
        super().__init__()
        self.document = document
        self.order = order
        self._show_invisibles = show_invisibles
        self._fraction: float | None = 0.0

    @property
    def view(self) -> DocumentView:
        return self.query_one(DocumentView)

    def compose(self) -> ComposeResult:
        yield PaneHeader(self.order)
        yield DocumentView(self.document, order=self.order, show_invisibles=self._show_invisibles)

    def on_mount(self) -> None:
        meta_lang = self.document.meta.get("lang")
        self._show_header(meta_lang if isinstance(meta_lang, str) and meta_lang else "…")
        if not meta_lang:
            self._detect_language()  # never block the first paint on language detection
        self._show_position(0)

    @work(thread=True, exclusive=True)
    def _detect_language(self) -> None:
        lang = self.document.lang
        self.app.call_from_thread(self._show_header, lang)

    def _show_header(self, lang: str) -> None:
        self.query_one(PaneHeader).show(self.document.title, lang, self.document.direction)

    def _show_position(self, paragraph: int) -> None:
        self.query_one(PaneHeader).show_position(paragraph, len(self.document.paragraphs), self._fraction)

    def on_document_view_cursor_moved(self, message: DocumentView.CursorMoved) -> None:
        self._show_position(message.paragraph)

    def on_document_view_scrolled(self, message: DocumentView.Scrolled) -> None:
        self._fraction = message.fraction
        self._show_position(self.view.paragraph_index_at(self.view.cursor))
