"""The library: every document with its language, direction, size and annotations.

`LibraryScreen(documents, store=None)` dismisses with the list of document ids to
open (enter: the highlighted one, or every marked one in the order marked; space
marks; escape: an empty list). Typing filters on title, id, path, language and site.
The status line gives the highlighted document's site, date and URL when its source
says them (saved pages, feed items, archive records: reader.core.sources).

The list is drawn with Textual's line API (`DocumentList`): only the rows on screen
are ever formatted, so 10,000 documents cost no more to show than five. What costs
per document is done for visible rows only: titles (paragraph splitting) and store
counts when a row is drawn, language detection (lingua, ~10 ms a document) in a
worker thread; a row shows "…" until its language is known.

The Related column shows each document's strongest relation found by reader.align
("⇄ 004 translation", "+2" when there are more; "…" while the app is still finding them);
ctrl+r lists the highlighted document's relations to confirm or reject each
(reader.tui.dialogs.relations).
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any, Protocol, Sequence, cast

from rich.segment import Segment
from rich.style import Style
from textual import events, work
from textual.app import ComposeResult
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.screen import Screen
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import Input, Static

from reader.bidi.layout import layout_paragraph, prepare_texts
from reader.core.document import Document
from reader.core.lazy_loading import document_ids, unread
from reader.tui.bindings import LIBRARY_BINDINGS
from reader.tui.screens.whole_frame import WholeFrame
from reader.tui.type_ahead import focus_for_typing
from reader.tui.widgets.bidi_input import BidiInput
from reader.tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from reader.tui.app import ReaderApp

NOT_KNOWN = "–"  # no store: counts are unknown, not zero
PENDING = "…"  # being computed

#: (header, width) of the fixed columns; the title takes what is left.
_COLUMNS = (("", 2), ("Lang", 5), ("Dir", 4), ("Size", 8), ("Notes", 6), ("Done", 5), ("Related", 20))
_ID_WIDTH = 28
_MIN_TITLE = 12


class AnnotationCounts(Protocol):
    """What the library needs from `reader.store.database.AnnotationStore`."""

    def spans(self, doc_id: str) -> Sequence[Any]: ...

    def document(self, doc_id: str) -> Any: ...


def one_line(text: str) -> str:
    """`text` with every run of whitespace (newlines included) made one space."""
    return " ".join(text.split())


def fit(text: str, width: int) -> str:
    """`text` laid out for the screen in exactly `width` cells: reordered and shaped
    when it holds right-to-left text (and right-aligned then), control characters
    made harmless, cut at `width`."""
    if width <= 0:
        return ""
    text = one_line(text)
    if not text:
        return " " * width
    line = layout_paragraph(text, width).lines[0]
    pad = line.pad(width)
    return " " * pad + line.text + " " * max(0, width - pad - line.width)


def human_size(characters: int) -> str:
    """"812", "4.5k", "1.2M": the size of a text in characters."""
    if characters < 1000:
        return str(characters)
    if characters < 1_000_000:
        return f"{characters / 1000:.1f}k"
    return f"{characters / 1_000_000:.1f}M"


def source_facts(document: Document) -> str:
    """" · site · date · url" of a page, feed item or archive record (reader.core.sources),
    laid out for the screen (a site's name is often Arabic or Hebrew); "" for others."""
    meta = document.meta
    given = [meta.get("site"), meta.get("date"), meta.get("url")]
    facts = [one_line(fact) for fact in given if isinstance(fact, str) and fact.strip()]
    if meta.get("extraction") == "whole page":
        facts.append("no article found: whole page")
    if not facts:
        return ""
    # Each fact laid out on its own: in one RTL paragraph an Arabic site name would make
    # the date's numbers Arabic numbers and swap its parts.
    return "".join(" · " + layout_paragraph(fact, None).lines[0].text for fact in facts)


class DocumentList(ScrollView, can_focus=True, inherit_bindings=False):
    """A virtual list of documents, one line each; the screen binds its keys.

    `rows` are indices into `documents` (the filtered view); `cursor` indexes `rows`.
    """

    # Rows are formatted to the width: nothing to scroll sideways (the virtual width
    # is the widget's, which a vertical scrollbar would overflow).
    DEFAULT_CSS = """
    DocumentList { height: 1fr; overflow-x: hidden; }
    """

    class Moved(Message):
        """The highlight moved to another document (the screen's status line follows)."""

    class ReadAhead(Message):
        """Documents just off screen not read yet (a lazy corpus): read them in a thread
        so that scrolling finds them ready (a saved page costs ~10 ms to extract)."""

        def __init__(self, indices: list[int]) -> None:
            super().__init__()
            self.indices = indices

    class LanguagesWanted(Message):
        """Rows on screen whose language is not known yet (indices into documents)."""

        def __init__(self, indices: list[int]) -> None:
            super().__init__()
            self.indices = indices

    def __init__(self, documents: Sequence[Document], store: AnnotationCounts | None = None,
                 relations: Any | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.documents = documents
        self.store = store
        #: reader.annotate.relations.CorpusRelations, None while they are being found
        self.relations = relations
        self.rows: list[int] = list(range(len(documents)))
        self.cursor = 0
        self.marked: dict[str, None] = {}  # an ordered set: the order of marking
        self._facts: dict[int, tuple[str, str]] = {}  # notes, done (from the store)
        self._asked: set[int] = set()
        self._read_ahead_asked: set[int] = set()
        # Row texts by (document, width, generation): the text is the costly part (the
        # file read, the bidi layout of the title); the highlight and the focus only
        # change a row's style, so moving or focusing reformats nothing.
        self._texts: LRUCache[tuple[int, int, int], str] = LRUCache(1024)
        self._generation = 0  # bumped when anything a row's text shows changes

    # --- the view ---

    def on_mount(self) -> None:
        self._update_virtual_size()

    def _update_virtual_size(self) -> None:
        self.virtual_size = Size(self.size.width, len(self.rows))

    def on_resize(self) -> None:
        self._update_virtual_size()

    def set_rows(self, rows: list[int]) -> None:
        """Show only `rows` (indices into documents), keeping the cursor on the same
        document when it is still shown."""
        current = self.current_index
        self.rows = rows
        self.cursor = rows.index(current) if current in rows else 0
        self._update_virtual_size()
        self.scroll_to(y=0, animate=False)
        self._keep_cursor_visible()
        self.changed()

    def changed(self) -> None:
        """Forget drawn rows (their content changed) and redraw."""
        self._generation += 1
        self.refresh()

    @property
    def current_index(self) -> int | None:
        """The index in documents of the highlighted row, None when nothing is shown."""
        return self.rows[self.cursor] if 0 <= self.cursor < len(self.rows) else None

    @property
    def current(self) -> Document | None:
        index = self.current_index
        return None if index is None else self.documents[index]

    def move_cursor(self, delta: int | None = None, *, to: int | None = None) -> None:
        """Move the highlight by `delta` rows or `to` a row, within the list."""
        if not self.rows:
            return
        target = to if to is not None else self.cursor + (delta or 0)
        self.cursor = max(0, min(len(self.rows) - 1, target))
        self._keep_cursor_visible()
        self.refresh()
        self.post_message(self.Moved())

    def _keep_cursor_visible(self) -> None:
        height = max(1, self.scrollable_content_region.height)
        top = round(self.scroll_offset.y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False)

    @property
    def page(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def toggle_mark(self) -> None:
        document = self.current
        if document is None:
            return
        if document.id in self.marked:
            del self.marked[document.id]
        else:
            self.marked[document.id] = None
        self.changed()

    # --- drawing ---

    def column_widths(self, width: int) -> tuple[int, int]:
        """(title width, id width) for a list `width` cells wide."""
        fixed = sum(w for _, w in _COLUMNS)
        # The id gets at most a third of what the fixed columns leave: the title comes first.
        id_width = min(_ID_WIDTH, max(0, width - fixed - _MIN_TITLE - 1), max(0, width - fixed) // 3)
        return max(1, width - fixed - id_width - (1 if id_width else 0)), id_width

    def header_text(self, width: int) -> str:
        title_width, id_width = self.column_widths(width)
        cells = [f"{name:<{w}}" for name, w in _COLUMNS[:1]] + [f"{'Title':<{title_width}}"]
        cells += [f"{name:<{w}}" for name, w in _COLUMNS[1:]]
        if id_width:
            cells.append(" " + f"{'Id':<{id_width}}")
        return "".join(cells)[:width]

    def render_lines(self, crop):
        """Prepare the titles of the rows about to be formatted in one batch (the bidi
        engine learns their words together: ~6 ms → ~2 for a first screen of new
        titles), then draw the lines."""
        self._prepare_titles(crop)
        return super().render_lines(crop)

    def _prepare_titles(self, crop) -> None:
        width = self.scrollable_content_region.width
        top = round(self.scroll_offset.y)
        titles = []
        for row in range(top + crop.y, min(len(self.rows), top + crop.bottom)):
            index = self.rows[row]
            if (index, width, self._generation) not in self._texts:
                titles.append(one_line(self.documents[index].title))
        if len(titles) > 1:
            prepare_texts(titles)
        self._want_read_ahead(top + crop.bottom, crop.height)

    def _want_read_ahead(self, below: int, count: int) -> None:
        """Ask for the next `count` rows from row `below` to be read ahead, once each."""
        rows = self.rows[below:below + count]
        wanted = [i for i in unread(self.documents, rows) if i not in self._read_ahead_asked]
        if wanted:
            self._read_ahead_asked.update(wanted)
            # After the screen is painted: the reading thread would slow the paint (GIL).
            self.call_after_refresh(self.post_message, self.ReadAhead(wanted))

    def render_line(self, y: int) -> Strip:
        row = round(self.scroll_offset.y) + y
        width = self.scrollable_content_region.width
        if not 0 <= row < len(self.rows):
            return Strip.blank(width, self.rich_style)
        index = self.rows[row]
        key = (index, width, self._generation)
        text = self._texts.get(key)
        if text is None:
            text = self._texts[key] = self._row_text(index, width)
        return Strip([Segment(text, self._row_style(index, row))], width)

    def _row_style(self, index: int, row: int) -> Style:
        style = self.rich_style
        if self.documents[index].id in self.marked:
            style += Style(bold=True, color="yellow")
        if row == self.cursor:
            style += Style(reverse=True) if self.has_focus else Style(underline=True)
        return style

    def _row_text(self, index: int, width: int) -> str:
        document = self.documents[index]
        title_width, id_width = self.column_widths(width)
        notes, done = self._store_facts(index)
        lang = self.known_language(document)
        if lang is None:
            lang = PENDING
            self._want_language(index)
        text = "".join([
            "* " if document.id in self.marked else "  ",
            fit(document.title, title_width),
            f" {lang:<4}",
            f" {document.direction:<3}",
            f" {human_size(len(document.text)):>6} ",
            f" {notes:>4} ",
            f" {done:<4}",
            " " + fit(self._related(document), 19),
            " " + fit(document.id, id_width) if id_width else "",
        ])
        return text

    def _related(self, document: Document) -> str:
        """The Related column: the document's relations in short, "…" while not known."""
        if self.relations is None:
            return PENDING if len(self.documents) > 1 else ""
        return self.relations.marker(document.id)

    @staticmethod
    def known_language(document: Document) -> str | None:
        """The language when known without detection (catalog/meta, or detected already)."""
        if "lang" in document.__dict__:  # Document.lang is a cached_property
            return document.lang
        known = document.meta.get("lang")
        return known if isinstance(known, str) and known else None

    def _store_facts(self, index: int) -> tuple[str, str]:
        """(annotation count, done) of a document, "–" for both without a store."""
        if self.store is None:
            return NOT_KNOWN, NOT_KNOWN
        facts = self._facts.get(index)
        if facts is None:
            doc_id = self.documents[index].id
            record = self.store.document(doc_id)
            done = "yes" if record is not None and getattr(record, "done", False) else "no"
            facts = self._facts[index] = (str(len(self.store.spans(doc_id))), done)
        return facts

    def forget_store_facts(self) -> None:
        """Re-read counts from the store on the next paint (after annotating)."""
        self._facts.clear()
        self.changed()

    def _want_language(self, index: int) -> None:
        if index not in self._asked:
            self._asked.add(index)
            self.call_after_refresh(self._ask_languages)

    def _ask_languages(self) -> None:
        wanted = [i for i in self._asked if self.known_language(self.documents[i]) is None]
        self._asked.clear()
        if wanted:
            self.post_message(self.LanguagesWanted(wanted))

    def on_click(self, event: events.Click) -> None:
        row = round(self.scroll_offset.y) + event.y
        if 0 <= row < len(self.rows):
            self.move_cursor(to=row)

    def on_focus(self) -> None:
        self.refresh()  # the highlight's style follows the focus

    def on_blur(self) -> None:
        self.refresh()


class LibraryScreen(WholeFrame, Screen[list[str]]):
    """Pick documents to read; dismisses with their ids (an empty list: nothing)."""

    BINDINGS = [*LIBRARY_BINDINGS]  # a list of its own: Textual types it list[Binding | tuple]

    DEFAULT_CSS = """
    LibraryScreen #library-filter { dock: top; }
    LibraryScreen #library-header { height: 1; text-style: bold; }
    LibraryScreen #library-status { height: 1; }
    """

    def __init__(self, documents: Sequence[Document], store: AnnotationCounts | None = None,
                 relations: Any | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.documents = documents
        self.store = store
        self.relations = relations
        self._haystacks: list[str | None] = [None] * len(documents)
        self._query = ""

    def compose(self) -> ComposeResult:
        yield BidiInput(placeholder="Filter by title, id, path or language", id="library-filter", select_on_focus=False)
        yield Static("", id="library-header", markup=False)
        yield DocumentList(self.documents, self.store, self.relations, id="library-list")
        yield Static("", id="library-status", markup=False)
        yield KeyBar()

    @property
    def document_list(self) -> DocumentList:
        return self.query_one(DocumentList)

    @property
    def filter_input(self) -> Input:
        return self.query_one("#library-filter", Input)

    def on_mount(self) -> None:
        self.document_list.focus()
        self._update_status()

    def on_resize(self) -> None:
        self.query_one("#library-header", Static).update(self.document_list.header_text(self.size.width))

    def _update_status(self) -> None:
        documents = self.document_list
        shown, total, marked = len(documents.rows), len(self.documents), len(documents.marked)
        text = f"{shown} of {total} documents" if shown != total else f"{total} documents"
        if marked:
            text += f" · {marked} marked (enter opens them side by side)"
        current = documents.current
        if current is not None:
            text += source_facts(current)
        text += self._progress()
        self.query_one("#library-status", Static).update(text)

    def _progress(self) -> str:
        """" · 2/5 done · this one: ORG 3, CLAIM 1": annotation progress from the store
        (the corpus's done count, the highlighted document's spans per label)."""
        if self.store is None:
            return ""
        ids = document_ids(self.documents)  # a lazy corpus is not read for this
        done = sum(1 for doc_id in ids if getattr(self.store.document(doc_id), "done", False))
        text = f" · {done}/{len(ids)} done"
        current = self.document_list.current
        if current is not None:
            labels = Counter(getattr(span, "label", "?") for span in self.store.spans(current.id))
            counts = ", ".join(f"{label} {n}" for label, n in sorted(labels.items())) or "no spans"
            text += f" · this one: {counts}"
        return text

    def on_document_list_moved(self, event: DocumentList.Moved) -> None:
        event.stop()
        self._update_status()

    # --- filtering ---

    def _haystack(self, index: int) -> str:
        """What the filter searches for document `index` (cached once the language is known)."""
        cached = self._haystacks[index]
        if cached is not None:
            return cached
        document = self.documents[index]
        lang = DocumentList.known_language(document)
        site = document.meta.get("site")
        text = "\n".join([document.id, document.path, document.title, lang or "",
                          site if isinstance(site, str) else ""]).casefold()
        if lang is not None:
            self._haystacks[index] = text
        return text

    def matches(self, query: str) -> list[int]:
        """Indices of the documents whose title, id, path or known language contain
        every word of `query` (case-insensitive)."""
        words = query.casefold().split()
        if not words:
            return list(range(len(self.documents)))
        return [i for i in range(len(self.documents)) if all(w in self._haystack(i) for w in words)]

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._query = event.value
        self.document_list.set_rows(self.matches(event.value))
        self._update_status()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_open_selected()

    def on_key(self, event: events.Key) -> None:
        """Typing on the list starts the filter, unless the key does something else.
        Once it has started, every printable key that still reaches the list (typed
        before the focus got to the filter) goes to the filter, in order: a title typed
        fast must not open, mark or move anything on its way (see reader.tui.type_ahead)."""
        if not (self.document_list.has_focus and event.is_printable and event.character):
            return
        if getattr(self.app, "type_ahead_target", None) is self.filter_input:
            self._type(event)
            return
        active = self.active_bindings.get(event.key)
        if active is not None and active.binding.action == "focus_filter":
            # Here rather than as a binding (run by the app, later): the keys after it
            # are typed ahead, and they must not overtake it.
            event.stop()
            event.prevent_default()
            focus_for_typing(self.filter_input)
            return
        if active is not None or self._starts_sequence(event.key):
            return
        focus_for_typing(self.filter_input)
        self._type(event)

    def _type(self, event: events.Key) -> None:
        """``event``'s key into the filter, after the keys typed before it."""
        event.stop()
        event.prevent_default()
        self.filter_input.post_message(events.Key(event.key, event.character))

    def _starts_sequence(self, key: str) -> bool:
        """Whether `key` begins a key sequence or a count of the app's keymap."""
        resolved = getattr(self.app, "resolved_keymap", None)
        if resolved is None:
            return False
        if resolved.counts and key.isdigit():
            return True
        return any(sequence[0] == key for sequence in resolved.sequences)

    # --- languages ---

    def on_document_list_read_ahead(self, message: DocumentList.ReadAhead) -> None:
        message.stop()
        self._read_ahead(message.indices)

    @work(thread=True, group="library-read-ahead")
    def _read_ahead(self, indices: list[int]) -> None:
        """Read documents about to be shown, off the UI thread (their languages are
        detected when they are shown, as for every row); LazyCorpus keeps one Document
        per entry if the UI thread reads one meanwhile."""
        for index in indices:
            _ = self.documents[index]

    def on_document_list_languages_wanted(self, message: DocumentList.LanguagesWanted) -> None:
        self._detect_languages(message.indices)

    @work(thread=True, group="library-languages")
    def _detect_languages(self, indices: list[int]) -> None:
        """Detect the languages of `indices` off the UI thread, then redraw."""
        for index in indices:
            _ = self.documents[index].lang  # fills the cached_property
        self.app.call_from_thread(self.document_list.changed)

    # --- relations ---

    def relations_changed(self, relations: Any | None) -> None:
        """The app found the relations, or a decision changed: redraw the Related column."""
        self.relations = relations
        self.document_list.relations = relations
        self.document_list.changed()

    def action_relations(self) -> None:
        """List the highlighted document's relations (confirm, reject, open side by side)."""
        current = self.document_list.current
        if current is None:
            return
        if self.relations is None:
            self.notify("Relations between the documents are still being found.")
            return
        if not self.relations.of(current.id):
            self.notify("No relation found for this document.")
            return
        from reader.tui.dialogs.relations import RelationsDialog

        self.app.push_screen(RelationsDialog(current, self.relations, self.documents, decide=self._decide),
                             self._relations_closed)

    def _decide(self, relation: Any, decision: str | None) -> bool:
        """Store a decision through the app; False (and a message) when it cannot be kept."""
        from reader.errors import ReaderError

        try:
            cast("ReaderApp", self.app).decide_relation(relation, decision)  # the app this screen runs in
        except ReaderError as error:
            self.notify(str(error), severity="error", timeout=8)
            return False
        return True

    def _relations_closed(self, result: Any) -> None:
        self.document_list.changed()
        if result:
            self.dismiss(list(result))  # the two documents, side by side

    # --- actions (ids in bindings.LIBRARY_BINDINGS) ---

    def action_open_selected(self) -> None:
        documents = self.document_list
        if documents.marked:
            self.dismiss(list(documents.marked))
        elif documents.current is not None:
            self.dismiss([documents.current.id])

    def action_mark(self) -> None:
        self.document_list.toggle_mark()
        self.document_list.move_cursor(1)
        self._update_status()

    def action_focus_filter(self) -> None:
        focus_for_typing(self.filter_input)

    def action_close(self) -> None:
        """Leave the filter for the list; from the list, close with nothing to open."""
        if self.filter_input.has_focus:
            self.document_list.focus()
        else:
            self.dismiss([])

    def action_cursor_up(self) -> None:
        self.document_list.move_cursor(-1)

    def action_cursor_down(self) -> None:
        self.document_list.move_cursor(1)

    def action_page_up(self) -> None:
        self.document_list.move_cursor(-self.document_list.page)

    def action_page_down(self) -> None:
        self.document_list.move_cursor(self.document_list.page)

    def action_cursor_top(self) -> None:
        self.document_list.move_cursor(to=0)

    def action_cursor_bottom(self) -> None:
        self.document_list.move_cursor(to=len(self.document_list.rows) - 1)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # With the filter focused, space is text: only the list marks.
        if action == "mark" and not self.document_list.has_focus:
            return False
        return True
