"""What the translation changed, in the reading screen (see docs/compare.md).

`DiscrepancyActions` is mixed into the reading screen. When the alignment of two panes
lands (the screen aligns side-by-side panes; the first discrepancy key asks for it too),
their discrepancies (reader.annotate.compare) are computed and marked in both panes; `discrepancy-next` / `discrepancy-prev` move the focused pane's cursor to
the next one (the other pane follows) and show its note; `discrepancy-claims` makes the
sentence around each side a claim (a selection in the focused pane replaces its sentence)
and links them `contradicts`. `project-spans` proposes the focused pane's entity spans in
the next pane (reader.annotate.compare.projection) for review. While the cursor is on a word or span with a counterpart
in another pane, the counterpart is highlighted there.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rich.style import Style
from textual import work

from reader.errors import ReaderError
from reader.tui.annotation.styles import Mark

if TYPE_CHECKING:
    from textual.screen import Screen

    from reader.annotate.compare import Discrepancy
    from reader.core.document import Document
    from reader.tui.screens.reading import ParagraphPartners
    from reader.tui.widgets.document_view import DocumentView
    from reader.tui.widgets.pane import Pane

    # The type checker sees the Screen this is mixed into; at run time a plain mixin.
    _ScreenBase = Screen[Any]
else:
    _ScreenBase = object

#: Seconds after the screen mounts before the comparison's data is loaded in a thread.
WARM_UP_DELAY = 1.0
#: A discrepancy: overlined in red (the overline reads without colour, too).
DISCREPANCY_STYLE = Style(overline=True, color="bright_red")
#: The discrepancy the cursor was brought to.
CURRENT_STYLE = Style(overline=True, reverse=True, color="bright_red")
#: The counterpart, in another pane, of the word or span under the cursor.
COUNTERPART_STYLE = Style(underline=True, bold=True, color="bright_cyan")


@dataclass(frozen=True)
class _Found:
    """The discrepancies between the documents of two panes (a before b on screen)."""

    a: Document
    b: Document
    alignment: Any
    items: list[Discrepancy]


class DiscrepancyActions(_ScreenBase):
    """The reading screen's discrepancy marks and keys (a mixin of ReadingScreen)."""

    _found: dict[tuple[str, str], _Found]

    if TYPE_CHECKING:  # ReadingScreen's, which these actions use
        @property
        def panes(self) -> list[Pane]: ...

        def focused_index(self) -> int: ...

        def set_note(self, note: str) -> None: ...

        def partners(self, a: Document, b: Document) -> ParagraphPartners: ...
    _current: tuple[tuple[str, str], int] | None = None
    _counterpart: tuple[str, tuple[tuple[int, int], ...]] | None = None

    # ------------------------------------------------------------------ computing

    _pending_step: int | None = None

    def _align_neighbours(self) -> None:
        """Ask for the alignment of each pane with the next (the screen aligns in a thread
        and calls `alignment_landed`); known pairs cost nothing."""
        panes = self.panes
        for left, right in zip(panes, panes[1:]):
            partners = self.partners(left.document, right.document)
            key = (left.document.id, right.document.id)
            if partners.alignment is not None and key not in getattr(self, "_found", {}):
                self.alignment_landed(left.document, right.document, partners.alignment)

    def on_mount(self) -> None:
        # The lexicons and the gazetteer load once per process (~0.2 s): in a thread, a
        # moment after the first frame, so that comparing later costs ~15 ms a pair.
        self.set_timer(WARM_UP_DELAY, self._warm_up)

    @work(thread=True, group="compare-warm-up")
    def _warm_up(self) -> None:
        from reader.annotate.compare.gazetteer import shipped
        from reader.annotate.compare.lexicon import lexicon
        from reader.annotate.compare.names import common_words

        shipped()
        for pane in self.panes:
            lexicon(pane.document.lang)
            common_words(pane.document.lang)

    def alignment_landed(self, a: Document, b: Document, alignment: Any) -> None:
        """Called by the screen when the alignment of ``a`` with ``b`` is known: the
        comparison is made at once (a few ms a pair), so the panes are drawn with it."""
        from reader.annotate.compare import compare_documents
        from reader.annotate.compare.gazetteer import shipped

        if not hasattr(self, "_found"):
            self._found = {}
        gazetteer = shipped()
        session = getattr(self.app, "annotation", None)
        store = getattr(session, "store", None)
        if store is not None:
            gazetteer = gazetteer.with_entities(store.entities())
        try:
            items = compare_documents(a, b, alignment=alignment, gazetteer=gazetteer).discrepancies
        except Exception as error:  # noqa: BLE001 - a failed comparison must not end the session
            self.notify(f"comparison failed: {error}", severity="warning")
            return
        self._compared(_Found(a, b, alignment, items))

    def _compared(self, found: _Found) -> None:
        self._found[(found.a.id, found.b.id)] = found
        self._mark_all()
        if self._pending_step is not None:
            # A discrepancy key was pressed before the comparison was known.
            direction, self._pending_step = self._pending_step, None
            self._step(direction)

    def discrepancies(self) -> list[tuple[tuple[str, str], int, Discrepancy]]:
        """Every known discrepancy between documents on screen, as (pair, index, item)."""
        shown = {pane.document.id for pane in self.panes}
        return [(key, i, item) for key, found in getattr(self, "_found", {}).items()
                if key[0] in shown and key[1] in shown for i, item in enumerate(found.items)]

    # ------------------------------------------------------------------ drawing

    def _mark_all(self) -> None:
        """Give every pane its marks: discrepancies, the current one, the counterpart."""
        by_doc: dict[str, dict[int, list[Mark]]] = {}

        def add(document: Document, start: int, end: int, style: Style) -> None:
            paragraph = document.paragraph_at(start)
            if paragraph is None:
                return
            marks = by_doc.setdefault(document.id, {}).setdefault(paragraph.index, [])
            marks.append(Mark(start - paragraph.start, min(end, paragraph.end) - paragraph.start, style))

        for key, index, item in self.discrepancies():
            found = self._found[key]
            style = CURRENT_STYLE if self._current == (key, index) else DISCREPANCY_STYLE
            if item.a is not None:
                add(found.a, item.a.start, item.a.end, style)
            if item.b is not None:
                add(found.b, item.b.start, item.b.end, style)
        if self._counterpart is not None:
            doc_id, ranges = self._counterpart
            document = next((p.document for p in self.panes if p.document.id == doc_id), None)
            if document is not None:
                for start, end in ranges:
                    add(document, start, end, COUNTERPART_STYLE)
        for pane in self.panes:
            pane.view.set_extra_marks(by_doc.get(pane.document.id, {}))

    # ------------------------------------------------------------------ keys

    def action_discrepancy_next(self) -> None:
        self._step(+1)

    def action_discrepancy_prev(self) -> None:
        self._step(-1)

    def _step(self, direction: int) -> None:
        """Go to the next (previous) discrepancy after (before) the focused pane's cursor,
        wrapping around; the other pane's cursor goes to its side; show the note."""
        panes = self.panes
        view = panes[self.focused_index()].view
        doc_id = view.document.id
        places = []
        for key, index, item in self.discrepancies():
            side = item.a if key[0] == doc_id else item.b if key[1] == doc_id else None
            if side is not None:
                places.append((side.start, key, index, item))
        if not places:
            if len(panes) < 2:
                self.notify("Discrepancies need two panes (o opens one).")
            elif not self.discrepancies() and len(getattr(self, "_found", {})) < len(panes) - 1:
                # Not compared yet: align (in a thread), compare, then take this step.
                self._pending_step = direction
                self._align_neighbours()
                self.notify("Comparing the panes…", timeout=2)
            else:
                self.notify("No discrepancy between the panes.")
            return
        places.sort(key=lambda p: (p[0], p[2]))
        cursor = view.cursor
        at = next((k for k, p in enumerate(places) if (p[1], p[2]) == self._current and p[0] == cursor), None)
        if at is not None:
            chosen = places[(at + direction) % len(places)]
        elif direction > 0:
            chosen = next((p for p in places if p[0] > cursor), places[0])
        else:
            chosen = next((p for p in reversed(places) if p[0] < cursor), places[-1])
        start, key, index, item = chosen
        self._current = (key, index)
        view.move_cursor(start, center=True)
        found = self._found[key]
        other_side = item.b if key[0] == doc_id else item.a
        other_doc = found.b if key[0] == doc_id else found.a
        if other_side is not None:
            for pane in panes:
                if pane.document.id == other_doc.id:
                    pane.view.move_cursor(other_side.start, center=True)
        self._mark_all()
        self.set_note(item.note)
        self.notify(item.note, title="What the translation changed", timeout=8)

    def current_discrepancy(self) -> tuple[_Found, Discrepancy] | None:
        if self._current is None:
            return None
        key, index = self._current
        found = getattr(self, "_found", {}).get(key)
        return None if found is None or index >= len(found.items) else (found, found.items[index])

    def action_discrepancy_claims(self) -> None:
        """Make both sides of the current discrepancy claims linked `contradicts`."""
        current = self.current_discrepancy()
        if current is None:
            self.notify("First go to a discrepancy (discrepancy-next).", severity="warning")
            return
        found, item = current
        session = getattr(self.app, "annotation", None)
        if session is None or session.store is None:
            self.notify("Claims need the annotation database.", severity="warning")
            return
        focused = self.panes[self.focused_index()].view
        try:
            range_a, range_b = _claim_range(found.a, item.a, focused), _claim_range(found.b, item.b, focused)
            if range_a is None or range_b is None:
                raise ReaderError("this discrepancy has one side only: there is nothing to contradict")
            claims = []
            with session.store.change(f"claims contradicting each other: {item.note}"):
                for document, (start, end) in ((found.a, range_a), (found.b, range_b)):
                    existing = next((s for s in session.spans(document.id)
                                     if s.kind == "claim" and (s.start, s.end) == (start, end)), None)
                    claims.append(existing or session.tag(document, start, end, "CLAIM"))
                session.link_claims(claims[0], claims[1], "contradicts")
        except ReaderError as error:
            self.notify(str(error), severity="warning")
            return
        for pane in self.panes:
            pane.view._spans_changed()
            break
        self.notify("Two claims linked: contradicts.")

    # ------------------------------------------------------------------ projection

    def action_project_spans(self) -> None:
        """Propose the focused pane's entity spans in the next pane (reader project) and
        review them like "tag all like this": y / n / a, enter to keep the accepted."""
        from reader.annotate.compare.projection import apply, propose
        from reader.tui.dialogs.suggestion_review import SuggestionReview

        panes = self.panes
        session = getattr(self.app, "annotation", None)
        if len(panes) < 2 or session is None or session.store is None:
            self.notify("Projecting spans needs two panes and the annotation database.", severity="warning")
            return
        index = self.focused_index()
        a, b = panes[index].document, panes[(index + 1) % len(panes)].document
        alignment = self.partners(a, b).alignment
        if alignment is None:
            self.notify("Aligning the panes: press again in a moment.", timeout=3)
            return
        store = session.store
        proposals = propose(a, b, store.spans(a.id, kind="entity"), store.entities(),
                            existing=store.spans(b.id), alignment=alignment)
        if not proposals:
            self.notify("Nothing to project: no entity span of this pane has a counterpart there.")
            return

        def accepted(chosen: list[Any] | None) -> None:
            if not chosen:
                return
            try:
                added = apply(store, b, chosen, description=f"project {len(chosen)} spans of {a.id} into {b.id}")
            except ReaderError as error:
                self.notify(str(error), severity="warning")
                return
            panes[0].view._spans_changed()
            self.notify(f"projected {len(added)} spans (u undoes them at once)")

        self.app.push_screen(SuggestionReview(proposals, {a.id: a, b.id: b}), accepted)

    # ------------------------------------------------------------------ counterparts

    def on_document_view_cursor_moved(self, message: Any) -> None:
        """The counterpart of the word or span under the focused cursor, in another pane."""
        view = message.view
        if not view.has_focus or len(self.panes) < 2:
            return
        previous = self._counterpart
        self._counterpart = self._counterpart_of(view)
        if previous != self._counterpart:
            self._mark_all()

    def _counterpart_of(self, view: DocumentView) -> tuple[str, tuple[tuple[int, int], ...]] | None:
        from reader.annotate.compare.projection import counterparts_of
        from reader.core.textunits import word_at

        document = view.document
        for key, found in getattr(self, "_found", {}).items():
            if document.id not in key:
                continue
            # A discrepancy's side: its other side.
            for item in found.items:
                here, there = (item.a, item.b) if key[0] == document.id else (item.b, item.a)
                if here is not None and there is not None and here.start <= view.cursor < here.end:
                    return (key[1] if key[0] == document.id else key[0]), ((there.start, there.end),)
            if key[0] != document.id:
                continue  # counterparts are looked for from A to B (the alignment's direction)
            session = getattr(self.app, "annotation", None)
            span = session.span_at(document.id, view.cursor) if session is not None and session.store is not None else None
            entity = (session.store.entity(span.entity_id)
                      if session is not None and session.store is not None and span is not None and span.entity_id
                      else None)
            where = (span.start, span.end) if span is not None else word_at(document.text, view.cursor)
            if where is None:
                return None
            ranges = counterparts_of(found.a, found.b, found.alignment, where[0], where[1], entity)
            if ranges:
                return key[1], tuple(ranges)
        return None


def _claim_range(document: Document, side: Any, focused: DocumentView) -> tuple[int, int] | None:
    """The sentence around ``side``; the focused pane's selection instead, when it has one
    in that document (the claim's extent is adjustable)."""
    from reader.core.textunits import sentence_at

    if side is None:
        return None
    if focused.document is document and focused._anchor is not None:
        start, end = focused.selection_range()
        if start < end:
            return start, end
    return sentence_at(document.text, side.start) or (side.start, side.end)
