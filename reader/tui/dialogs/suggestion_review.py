"""SuggestionReview: accept or reject the occurrences "tag all like this" proposes."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from reader.tui.dialogs.choice_list import MarkedList

from reader.annotate.like_this import Suggestion
from reader.tui.dialogs.base import Dialog, document_title, documents_by_id, key_hints, title
from reader.tui.dialogs.display import clip, screen_line, snippet_in
from reader.tui.bindings import SUGGESTION_REVIEW_BINDINGS

#: A suggestion's state, and how its row is marked (words as well as symbols: no colour needed).
MARKS = {None: ("?  ", ""), True: ("✓ yes", "bold"), False: ("✗ no ", "dim strike")}
TITLE_SHOWN = 28


class SuggestionReview(Dialog[list]):
    """One row per suggestion: its document's title and the occurrence in context (the
    match in bold underline). y accepts and n rejects the highlighted one and move on,
    a accepts every one not yet decided, enter or ctrl+s finishes, escape cancels.
    Dismisses with the accepted suggestions (in the given order), or None."""

    BINDINGS = SUGGESTION_REVIEW_BINDINGS

    DEFAULT_CSS = """
    SuggestionReview #suggestions { max-height: 30; }
    SuggestionReview #counter { text-style: bold; }
    """

    def __init__(self, suggestions: Sequence[Suggestion], documents=None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.suggestions = list(suggestions)
        self.documents = documents_by_id(documents)
        #: per suggestion: True accepted, False rejected, None not decided yet
        self.decisions: list[bool | None] = [None] * len(self.suggestions)

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield title("Tag all like this: review the proposed spans")
            yield Static(self._counter(), id="counter", markup=False)
            if self.suggestions:
                yield MarkedList([self._row(i) for i in range(len(self.suggestions))], id="suggestions")
            else:
                yield Static(Text("No other occurrence found."), markup=False)
            yield key_hints(("y", "accept"), ("n", "reject"), ("a", "accept all remaining"),
                            ("enter/ctrl+s", "finish"), ("esc", "cancel"))

    def on_mount(self) -> None:
        if self.suggestions:
            listing = self.query_one("#suggestions", OptionList)
            listing.highlighted = 0
            listing.focus()

    # -- rows ------------------------------------------------------------------------------
    def _counter(self) -> Text:
        accepted = sum(d is True for d in self.decisions)
        rejected = sum(d is False for d in self.decisions)
        return Text(f"{len(self.suggestions)} proposed · {accepted} accepted · {rejected} rejected")

    def _row(self, index: int) -> Text:
        suggestion = self.suggestions[index]
        mark, style = MARKS[self.decisions[index]]
        document = self.documents.get(suggestion.doc_id)
        row = Text.assemble((mark, style), "  ")
        row.append_text(screen_line(clip(document_title(document, suggestion.doc_id), TITLE_SHOWN),
                                    order=self.order, style="dim"))
        row.append(f"  {suggestion.label}  ", "bold")
        text = getattr(document, "text", None)
        room = self.row_room(row.cell_len)
        if text is not None and text[suggestion.start:suggestion.end] == suggestion.text:
            shown, start, end = snippet_in(text, suggestion.start, suggestion.end, room)
        else:
            shown, start, end = clip(suggestion.text, room), 0, min(room, len(suggestion.text))
        row.append_text(screen_line(shown, order=self.order, emphasis=(start, end)))
        return row

    def refit_rows(self) -> None:
        self._redraw(range(len(self.suggestions)))

    def _redraw(self, indices) -> None:
        listing = self.query_one("#suggestions", MarkedList)
        for index in indices:
            listing.set_row(index, self._row(index))
        self.query_one("#counter", Static).update(self._counter())

    # -- actions ---------------------------------------------------------------------------
    def _decide(self, accepted: bool) -> None:
        if not self.suggestions:
            return
        listing = self.query_one("#suggestions", OptionList)
        index = listing.highlighted
        if index is None:
            return
        self.decisions[index] = accepted
        self._redraw([index])
        if index + 1 < len(self.suggestions):
            listing.highlighted = index + 1

    def action_accept(self) -> None:
        """Accept the highlighted suggestion and move to the next."""
        self._decide(True)

    def action_reject(self) -> None:
        """Reject the highlighted suggestion and move to the next."""
        self._decide(False)

    def action_accept_rest(self) -> None:
        """Accept every suggestion not decided yet."""
        undecided = [i for i, d in enumerate(self.decisions) if d is None]
        for index in undecided:
            self.decisions[index] = True
        if undecided:
            self._redraw(undecided)

    def action_finish(self) -> None:
        """Close with the accepted suggestions."""
        self.dismiss([s for s, d in zip(self.suggestions, self.decisions) if d is True])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_finish()

    def on_key(self, event) -> None:
        # enter finishes even when the list is empty (no OptionList to select in)
        if event.key == "enter" and not self.suggestions:
            event.stop()
            self.action_finish()
