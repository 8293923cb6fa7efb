"""SearchBar: a BidiInput at the bottom of a pane; enter searches, escape closes it.

The pane's view opens it (/, the backward search, F for the whole corpus) and gets the
query back through `run_search` / `run_corpus_search`.
"""

from __future__ import annotations

from typing import Any

from textual.binding import Binding
from textual.widgets import Input

from reader.tui.widgets.bidi_input import BidiInput


class SearchBar(BidiInput):
    """One-line query for ``view``; ``backward`` and ``corpus`` say which search runs."""

    DEFAULT_CSS = """
    SearchBar, SearchBar:focus { dock: bottom; height: 1; border: none; padding: 0 1; }
    """
    BINDINGS = [Binding("escape", "close", "Close search", show=False)]

    def __init__(self, view: Any, *, backward: bool = False, corpus: bool = False, last: str = "") -> None:
        where = "all documents" if corpus else ("backward" if backward else "forward")
        again = "; enter alone repeats the last one" if last else ""
        super().__init__(placeholder=f"search {where} (enter searches{again}, escape closes)")
        self.last = last
        self.view = view
        self.backward = backward
        self.corpus = corpus

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        query = event.value.strip() or self.last
        view = self.view
        self._close()
        if not query:
            return
        # Run from the view, not from this bar: the bar is being removed, and a dialog
        # pushed now would send its result back to the bar.
        if self.corpus:
            view.call_later(view.run_corpus_search, query)
        else:
            view.call_later(view.run_search, query, backward=self.backward)

    def action_close(self) -> None:
        self._close()

    def _close(self) -> None:
        self.view.focus()
        self.remove()
