"""A pane: a header (title, language, direction, position) above a DocumentView."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Label

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


class DocumentTitle(Widget):
    """A document's title, laid out at whatever width the header leaves it."""

    DEFAULT_CSS = "DocumentTitle { width: 1fr; height: 1; }"

    title: reactive[str] = reactive("")

    def __init__(self, order: LayoutOrder = "visual", classes: str | None = None) -> None:
        super().__init__(classes=classes)
        self.order = order

    def render(self) -> Text:
        shown = screen_text(self.title, self.order, self.size.width or None)
        rtl = bool(shown) and shown.startswith("…")
        text = Text(shown, no_wrap=True, overflow="crop")
        if rtl:  # right-aligned like the text below it
            text.pad_left(max(0, self.size.width - text.cell_len))
        return text


class PaneHeader(Horizontal):
    """Title, language and direction on the left; paragraph and scroll position on the right."""

    DEFAULT_CSS = """
    PaneHeader { height: 1; background: $panel; text-style: bold; }
    PaneHeader > .pane-meta { width: auto; height: 1; padding: 0 1; }
    PaneHeader > .pane-position { width: auto; height: 1; padding: 0 1; }
    """

    def __init__(self, order: LayoutOrder = "visual") -> None:
        super().__init__()
        self.order = order

    def compose(self) -> ComposeResult:
        yield Label(classes="pane-meta")
        yield DocumentTitle(self.order)
        yield Label(classes="pane-position")

    def show(self, title: str, lang: str, direction: str) -> None:
        """Set the left part: language, direction and the document's raw ``title``."""
        self.query_one(".pane-meta", Label).update(Text(f"{lang} · {direction}"))
        self.query_one(DocumentTitle).title = title

    def show_position(self, paragraph: int, paragraphs: int, fraction: float | None) -> None:
        """Set the right part: cursor paragraph and how far down the view is ("all": it fits)."""
        where = "all" if fraction is None else f"{round(fraction * 100):3d}%"
        self.query_one(".pane-position", Label).update(Text(f"¶ {paragraph + 1}/{paragraphs}  {where:>4}"))


class Pane(Vertical):
    """One document in the reading screen. The screen sets attributes; the pane reports up."""

    DEFAULT_CSS = """
    Pane { width: 1fr; height: 1fr; border-left: vkey $panel-lighten-2; }
    Pane.-first { border-left: none; }
    Pane:focus-within > PaneHeader { background: $primary; text-style: bold reverse; }
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
