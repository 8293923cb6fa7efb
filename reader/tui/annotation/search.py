"""SearchActions: / (and the backward variant), n/N and F (every loaded document) in a
document pane. Matching ignores harakat, tatweel, hamza forms, case and accents
(`reader.core.search`); the match is drawn by the view (see AnnotationActions) and the
cursor put on it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.tui.annotation.navigation import open_document_at

if TYPE_CHECKING:
    from textual.scroll_view import ScrollView

    from reader.core.document import Document

    # The type checker sees the widget these actions are mixed into (DocumentView is a
    # ScrollView); at run time they are a plain mixin.
    _PaneBase = ScrollView
else:
    _PaneBase = object


class SearchActions(_PaneBase):
    """Search keys for a DocumentView; ``_match`` is the highlighted match, if any."""

    #: the pane's document (set by the DocumentView this is mixed into)
    document: Document

    if TYPE_CHECKING:  # DocumentView's, which these actions read and move
        @property
        def cursor(self) -> int: ...

        def move_cursor(self, offset: int, *, keep_goal: bool = False, center: bool = False) -> None: ...
    _match: tuple[int, int] | None = None
    _search_query: str = ""
    _search_backward: bool = False

    def action_search(self) -> None:
        self._open_search_bar(backward=False, corpus=False)

    def action_search_backward(self) -> None:
        self._open_search_bar(backward=True, corpus=False)

    def action_search_corpus(self) -> None:
        self._open_search_bar(backward=False, corpus=True)

    def _open_search_bar(self, *, backward: bool, corpus: bool) -> None:
        from textual.widget import Widget

        from reader.tui.type_ahead import focus_for_typing
        from reader.tui.widgets.search_bar import SearchBar

        parent = self.parent
        if not isinstance(parent, Widget):
            return  # not in a pane (not mounted)
        for old in parent.query(SearchBar):
            old.remove()
        bar = SearchBar(self, backward=backward, corpus=corpus, last=self._search_query)
        parent.mount(bar, after=self)
        focus_for_typing(bar)  # `/Roscosmos` typed in one go searches for Roscosmos

    def run_search(self, query: str, *, backward: bool = False) -> None:
        """Search ``query`` from the cursor; the match is highlighted, the cursor on it."""
        self._search_query, self._search_backward = query, backward
        self._search_step(backward)

    def _search_step(self, backward: bool) -> None:
        from reader.core.search import find_next

        if not self._search_query:
            self.notify("no search yet: / searches")
            return
        cursor = self.cursor
        found = find_next(self.document, self._search_query, cursor, backward=backward, wrap=False)
        if found is None:
            found = find_next(self.document, self._search_query, cursor, backward=backward, wrap=True)
            if found is not None:
                self.notify("search wrapped around")
        if found is None:
            self._match = None
            self.notify(f"not found: {self._search_query}")
            self.refresh()
            return
        self._match = found
        self.move_cursor(found[0], center=True)
        self.refresh()

    def action_search_next(self) -> None:
        self._search_step(self._search_backward)

    def action_search_prev(self) -> None:
        self._search_step(not self._search_backward)

    def run_corpus_search(self, query: str) -> None:
        """Search ``query`` in every loaded document and list the matches."""
        from reader.core.search import search_corpus
        from reader.tui.widgets.search_results import SearchResults

        self._search_query = query
        documents = list(getattr(self.app, "documents", [self.document]))
        hits = search_corpus(documents, query)
        if not hits:
            self.notify(f"not found in {len(documents)} documents: {query}")
            return

        def chosen(hit: tuple[str, int, int] | None) -> None:
            if hit is not None:
                self.app.call_later(self._open_match, *hit)

        self.app.push_screen(SearchResults(query, hits, {d.id: d for d in documents}), chosen)

    async def _open_match(self, doc_id: str, start: int, end: int) -> None:
        view = await open_document_at(self.app, doc_id, start)
        if view is not None:
            view._search_query = self._search_query
            view._match = (start, end)
            view.refresh()
