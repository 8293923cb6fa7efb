"""SuggestionsPanel: the machine's suggestions for one document, decided one key at a time.

Each row is a suggestion (label, where it came from, the text in context). y accepts the
highlighted one, n rejects it (remembered in the database: not suggested again), l
accepts it with another label, A accepts every remaining one of its label; each key is
one change, undone with the pane's undo. The decisions are made through ``act`` (the
pane's, which goes to the annotation session) the moment the key is pressed, so closing
the panel loses nothing. The pane shows the suggestions meanwhile in their own style.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList, Static

from reader.annotate.suggestions import Suggestion
from reader.tui.bindings import SUGGESTIONS_BINDINGS
from reader.tui.dialogs.base import Dialog, key_hints, title
from reader.tui.dialogs.choice_list import MarkedList
from reader.tui.dialogs.display import clip, screen_line, snippet_in

#: ``act(decision, suggestions, label)``: "accept" or "reject" them (with ``label`` for an
#: accepted one whose label the user changed); the suggestions still shown after it, or
#: None if it did not happen (the pane has said why).
Act = Callable[[str, list[Suggestion], "str | None"], "list[Suggestion] | None"]


class SuggestionsPanel(Dialog[None]):
    """The suggestions of ``document`` (see the module docstring)."""

    BINDINGS = [*SUGGESTIONS_BINDINGS]  # a list of its own: Textual types it list[Binding | tuple]

    DEFAULT_CSS = """
    SuggestionsPanel #suggestions { max-height: 30; }
    SuggestionsPanel #counter { text-style: bold; }
    """

    def __init__(self, document: Any, suggestions: Sequence[Suggestion], schema: Any, *, act: Act, **kwargs) -> None:
        super().__init__(**kwargs)
        self.document = document
        self.shown = list(suggestions)
        self.schema = schema
        self.act = act
        self.decided = 0

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield title("Suggestions for this document")
            yield Static(self._counter(), id="counter", markup=False)
            yield MarkedList([self._row(s) for s in self.shown], id="suggestions")
            yield key_hints(("y", "accept"), ("n", "reject"), ("l", "accept as…"),
                            ("A", "accept all of this label"), ("esc", "close"))

    def on_mount(self) -> None:
        listing = self.query_one("#suggestions", MarkedList)
        listing.highlighted = 0 if self.shown else None
        listing.focus()

    def _counter(self) -> Text:
        if not self.shown:
            return Text(f"No suggestion left ({self.decided} decided).")
        return Text(f"{len(self.shown)} left · {self.decided} decided")

    def _row(self, suggestion: Suggestion) -> Text:
        row = Text.assemble((f"{suggestion.label:<9}", "bold"), (f"{suggestion.source:<9}", "dim"), "  ")
        room = self.row_room(row.cell_len)
        text = self.document.text
        shown, start, end = snippet_in(text, suggestion.start, suggestion.end, room)
        row.append_text(screen_line(shown, order=self.order, emphasis=(start, end)))
        return row

    def refit_rows(self) -> None:
        self._refresh(self.query_one("#suggestions", MarkedList).highlighted or 0)

    def _refresh(self, highlight: int) -> None:
        listing = self.query_one("#suggestions", MarkedList)
        listing.set_rows([self._row(s) for s in self.shown])
        if self.shown:
            listing.highlighted = min(highlight, len(self.shown) - 1)
        self.query_one("#counter", Static).update(self._counter())

    @property
    def highlighted(self) -> Suggestion | None:
        index = self.query_one("#suggestions", MarkedList).highlighted
        return self.shown[index] if index is not None and 0 <= index < len(self.shown) else None

    def _decide(self, decision: str, suggestions: list[Suggestion], label: str | None = None) -> None:
        if not suggestions:
            return
        index = self.shown.index(suggestions[0])
        remaining = self.act(decision, suggestions, label)
        if remaining is None:
            return
        self.decided += len(suggestions)
        self.shown = remaining
        self._refresh(index)

    # -- actions ---------------------------------------------------------------------------
    def action_accept(self) -> None:
        """Accept the highlighted suggestion: it becomes a span."""
        if self.highlighted is not None:
            self._decide("accept", [self.highlighted])

    def action_reject(self) -> None:
        """Reject the highlighted suggestion: it is not suggested again."""
        if self.highlighted is not None:
            self._decide("reject", [self.highlighted])

    def action_accept_label(self) -> None:
        """Accept every remaining suggestion with the highlighted one's label (one change)."""
        here = self.highlighted
        if here is not None:
            self._decide("accept", [s for s in self.shown if s.label == here.label])

    def action_relabel(self) -> None:
        """Choose another label for the highlighted suggestion, then accept it."""
        here = self.highlighted
        if here is None:
            return
        from reader.tui.dialogs.label_chooser import LabelChooser

        def chosen(label: str | None) -> None:
            if label:
                self._decide("accept", [here], label)

        self.app.push_screen(LabelChooser(self.schema, here.label), chosen)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_accept()
