"""The reading screen: one to four panes side by side, a status line, a footer.

Below ``NARROW_WIDTH`` columns only the focused pane is shown (tab switches). With
sync-scroll on, the other panes follow the focused one paragraph by paragraph: through
``reader.align``'s alignment once it is computed (in a thread), proportionally by
paragraph index until then. The
paragraph aligned with the cursor's is kept level with it (its first line on the same
screen row, as far as the document ends allow) and drawn bold on a band
(``ALIGNED_STYLE``); paragraphs the alignment leaves out (headlines, "Previous Post")
are dimmed. A relation the user rejected (reader.annotate.relations) is not aligned: its
panes scroll proportionally and nothing is highlighted.

Two panes whose documents are aligned are lined up (the parallel layout, on by default,
``parallel-layout`` turns it off): each group of aligned paragraphs starts on the same row
in both panes, the shorter side padded, a paragraph only one side has faces blank rows,
and the panes scroll together row for row (widgets/geometry.py: ``ParallelRows``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from rich.style import Style
from textual import events, work
from textual.app import ComposeResult
from textual.message import Message
from textual.screen import Screen

from reader.tui.annotation.discrepancies import DiscrepancyActions
from reader.tui.bindings import READING_BINDINGS
from reader.tui.screens.whole_frame import WholeFrame
from reader.tui.widgets.document_view import DocumentView, LayoutOrder
from reader.tui.widgets.geometry import ParallelRows
from reader.tui.widgets.key_bar import KeyBar
from reader.tui.widgets.pane import Pane, PaneHeader
from reader.tui.widgets.status_line import StatusLine

if TYPE_CHECKING:
    from reader.core.document import Document

MAX_PANES = 4
#: Most documents the `o` chooser lists (the library, `L`, lists them all).
CHOOSER_ROWS = 200
#: Below this many columns two panes are too narrow to read: show the focused one only.
NARROW_WIDTH = 100
#: The paragraph aligned with the cursor's: bold (readable in NO_COLOR and 16 colours)
#: on a faint band where there is colour.
ALIGNED_STYLE = Style(bold=True, bgcolor="grey23")
#: A paragraph the alignment leaves out (boilerplate, a headline only one side has).
UNALIGNED_STYLE = Style(dim=True)
#: Two documents are lined up when the alignment's beads hold at least this share of each
#: document's paragraphs (two unrelated articles align little: better read freely).
PARALLEL_MIN_SHARE = 0.5


def parallel_groups(alignment: Any, flip: bool = False) -> list[tuple[tuple[int, ...], tuple[int, ...]]] | None:
    """The paragraph groups that a parallel layout lines up (``alignment.path``, sides
    swapped with ``flip``), or None if the alignment holds too few of the paragraphs."""
    counts = [0, 0]
    for bead in alignment.beads:
        counts[0] += len(bead.a)
        counts[1] += len(bead.b)
    totals = [sum(len(bead.a) for bead in alignment.path), sum(len(bead.b) for bead in alignment.path)]
    if not all(totals) or min(c / t for c, t in zip(counts, totals)) < PARALLEL_MIN_SHARE:
        return None
    return [(bead.b, bead.a) if flip else (bead.a, bead.b) for bead in alignment.path]


class ParagraphPartners:
    """Which paragraph of document B goes with paragraph i of document A."""

    def __init__(self, a: Document, b: Document, alignment: Any | None = None) -> None:
        self.a, self.b, self.alignment = a, b, alignment

    def partner(self, index: int) -> int:
        """B's paragraph for A's paragraph ``index`` (proportional when not aligned)."""
        if self.alignment is not None:
            # An unaligned paragraph follows the nearest aligned one before it.
            for earlier in range(index, max(-1, index - 50), -1):
                found = self.alignment.partner("a", earlier)
                if found:
                    return min(found)
        na, nb = len(self.a.paragraphs), len(self.b.paragraphs)
        if na <= 1 or nb <= 1:
            return 0
        return min(nb - 1, round(index * (nb - 1) / (na - 1)))


class ReadingScreen(DiscrepancyActions, WholeFrame, Screen):
    """Panes side by side. The screen sets the panes' attributes; panes post messages up."""

    BINDINGS = [*READING_BINDINGS]  # a list of its own: Textual types it list[Binding | tuple]
    # The panes' headers and views are the screen's own children, laid out in a grid:
    # the headers (a row), then the views (a row below), one column per pane; no
    # container per pane (each widget costs styling and a full-size paint at start-up).
    # The key bar and the status line are "split" off the bottom (in DOM order: the key
    # bar first, at the very bottom), which leaves the grid the rest.
    DEFAULT_CSS = """
    ReadingScreen { layout: grid; grid-size: 1 2; grid-rows: 1 1fr; }
    ReadingScreen > KeyBar, ReadingScreen > StatusLine { dock: none; split: bottom; }
    ReadingScreen > PaneHeader { height: 1; background: $panel; text-style: bold; }
    ReadingScreen > PaneHeader.-focused { background: $primary; text-style: bold reverse; }
    ReadingScreen > PaneHeader, ReadingScreen > DocumentView { border-left: vkey $panel-lighten-2; }
    ReadingScreen > PaneHeader.-focused, ReadingScreen > DocumentView.-focused { border-left: vkey $accent; }
    ReadingScreen > PaneHeader.-first, ReadingScreen > DocumentView.-first { border-left: none; }
    ReadingScreen.-narrow > PaneHeader, ReadingScreen.-narrow > DocumentView { display: none; }
    ReadingScreen.-narrow > .-focused { display: block; border-left: none; }
    """

    def __init__(
        self,
        documents: list[Document],
        shown: list[int],
        *,
        order: LayoutOrder = "visual",
        show_invisibles: bool = False,
    ) -> None:
        super().__init__()
        self.documents = documents
        self._initial = [i for i in shown if 0 <= i < len(documents)][:MAX_PANES] or [0]
        self.order = order
        self.show_invisibles = show_invisibles
        self.sync = False
        self._partners: dict[tuple[str, str], ParagraphPartners] = {}
        #: The user's switch: line up two aligned documents (the parallel layout).
        self.parallel = True
        #: The lined-up pair: (left view, right view, alignment, rows), or None.
        self._pair: tuple[DocumentView, DocumentView, Any, ParallelRows] | None = None
        #: Whether a document (by id) is marked done: the app gives it (show_done).
        self._is_done: Callable[[str], bool] = lambda _doc_id: False
        #: Cursor offsets of documents not on screen (closed, or restored from the
        #: database): a pane opened on one of them starts there.
        self._cursors: dict[str, int] = {}

    class PanesChanged(Message):
        """Panes were opened, closed or moved (the app notes them in the database)."""

    # ------------------------------------------------------------------ composition

    def compose(self) -> ComposeResult:
        panes = [self._new_pane(self.documents[i]) for i in self._initial]
        # Marked before mounting: a class set on a mounted widget restyles it (on_mount
        # marks the panes again and finds nothing to change).
        panes[0].set_class(True, "-first", "-focused", update=False)
        self.styles.grid_size_columns = len(panes)
        yield from (pane.header for pane in panes)
        yield from (pane.view for pane in panes)
        yield KeyBar()
        yield StatusLine()

    def _new_pane(self, document: Document) -> Pane:
        pane = Pane.new(document, order=self.order, show_invisibles=self.show_invisibles)
        pane.header.done = self._is_done(document.id)
        return pane

    def on_mount(self) -> None:
        self._mark_first()
        self.focus_pane(0)
        self._update_narrow(self.size.width)
        # Aligning runs in a thread, but not before the first frame is on screen.
        self.call_after_refresh(self._update_parallel)

    @property
    def panes(self) -> list[Pane]:
        """The panes, left to right (each pairs a header and a view, in DOM order)."""
        return [Pane(header, view) for header, view in
                zip(self.query_children(PaneHeader), self.query_children(DocumentView))]

    def _pane_of(self, view: DocumentView) -> Pane | None:
        return next((pane for pane in self.panes if pane.view is view), None)

    def focused_index(self) -> int:
        """Index of the pane holding the focus (0 if none)."""
        for i, pane in enumerate(self.panes):
            if pane.has_class("-focused"):
                return i
        return 0

    def focus_pane(self, index: int) -> None:
        """Focus pane ``index``: mark it (the narrow layout shows only it) and focus its view."""
        panes = self.panes
        if not panes:
            return
        index %= len(panes)
        for i, pane in enumerate(panes):
            pane.set_class(i == index, "-focused")
        view = panes[index].view
        # A pane hidden by the narrow layout becomes visible on the next refresh only.
        self.call_after_refresh(view.focus)
        view.focus()
        self._show_status(view)

    def _mark_first(self) -> None:
        for i, pane in enumerate(self.panes):
            pane.set_class(i == 0, "-first")

    def on_resize(self, event: events.Resize) -> None:
        self._update_narrow(event.size.width)

    def _update_narrow(self, width: int) -> None:
        count = len(self.panes)
        narrow = width < NARROW_WIDTH and count > 1
        changed = narrow != self.has_class("-narrow")
        self.set_class(narrow, "-narrow")
        # One grid column per pane shown (the narrow layout shows the focused one).
        self.styles.grid_size_columns = 1 if narrow else max(1, count)
        if changed:
            # Lined up only while both panes are shown (a hidden pane has no width).
            self.call_after_refresh(self._update_parallel)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if isinstance(event.widget, DocumentView):
            for pane in self.panes:
                pane.set_class(pane.view is event.widget, "-focused")
            self._show_status(event.widget)
            if self.sync:
                self._show_aligned()

    # ------------------------------------------------------------------ status

    def _show_status(self, view: DocumentView) -> None:
        status = self.query_one(StatusLine)
        status.cursor_offset = view.cursor
        status.paragraph = view.paragraph_index_at(view.cursor)
        status.paragraphs = len(view.document.paragraphs)
        status.sync = self.sync

    def set_database_state(self, state: str) -> None:
        """Show ``state`` (e.g. "saved", "no database") in the status line."""
        self.query_one(StatusLine).database = state

    def set_annotator(self, name: str) -> None:
        """Show who is annotating (recorded on every change) in the status line."""
        self.query_one(StatusLine).annotator = name

    def set_annotation_mode(self, mode: str) -> None:
        """Show what annotation step is pending (selection, claim link) in the status line."""
        self.query_one(StatusLine).mode = mode

    def show_done(self, is_done: Callable[[str], bool]) -> None:
        """Mark the headers of the documents ``is_done`` says are done (and those of the
        panes opened later)."""
        self._is_done = is_done
        for pane in self.panes:
            pane.header.show_done(is_done(pane.document.id))

    def set_note(self, note: str) -> None:
        """Show a short ``note`` (keymap problems...) in the status line."""
        self.query_one(StatusLine).note = note

    def on_document_view_cursor_moved(self, message: DocumentView.CursorMoved) -> None:
        pane = self._pane_of(message.view)
        if pane is not None:
            pane.header.show_cursor(message.paragraph)
        if message.view.has_focus or len(self.panes) == 1:
            self._show_status(message.view)
        if self.sync and message.view.has_focus:
            self._sync_from(message.view)

    # ------------------------------------------------------------------ panes

    def action_pane_next(self) -> None:
        self.focus_pane(self.focused_index() + 1)

    def action_pane_prev(self) -> None:
        self.focus_pane(self.focused_index() - 1)

    def action_pane_add(self) -> None:
        """Ask which document to open in a new pane to the right: those not on screen,
        the focused one's related documents first (confirmed relations first, never a
        rejected one), then the others in the order they were loaded."""
        from reader.tui.dialogs.document_chooser import DocumentChooser

        if len(self.panes) >= MAX_PANES:
            self.notify(f"At most {MAX_PANES} panes: close one first (x).", severity="warning")
            return
        rows, more = self._chooser_rows()
        if not rows:
            self.notify("Every loaded document is already open.")
            return
        self.app.push_screen(DocumentChooser(rows, more=more), self._open_chosen)

    def _chooser_rows(self) -> tuple[list[Any], int]:
        """(rows of the `o` chooser, how many documents did not fit); no file is read
        for a document not read yet (its file name stands for its title)."""
        from reader.annotate.relations import KIND_SYMBOLS, short_id
        from reader.core.lazy_loading import LazyCorpus, document_ids
        from reader.tui.dialogs.document_chooser import DocumentRow

        shown = {pane.document.id for pane in self.panes}
        ids = document_ids(self.documents)
        index_of = {doc_id: i for i, doc_id in enumerate(ids)}
        relation_of: dict[str, str] = {}
        relations = getattr(self.app, "relations", None)
        if relations is not None and self.panes:
            focused = self.panes[self.focused_index()].document.id
            for relation in relations.of(focused):
                other = relations.other(relation, focused)
                if relations.decision(relation) != "rejected":
                    relation_of.setdefault(other, f"{KIND_SYMBOLS[relation.kind]} {relation.kind}")
            order = [i for i in relations.partners(focused) if i in index_of]
        else:
            order = []
        seen = set(order)
        order += [doc_id for doc_id in ids if doc_id not in seen]
        order = [doc_id for doc_id in order if doc_id not in shown]
        documents = self.documents
        rows = []
        for doc_id in order[:CHOOSER_ROWS]:
            i = index_of[doc_id]
            if isinstance(documents, LazyCorpus) and not documents.is_read(i):
                name = Path(documents.path_of(doc_id)).name
            else:
                name = self.documents[i].title or short_id(doc_id)
            rows.append(DocumentRow(doc_id, relation_of.get(doc_id, ""), name))
        return rows, max(0, len(order) - CHOOSER_ROWS)

    async def _open_chosen(self, doc_id: str | None) -> None:
        """The chooser's answer: open that document in a new pane (nothing on escape)."""
        from reader.core.lazy_loading import find_document

        document = find_document(self.documents, doc_id) if doc_id is not None else None
        if document is not None:
            await self.open_document(document)

    async def open_document(self, document: Document) -> None:
        """Show ``document`` in a new pane (or focus its pane if it is already shown)."""
        for i, pane in enumerate(self.panes):
            if pane.document is document:
                self.focus_pane(i)
                return
        if len(self.panes) >= MAX_PANES:
            self.notify(f"At most {MAX_PANES} panes: close one first (x).", severity="warning")
            return
        pane = self._new_pane(document)
        panes = self.panes
        await self.mount(pane.header, after=panes[-1].header if panes else None)
        await self.mount(pane.view, after=panes[-1].view if panes else None)
        if document.id in self._cursors:
            pane.view.move_cursor(self._cursors.pop(document.id), center=True)
        self._mark_first()
        self._update_narrow(self.size.width)
        self.focus_pane(len(self.panes) - 1)
        self.call_after_refresh(self._update_parallel)
        self.post_message(self.PanesChanged())

    async def action_pane_close(self) -> None:
        panes = self.panes
        if len(panes) <= 1:
            self.notify("The last pane stays open (q quits).")
            return
        index = self.focused_index()
        closed = panes[index]
        self._cursors[closed.document.id] = closed.view.cursor
        await self.remove_children(list(closed.widgets))
        self._show_aligned()
        self._mark_first()
        self._update_narrow(self.size.width)
        self.focus_pane(min(index, len(self.panes) - 1))
        self._update_parallel()
        self.post_message(self.PanesChanged())

    def action_pane_swap(self) -> None:
        """Swap the focused pane with the one to its right (the last with the first)."""
        panes = self.panes
        if len(panes) < 2:
            return
        index = self.focused_index()
        other = (index + 1) % len(panes)
        for moved, anchor in zip(panes[index].widgets, panes[other].widgets):
            if other > index:
                self.move_child(moved, after=anchor)
            else:
                self.move_child(moved, before=anchor)
        self._mark_first()
        self.focus_pane(other)
        self._update_parallel()
        self.post_message(self.PanesChanged())

    # ------------------------------------------------------------------ where the reader is

    def reading_state(self) -> tuple[list[str], dict[str, int]]:
        """(ids of the documents in panes, left to right; cursor offset of every document
        read in this session) for the database to keep."""
        cursors = dict(self._cursors)
        for pane in self.panes:
            cursors[pane.document.id] = pane.view.cursor
        return [pane.document.id for pane in self.panes], cursors

    async def restore(self, doc_ids: list[str], cursors: dict[str, int]) -> None:
        """Show the documents ``doc_ids`` (those loaded, at most MAX_PANES) in panes, in
        that order, instead of the panes shown; put each document's cursor back on its
        offset in ``cursors`` (now or when a pane opens on it)."""
        from reader.core.lazy_loading import find_document

        self._cursors.update(cursors)
        wanted = [d for d in (find_document(self.documents, i) for i in doc_ids[:MAX_PANES]) if d is not None]
        if wanted and [d.id for d in wanted] != [pane.document.id for pane in self.panes]:
            old = self.panes
            for document in wanted:
                pane = self._new_pane(document)
                await self.mount(pane.header, after=self.panes[-1].header)
                await self.mount(pane.view, after=self.panes[-1].view)
            await self.remove_children([w for pane in old for w in pane.widgets])
            self._mark_first()
            self._update_narrow(self.size.width)
            self.focus_pane(0)
            self.call_after_refresh(self._update_parallel)
        for pane in self.panes:
            offset = self._cursors.pop(pane.document.id, None)
            if offset is not None:
                pane.view.move_cursor(offset, center=True)

    # ------------------------------------------------------------------ sync-scroll

    def partners(self, a: Document, b: Document) -> ParagraphPartners:
        """The paragraph map from ``a`` to ``b`` (proportional until an alignment lands;
        always proportional when the user rejected their relation)."""
        key = (a.id, b.id)
        if key not in self._partners:
            self._partners[key] = ParagraphPartners(a, b)
            if self._pairing(a, b) != "rejected":
                self._align(a, b)
        return self._partners[key]

    def _pairing(self, a: Document, b: Document) -> str | None:
        """"confirmed", "rejected" or None: the user's decision on the two documents' relation."""
        relations = getattr(self.app, "relations", None)
        return None if relations is None else relations.pairing(a.id, b.id)

    def relations_changed(self) -> None:
        """Relations or decisions changed: align again by the new decisions."""
        self._partners.clear()
        self._update_parallel()
        self._refresh_sync()

    def _refresh_sync(self) -> None:
        """Level and highlight again from the focused pane (after an alignment lands)."""
        if not self.is_mounted or not self.panes:
            return
        view = self.panes[self.focused_index()].view
        if self.sync:
            self._sync_from(view)
        else:
            self._show_aligned()

    @work(thread=True)
    def _align(self, a: Document, b: Document) -> None:
        from reader.align.paragraphs import align_paragraphs

        try:
            alignment = align_paragraphs(a, b)
        except Exception as error:  # noqa: BLE001 - a bad alignment must not end the session
            self.app.call_from_thread(self.notify, f"alignment failed: {error}", severity="warning")
            return
        self.app.call_from_thread(self._alignment_landed, a, b, alignment)

    def _alignment_landed(self, a: Document, b: Document, alignment: Any) -> None:
        if self._pairing(a, b) == "rejected":
            return  # rejected while it was being computed
        self._partners[(a.id, b.id)] = ParagraphPartners(a, b, alignment)
        self._update_parallel()
        self._refresh_sync()
        self.alignment_landed(a, b, alignment)  # reader compare's marks (DiscrepancyActions)

    def action_sync_scroll(self) -> None:
        if len(self.panes) < 2:
            self.notify("Sync-scroll needs two panes (o opens one).")
            return
        self.sync = not self.sync
        self.query_one(StatusLine).sync = self.sync
        self._refresh_sync()

    def _anchor_paragraph(self, source: DocumentView) -> int:
        """The paragraph the others follow: the cursor's while it is on screen, else the
        top one (the wheel scrolled away from the cursor)."""
        paragraph = source.paragraph_index_at(source.cursor)
        row = source.paragraph_row(paragraph)
        height = max(1, source.scrollable_content_region.height)
        line = source.cursor_screen_line()
        cursor_row = row if line is None else line - int(source.scroll_y)
        return paragraph if 0 <= cursor_row < height else source.top_paragraph

    def _sync_from(self, source: DocumentView) -> None:
        """Scroll every other pane so the partner of ``source``'s anchor paragraph starts on
        the same screen row as it; then highlight the partners of the cursor's paragraph."""
        anchor = self._anchor_paragraph(source)
        row = source.paragraph_row(anchor)
        for pane in self.panes:
            if pane.view is not source and not self._paired(pane.view):
                partner = self.partners(source.document, pane.document).partner(anchor)
                pane.view.place_paragraph(partner, row)
        self._show_aligned()

    def _show_aligned(self) -> None:
        """With sync on: in every other pane, the paragraphs aligned with the focused pane's
        cursor paragraph bold on a band, the unaligned ones dimmed (in the focused pane too,
        by its alignment with the next pane). With sync off: nothing."""
        panes = self.panes
        if not panes:
            return
        index = self.focused_index()
        source = panes[index].view
        paragraph = source.paragraph_index_at(source.cursor)
        own: dict[int, Style] = {}
        for offset, pane in enumerate(panes[index + 1:] + panes[:index]):
            alignment = self.partners(source.document, pane.document).alignment if self.sync else None
            if alignment is None:
                pane.view.set_paragraph_emphasis({})
                continue
            styles = {j: UNALIGNED_STYLE for j in alignment.unaligned_b}
            styles.update({j: ALIGNED_STYLE for j in alignment.partner("a", paragraph)})
            pane.view.set_paragraph_emphasis(styles)
            if offset == 0:
                own = {i: UNALIGNED_STYLE for i in alignment.unaligned_a}
        source.set_paragraph_emphasis(own)

    def on_document_view_scrolled(self, message: DocumentView.Scrolled) -> None:
        pane = self._pane_of(message.view)
        if pane is not None:
            view = message.view
            pane.header.show_scroll(view.paragraph_index_at(view.cursor), message.fraction)
        # Only the pane the reader drives leads; the followers' own Scrolled are ignored.
        if self.sync and message.view.has_focus:
            self._sync_from(message.view)

    # ------------------------------------------------------------------ parallel layout

    def _paired(self, view: DocumentView) -> bool:
        """Whether ``view`` is one of the lined-up pair (it scrolls with its partner)."""
        return self._pair is not None and view in self._pair[:2]

    def _pair_alignment(self, a: Document, b: Document) -> tuple[Any, list] | None:
        """(alignment, groups) lining ``a`` (left) up with ``b``, if they are aligned
        enough; None meanwhile (an alignment is started if none is on its way)."""
        if self._pairing(a, b) == "rejected":
            return None
        for key, flip in (((a.id, b.id), False), ((b.id, a.id), True)):
            partners = self._partners.get(key)
            if partners is not None and partners.alignment is not None:
                groups = parallel_groups(partners.alignment, flip)
                return None if groups is None else (partners.alignment, groups)
        if (b.id, a.id) not in self._partners:
            self.partners(a, b)  # aligns in a thread; _alignment_landed comes back here
        return None

    def _update_parallel(self) -> None:
        """Line up the two panes if their documents are aligned and the switch is on;
        else let them scroll freely. Called whenever panes, alignments or the switch change."""
        if not self.is_mounted:
            return
        panes = self.panes
        wanted: tuple[DocumentView, DocumentView, Any, list] | None = None
        if self.parallel and len(panes) == 2 and not self.has_class("-narrow"):
            left, right = panes[0].view, panes[1].view
            found = self._pair_alignment(left.document, right.document)
            current = self._pair
            if found is None and current is not None and current[:2] == (left, right) \
                    and self._pairing(left.document, right.document) != "rejected":
                return  # a new alignment is being computed: keep this one meanwhile
            if found is not None:
                wanted = (left, right, *found)
        current = self._pair
        if current is not None and wanted is not None and current[:3] == wanted[:3]:
            return
        if current is not None:
            self._pair = None
            current[3].detach()
            for view in current[:2]:
                view.rows_changed()
        if wanted is not None:
            left, right, alignment, groups = wanted
            try:
                rows = ParallelRows(left.rows, right.rows, groups)
            except ValueError as error:
                self.notify(f"parallel layout unavailable: {error}", severity="warning")
            else:
                self._pair = (left, right, alignment, rows)
                for view in (left, right):
                    view.rows_changed()
                leader = panes[self.focused_index()].view
                follower = right if leader is left else left
                follower.scroll_to_row(int(leader.scroll_y))
        self.query_one(StatusLine).parallel = self._pair is not None

    def on_document_view_rows_scrolled(self, message: DocumentView.RowsScrolled) -> None:
        """One pane of the lined-up pair scrolled: the other follows, row for row."""
        pair = self._pair
        if pair is None or message.view not in pair[:2]:
            return
        if int(message.view.scroll_y) != message.row:
            return  # a stale message: the pane has moved on since
        other = pair[1] if message.view is pair[0] else pair[0]
        other.scroll_to_row(message.row)

    def action_parallel_layout(self) -> None:
        """Switch the parallel layout (aligned paragraphs lined up) on or off."""
        self.parallel = not self.parallel
        self._update_parallel()
        if not self.parallel:
            self.notify("Panes scroll freely (parallel layout off).")
        elif self._pair is None:
            self.notify("Two aligned documents side by side are lined up (none are now).")

    def action_jump_aligned(self) -> None:
        """Move the next pane's cursor to the paragraph aligned with this cursor's paragraph."""
        panes = self.panes
        if len(panes) < 2:
            self.notify("Jump to aligned paragraph needs two panes.")
            return
        index = self.focused_index()
        source = panes[index].view
        target_index = (index + 1) % len(panes)
        target = panes[target_index].view
        paragraph = self.partners(source.document, target.document).partner(
            source.paragraph_index_at(source.cursor)
        )
        target.move_cursor(target.document.paragraphs[paragraph].start, center=True)
        self.focus_pane(target_index)

    # ------------------------------------------------------------------ app-wide switches

    def set_show_invisibles(self, value: bool) -> None:
        """Show or hide placeholders for invisible characters in every pane."""
        self.show_invisibles = value
        for pane in self.panes:
            pane.view.show_invisibles = value
