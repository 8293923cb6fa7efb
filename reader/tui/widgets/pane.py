"""A pane: a header line (title, language, direction, position) above a DocumentView."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.geometry import Region
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


#: Starts the header of the pane that has the focus (colour alone would not show it in
#: NO_COLOR or to a screen reader of the terminal).
FOCUS_MARK = "▶"
#: In the header of a document marked done (`doc-done`).
DONE_MARK = "✓ done"


class PaneHeader(Widget):
    """A pane's first line: a mark if the pane has the focus, language · direction, the
    title, and (right) "done" if the document is marked done, paragraph and scroll
    position of its view.

    The focus and "done" are written out as well as styled, so they read without colour
    (16 colours, NO_COLOR) and in a screen dump.

    The title is laid out by the bidi engine at the width left over, so an Arabic title
    reads right to left and is cut at its logical end. The line is set before the header
    is mounted (the first frame shows it; nothing to repaint after); the language, when
    the catalog does not give it, is detected in a thread after mounting.
    """

    def __init__(self, document: Document, order: LayoutOrder = "visual") -> None:
        super().__init__()
        self.document = document
        self.order = order
        meta_lang = document.meta.get("lang")
        self._lang_known = isinstance(meta_lang, str) and bool(meta_lang)
        self.lang = meta_lang if self._lang_known else "…"
        self.direction = document.direction
        self.title = document.title
        #: How far down the view is (0..1), None when it all fits.
        self.fraction: float | None = 0.0
        self.position = self._position(0)
        #: Whether the document is marked done (the screen sets it from the store).
        self.done = False

    def on_mount(self) -> None:
        if not self._lang_known:
            # After the screen is painted, and in another process: lingua holds the
            # interpreter lock while it loads its models (seconds), which froze the
            # first paint of a corpus the catalog does not know (docs/performance.md).
            self.call_after_refresh(self._detect_language)

    @work(thread=True, exclusive=True)
    def _detect_language(self) -> None:
        from reader.core.language import detect_language_apart

        self.app.call_from_thread(self._show_lang, self.document.learn_language(detect_language_apart))

    def _show_lang(self, lang: str) -> None:
        if lang != self.lang:
            self.lang = lang
            self.refresh()

    def render(self) -> Text:
        """Plain Text (never markup): the title is document text."""
        width = self.content_region.width
        focused = self.has_class("-focused")
        left = f"{FOCUS_MARK if focused else ' '} {self.lang} · {self.direction} "
        right = f" {self.position} "
        done = f" {DONE_MARK} " if self.done else ""
        room = width - len(left) - len(done) - len(right)
        shown = screen_text(self.title, self.order, room) if room >= 2 else ""
        text = Text(left, no_wrap=True, overflow="crop")
        text.append(shown)
        text.pad_right(max(0, width - text.cell_len - len(done) - len(right)))
        text.append(done, style="bold")
        text.append(right)
        return text

    def show_done(self, done: bool) -> None:
        """Show (or stop showing) that the document is marked done."""
        if done != self.done:
            self.done = done
            self.refresh()

    def _position(self, paragraph: int) -> str:
        where = "all" if self.fraction is None else f"{round(self.fraction * 100):3d}%"
        return f"¶ {paragraph + 1}/{len(self.document.paragraphs)}  {where:>4}"

    def show_cursor(self, paragraph: int) -> None:
        """Show the cursor's ``paragraph`` (repaints if the line changed)."""
        position = self._position(paragraph)
        if position != self.position:
            self.position = position
            self.refresh()

    def show_scroll(self, paragraph: int, fraction: float | None) -> None:
        """Show how far down the view is (``fraction``, None: it all fits, "all") and
        the cursor's ``paragraph``."""
        self.fraction = fraction
        self.show_cursor(paragraph)


class Pane:
    """One document on the reading screen: its header above its view. Not a widget:
    the screen lays out the headers and the views itself (a container per pane cost
    styling and a full-size paint at start-up); this pairs them.
    """

    __slots__ = ("header", "view")

    def __init__(self, header: PaneHeader, view: DocumentView) -> None:
        self.header = header
        self.view = view

    @classmethod
    def new(cls, document: Document, *, order: LayoutOrder = "visual", show_invisibles: bool = False) -> Pane:
        """A pane for ``document``, not mounted yet."""
        return cls(PaneHeader(document, order), DocumentView(document, order=order, show_invisibles=show_invisibles))

    @property
    def document(self) -> Document:
        return self.view.document

    @property
    def widgets(self) -> tuple[PaneHeader, DocumentView]:
        return self.header, self.view

    @property
    def region(self) -> Region:
        """The screen region the pane covers (header and view); empty when hidden."""
        return self.header.region.union(self.view.region)

    @property
    def display(self) -> bool:
        """Whether the pane is shown (the narrow layout shows only the focused one)."""
        return self.view.display

    def has_class(self, name: str) -> bool:
        return self.view.has_class(name)

    def set_class(self, add: bool, *names: str, update: bool = True) -> None:
        """Add (or remove) CSS classes on the header and the view."""
        for widget in self.widgets:
            widget.set_class(add, *names, update=update)
        if update and "-focused" in names:
            self.header.refresh()  # the focus mark is part of its text
