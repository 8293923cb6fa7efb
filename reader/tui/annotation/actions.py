"""AnnotationActions: the annotation keys of a document pane (ANNOTATION_BINDINGS).

Mixed into `DocumentView`. Everything that changes annotations goes through the app's
`AnnotationSession` (``app.annotation``); dialogs come from `reader.tui.dialogs` and
are pushed with a callback. The view asks `annotation_marks` what to draw over a
paragraph and keys its strip cache by `decoration_key`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from reader.core.lazy_loading import DocumentsById
from reader.errors import ReaderError
from textual.binding import Binding

from reader.tui.bindings import ANNOTATION_BINDINGS
from reader.annotate import selection as sel
from reader.tui.annotation.navigation import open_document_at
from reader.tui.annotation.search import SearchActions
from reader.tui.annotation.styles import MATCH_STYLE, SELECTION_STYLE, LabelStyles, Mark, span_marks

if TYPE_CHECKING:
    from reader.core.document import Document
    from reader.store.model import LinkType, Span
    from reader.annotate.session import AnnotationSession


def pane_annotation_bindings() -> list[Binding]:
    """ANNOTATION_BINDINGS as a widget can bind them: an action with no default key
    (search-backward) gets the keymap's placeholder key, which no terminal sends, until
    a keymap gives it one."""
    from dataclasses import replace

    from reader.tui.bindings import unbound_key

    return [b if b.key.strip() else replace(b, key=unbound_key(b.id or b.action)) for b in ANNOTATION_BINDINGS]


def _dialog(name: str) -> Any:
    """The dialog class ``name`` (reader.tui.dialogs exports them lazily: a dialog's
    module is imported the first time it is opened, not at start-up)."""
    import reader.tui.dialogs as dialogs

    return getattr(dialogs, name)


class AnnotationActions(SearchActions):
    """Selection, tagging, links, undo, search (SearchActions) and suggestions for a
    DocumentView."""

    document: Document
    _anchor: int | None = None
    _cursor_span_id: str | None = None
    _label_styles: LabelStyles | None = None
    _marks_cache: tuple[tuple, list[Mark]] | None = None
    #: Marks the screen adds (reader compare's discrepancies, counterparts), by paragraph.
    _extra_marks: dict[int, list[Mark]] = {}
    _extra_revision: int = 0

    # ------------------------------------------------------------------ session

    @property
    def session(self) -> AnnotationSession | None:
        return getattr(self.app, "annotation", None)

    def _require_session(self) -> AnnotationSession:
        session = self.session
        if session is None:
            raise ReaderError("annotating is not available in this app")
        return session

    def _run(self, what: Callable[[], Any]) -> Any:
        """Run ``what``; a ReaderError becomes a notification. Returns its result or None."""
        try:
            return what()
        except ReaderError as error:
            self.notify(str(error), severity="warning", timeout=6)
            return None

    def _succeeded(self, what: Callable[[], object]) -> bool:
        """Run ``what`` as `_run` does; whether it ran without a ReaderError (also when it
        returns nothing: its result is wrapped in a tuple, which is never None)."""
        return self._run(lambda: (what(),)) is not None

    def _spans_changed(self) -> None:
        """Redraw every pane (the revision keys their caches) and the status line."""
        for view in self._views():
            view._update_cursor_span()
            view.refresh()
        self._report_state()

    def _views(self) -> list[Any]:
        return list(self.screen.query(type(self)))

    def _report_state(self) -> None:
        refresh = getattr(self.app, "refresh_database_state", None)
        if refresh is not None:
            refresh()

    # ------------------------------------------------------------------ drawing

    def decoration_key(self) -> tuple:
        """What the drawn annotations depend on; part of the strip cache key."""
        session = self.session
        if session is None:
            return (self._anchor is not None and self.selection_range(), self._match, self._extra_revision)
        return (
            session.revision, session.emphasis, self._cursor_span_id,
            self.selection_range() if self._anchor is not None else None, self._match, self._extra_revision,
        )

    def set_extra_marks(self, marks: dict[int, list[Mark]]) -> None:
        """Marks drawn over the annotations (paragraph index -> paragraph-relative marks)."""
        if marks != self._extra_marks:
            self._extra_marks = marks
            self._extra_revision += 1
            self.refresh()

    def annotation_marks(self, paragraph_index: int) -> list[Mark]:
        """Marks over paragraph ``paragraph_index``: spans, selection, search match
        (computed once per paragraph and decoration key: every row of it uses them)."""
        key = (paragraph_index, self.decoration_key())
        cached = self._marks_cache
        if cached is not None and cached[0] == key:
            return cached[1]
        marks = self._paragraph_marks(paragraph_index)
        self._marks_cache = (key, marks)
        return marks

    def _paragraph_marks(self, paragraph_index: int) -> list[Mark]:
        paragraph = self.document.paragraphs[paragraph_index]
        start, end = paragraph.start, paragraph.end
        marks: list[Mark] = []
        session = self.session
        if session is not None and session.store is not None:
            if self._label_styles is None:
                self._label_styles = LabelStyles(session.schema, _color_system(self))
            marks = span_marks(session.spans_between(self.document.id, start, end), start, end,
                               self._label_styles, cursor_span=self._cursor_span_id, linked=session.linked)
            for suggestion in session.suggestions(self.document.id):
                if suggestion.start < end and suggestion.end > start:
                    style = self._label_styles.suggestion(suggestion.label)
                    marks.append(Mark(suggestion.start - start, suggestion.end - start, style))
        if self._anchor is not None:
            lo, hi = self.selection_range()
            if lo < end and hi > start:
                marks.append(Mark(lo - start, hi - start, SELECTION_STYLE))
        if self._match is not None and self._match[0] < end and self._match[1] > start:
            marks.append(Mark(self._match[0] - start, self._match[1] - start, MATCH_STYLE))
        marks.extend(self._extra_marks.get(paragraph_index, ()))
        return marks

    def _update_cursor_span(self) -> None:
        """Track the span under the cursor; linked spans are emphasised in every pane."""
        session = self.session
        if session is None:
            return
        span = session.span_at(self.document.id, self.cursor)
        span_id = span.id if span else None
        if span_id != self._cursor_span_id:
            self._cursor_span_id = span_id
            self.refresh()
        if self.has_focus:
            linked = frozenset(session.linked_ids(span))
            if linked != session.linked:
                session.set_linked(linked)
                for view in self._views():
                    if view is not self:
                        view.refresh()

    def on_document_view_cursor_moved(self, message: Any) -> None:
        if message.view is not self:
            return
        self._update_cursor_span()
        if self._anchor is not None:
            self.refresh()
            self._report_mode()

    def on_mount(self) -> None:
        self._register_document()

    def _register_document(self) -> None:
        """Register the document in the store (re-anchoring if its text changed)."""
        session = self.session
        if session is None or session.store is None or getattr(session.store, "read_only", False):
            return
        review = self._run(lambda: session.ensure_document(self.document))
        if review:
            self.notify(
                f"{len(review)} span(s) in {self.document.title or self.document.id} need review: "
                "the text changed since they were made (t lists them)", severity="warning", timeout=10)
        self.refresh()

    # ------------------------------------------------------------------ selection

    def selection_range(self) -> tuple[int, int]:
        """The selected range (empty when no selection is active)."""
        if self._anchor is None:
            return (self.cursor, self.cursor)
        mode = self._mode()
        return sel.range_between(self.document.text, self._anchor, self.cursor, mode)

    def _mode(self) -> sel.SelectionMode:
        session = self.session
        return session.mode if session is not None else sel.SelectionMode()

    def _select(self, found: tuple[int, int] | None) -> None:
        if found is None:
            self.notify("nothing to select here")
            return
        start, end = found
        self._anchor = start
        self.move_cursor(max(start, end - 1))
        self.refresh()
        self._report_mode()

    def _clear_selection(self) -> None:
        if self._anchor is not None:
            self._anchor = None
            self.refresh()
        self._report_mode()

    def _report_mode(self) -> None:
        """Tell the reading screen what is pending (selection, claim link) for its status line."""
        session = self.session
        parts = []
        if self._anchor is not None:
            lo, hi = self.selection_range()
            parts.append(f"selecting {hi - lo} chars")
        if session is not None:
            mode = session.mode
            if mode.precise:
                parts.append("precise")
            if mode.clitics:
                parts.append("clitics stripped")
            if session.pending_link is not None:
                parts.append(f"linking claim “{_short(session.pending_link.text)}”: C on the target claim, escape cancels")
        show = getattr(self.screen, "set_annotation_mode", None)
        if show is not None:
            show(" · ".join(parts))

    def action_select_toggle(self) -> None:
        if self._anchor is None:
            self._anchor = self.cursor
            self.refresh()
            self._report_mode()
        else:
            self._clear_selection()

    def action_select_cancel(self) -> None:
        session = self.session
        if self._anchor is None and session is not None and session.pending_link is not None:
            session.pending_link = None
            self.notify("claim link cancelled")
        self._match = None
        self._clear_selection()

    def action_select_word(self) -> None:
        self._select(sel.word_range(self.document.text, self.cursor, self._mode()))

    def action_select_sentence(self) -> None:
        self._select(sel.sentence_range(self.document.text, self.cursor))

    def action_select_paragraph(self) -> None:
        self._select(sel.paragraph_range(self.document.text, self.cursor))

    def action_select_precise(self) -> None:
        mode = self._require_session().mode
        mode.precise = not mode.precise
        self.notify("selections: character precision" if mode.precise else "selections: whole words")
        self.refresh()
        self._report_mode()

    def action_select_clitics(self) -> None:
        mode = self._require_session().mode
        mode.clitics = not mode.clitics
        self.notify("Arabic clitics and article: left out of selections" if mode.clitics
                    else "Arabic clitics and article: kept in selections")
        self.refresh()
        self._report_mode()

    def _target_range(self) -> tuple[int, int] | None:
        """The selection, or the word under the cursor when nothing is selected."""
        if self._anchor is not None:
            lo, hi = self.selection_range()
            return (lo, hi) if lo < hi else None
        return sel.word_range(self.document.text, self.cursor, self._mode())

    # ------------------------------------------------------------------ tagging

    def action_tag(self, key: int | str) -> None:
        session = self._require_session()
        entity_type = session.schema.by_key(str(key))
        if entity_type is None:
            self.notify(f"no entity type has key {key} in {session.schema.source}")
            return
        self._tag(entity_type.name)

    def action_tag_claim(self) -> None:
        from reader.store.model import CLAIM_LABEL  # not imported before the first paint

        self._tag(CLAIM_LABEL)

    def _tag(self, label: str) -> None:
        found = self._target_range()
        if found is None:
            self.notify("nothing to tag: put the cursor on a word or select text (v)")
            return
        session = self._require_session()
        span = self._run(lambda: session.tag(self.document, found[0], found[1], label))
        if span is None:
            return
        self._anchor = None
        self.move_cursor(span.start)
        self._spans_changed()
        self._report_mode()

    def _span_here(self, kind: str | None = None) -> Span | None:
        """The span under the cursor (of ``kind`` if given: the claim around an entity
        counts for "claim"), or None with a note."""
        session = self._require_session()
        spans = [s for s in session.spans(self.document.id) if s.start <= self.cursor < s.end]
        if kind is not None:
            spans = [s for s in spans if s.kind == kind]
        span = min(spans, key=lambda s: (s.end - s.start, s.kind != "entity"), default=None)
        if span is None:
            self.notify(f"no {kind or 'span'} under the cursor")
        return span

    def action_span_delete(self) -> None:
        span = self._span_here()
        if span is not None and self._succeeded(lambda: self._require_session().delete(span)):
            self.notify(f"deleted {span.label} “{_short(span.text)}” (u undoes)")
            self._spans_changed()

    def action_span_relabel(self) -> None:
        span = self._span_here("entity")
        chooser = _dialog("LabelChooser")
        if span is None:
            return
        session = self._require_session()

        def chosen(label: str | None) -> None:
            if label and label != span.label and self._run(lambda: session.relabel(span, label)):
                self._spans_changed()

        self.app.push_screen(chooser(session.schema, span.label), chosen)

    def _jump_span(self, step: int) -> None:
        spans = self._require_session().spans(self.document.id)
        cursor = self.cursor
        starts = sorted({s.start for s in spans})
        target = next((s for s in starts if s > cursor), None) if step > 0 else \
            next((s for s in reversed(starts) if s < cursor), None)
        if target is None:
            self.notify("no more spans that way" if spans else "no spans in this document yet")
            return
        self.move_cursor(target, center=True)

    def action_span_next(self) -> None:
        self._jump_span(1)

    def action_span_prev(self) -> None:
        self._jump_span(-1)

    def action_span_list(self) -> None:
        span_list = _dialog("SpanList")
        spans = self._require_session().spans(self.document.id)
        if not spans:
            self.notify("no spans in this document yet")
            return
        by_id = {s.id: s for s in spans}

        def chosen(span_id: str | None) -> None:
            if span_id in by_id:
                self.move_cursor(by_id[span_id].start, center=True)

        self.app.push_screen(span_list(spans, self.document, current=self._cursor_span_id), chosen)

    # ------------------------------------------------------------------ claims and entities

    def action_span_edit(self) -> None:
        session = self._require_session()
        here = [s for s in session.spans(self.document.id) if s.start <= self.cursor < s.end]
        span = min(here, key=lambda s: (s.end - s.start, s.kind != "entity"), default=None)
        if span is None:
            self.notify("no span under the cursor")
        elif span.kind == "claim":
            self._edit_claim(span)
        else:
            self.action_entity_link()

    def _edit_claim(self, span: Span) -> None:
        form = _dialog("ClaimForm")
        session = self._require_session()
        entity_spans = [s for s in session.spans(self.document.id) if s.kind == "entity"]

        def saved(attributes: Any) -> None:
            if attributes is not None and self._run(lambda: session.set_claim(span, attributes)):
                self.notify("claim saved")
                self._spans_changed()

        self.app.push_screen(form(span, entity_spans, session.schema), saved)

    def action_entity_link(self) -> None:
        span = self._span_here("entity")
        finder = _dialog("EntityFinder")
        if span is None:
            return
        session = self._require_session()

        def link(choice: Any, alias: str | None) -> None:
            if alias is None:
                self.notify("not linked")
                return
            before = session.require_store().entity(choice.entity_id) if choice.entity_id else None
            entity = self._run(lambda: session.link_to_entity(span, choice, alias))
            if entity is None:
                return
            added = [a for a in entity.aliases if before is None or a not in before.aliases]
            names = f"; aliases added: {', '.join(_short(a) for a in added)}" if added else ""
            self.notify(f"“{_short(span.text)}” → {entity.name} ({entity.type}){names}")
            self._spans_changed()

        def chosen(choice: Any) -> None:
            if choice is None:
                return
            from reader.annotate.entity_finder import alias_question

            entity = session.require_store().entity(choice.entity_id) if choice.entity_id else None
            question = alias_question(choice, entity, span.text)
            if question is None:
                link(choice, "keep")
                return
            confirm = _dialog("AliasConfirm")
            self.app.push_screen(confirm(question), lambda alias: link(choice, alias))

        self.app.push_screen(finder(span, session.require_store().entities(), session.schema), chosen)

    def action_claim_link(self) -> None:
        span = self._span_here("claim")
        if span is None:
            return
        session = self._require_session()
        source = session.pending_link
        if source is None or source.id == span.id:
            session.pending_link = span
            self.notify("claim link started: go to the other claim (tab to another pane) and press C")
            self._report_mode()
            return
        chooser = _dialog("LinkTypeChooser")

        def chosen(link_type: LinkType | None) -> None:  # one of LinkTypeChooser's choices
            if link_type is None:
                self.notify("claim link not made (still pending: escape cancels)")
                return
            if self._run(lambda: session.link_claims(source, span, link_type)):
                self.notify(f"claims linked: {link_type}")
                self._spans_changed()
            self._report_mode()

        self.app.push_screen(chooser(source, span), chosen)

    def action_linked_panel(self) -> None:
        span = self._span_here()
        panel = _dialog("LinkedPanel")
        if span is None:
            return
        session = self._require_session()
        documents = DocumentsById(getattr(self.app, "documents", []))

        def chosen(target: tuple[str, int] | None) -> None:
            if target is not None:
                self.app.call_later(self._open_at, target[0], target[1])

        self.app.push_screen(panel(span, session.store, documents), chosen)

    async def _open_at(self, doc_id: str, offset: int) -> None:
        """Show document ``doc_id`` (opening a pane if needed) with its cursor on ``offset``."""
        await open_document_at(self.app, doc_id, offset)

    # ------------------------------------------------------------------ history and done

    def action_undo(self) -> None:
        self._history(undo=True)

    def action_redo(self) -> None:
        self._history(undo=False)

    def _history(self, undo: bool) -> None:
        session = self._require_session()
        change = self._run(session.undo if undo else session.redo)
        if change is None:
            if session.store is not None:
                self.notify("nothing to undo" if undo else "nothing to redo")
            return
        self.notify(f"{'undone' if undo else 'redone'}: {change.description}")
        self._spans_changed()
        self._report_mode()
        if change.span is not None:
            self.app.call_later(self._open_at, change.span.doc_id, change.span.start)

    def action_doc_done(self) -> None:
        session = self._require_session()
        done = not session.is_done(self.document.id)
        if self._succeeded(lambda: session.set_done(self.document, done)):
            self.notify(f"{self.document.title or self.document.id}: {'done' if done else 'not done'}")
            self._report_state()

    # ------------------------------------------------------------------ suggestions

    def action_suggest(self) -> None:
        span = self._span_here()
        review = _dialog("SuggestionReview")
        if span is None:
            return
        from reader.annotate.like_this import entity_of, suggest_like

        session = self._require_session()
        store = session.require_store()
        corpus = getattr(self.app, "documents", [self.document])
        panes = getattr(self.screen, "panes", None)
        opened = list(dict.fromkeys(p.view.document for p in panes)) if panes else [self.document]
        entity = entity_of(span, store.entities())
        aliases = [entity.name, *entity.aliases] if entity is not None else []
        entity_id = entity.id if entity is not None else None

        def find(documents) -> list[Any]:
            return suggest_like(span.text, span.label, documents, aliases=aliases, existing=store.spans())

        suggestions = find(opened)
        wider = len(corpus) > len(opened)
        if not suggestions and not wider:
            self.notify(f"no other occurrence of “{_short(span.text)}” in {len(opened)} documents")
            return
        documents = DocumentsById(corpus)

        def accepted(chosen: list[Any] | None) -> None:
            if not chosen:
                return
            spans = [s.to_span(kind=span.kind, annotator=session.annotator, entity_id=None) for s in chosen]
            for document in {s.doc_id for s in spans}:
                known = documents.get(document)
                if known is not None and store.document(document) is None:
                    self._run(lambda: store.ensure_document(known))
            added = self._run(lambda: session.add_suggested(spans, entity_id))
            if added:
                places = len({s.doc_id for s in added})
                self.notify(f"tagged {len(added)} more as {span.label} in {places} documents "
                            "(u undoes them at once)")
                self._spans_changed()

        self.app.push_screen(
            review(suggestions, documents, opened=len(opened), corpus=len(corpus),
                   widen=(lambda: find(corpus)) if wider else None),
            accepted,
        )


    def action_suggestions(self) -> None:
        """Show the machine's suggestions for this document in the pane and in a panel
        where each is accepted, rejected or relabelled (reader.annotate.suggestions)."""
        panel = _dialog("SuggestionsPanel")
        session = self._require_session()
        document = self.document
        found = self._run(lambda: session.suggest(document))
        if found is None:
            return
        if not found:
            self.notify("no suggestion for this document (rejected ones are not suggested again)")
            session.hide_suggestions(document.id)
            return
        self._spans_changed()

        def act(decision: str, chosen: list[Any], label: str | None) -> list[Any] | None:
            if decision == "accept":
                done = self._run(lambda: session.accept_suggestions(document, chosen, label))
            else:
                done = self._succeeded(lambda: session.reject_suggestion(document, chosen[0]))
            if not done:
                return None
            self._spans_changed()
            return session.suggestions(document.id)

        def closed(_: Any) -> None:
            session.hide_suggestions(document.id)
            self._spans_changed()

        self.app.push_screen(panel(document, found, session.schema, act=act), closed)


def _color_system(widget: Any) -> str | None:
    """The terminal's colour system as Rich knows it (None: no colour)."""
    try:
        app = widget.app
    except Exception:  # noqa: BLE001 - not mounted yet: assume colour
        return "truecolor"
    if getattr(app, "no_color", False):  # NO_COLOR: attributes only
        return None
    return app.console.color_system


def _short(text: str, limit: int = 30) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
