"""SuggestionReview: accept or reject the occurrences "tag all like this" proposes."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import Protocol

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from reader.tui.dialogs.choice_list import MarkedList

from reader.tui.dialogs.base import Dialog, document_title, documents_by_id, key_hints, title
from reader.tui.dialogs.display import clip, screen_line, snippet_in
from reader.tui.bindings import SUGGESTION_REVIEW_BINDINGS

#: A suggestion's state, and how its row is marked (words as well as symbols: no colour needed).
MARKS = {None: ("?  ", ""), True: ("✓ yes", "bold"), False: ("✗ no ", "dim strike")}
TITLE_SHOWN = 20
FILE_SHOWN = 24


def document_place(document, fallback: str) -> str:
    """Where a document comes from, as short as it stays clear: its path relative to the
    working directory when it is under it, else the path as given (the id if none)."""
    path = getattr(document, "path", "") if document is not None else ""
    if not isinstance(path, str) or not path:
        return fallback
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive (Windows)
        return path
    return path if relative.startswith("..") else relative


def _tail(text: str, limit: int) -> str:
    """`text` cut to its last `limit` characters ("…" first): a file name keeps its end."""
    return text if len(text) <= limit else "…" + text[-(limit - 1):]


class Proposed(Protocol):
    """What the dialog shows of a proposed span: "tag all like this" suggestions
    (reader.annotate.like_this.Suggestion) and projections (reader.annotate.compare.Proposal)."""

    @property
    def doc_id(self) -> str: ...

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...

    @property
    def text(self) -> str: ...

    @property
    def label(self) -> str: ...


class SuggestionReview(Dialog[list]):
    """One row per suggestion: its document's title and file, and the occurrence in
    context (the match in bold underline); under the list, the highlighted suggestion's
    document in full (title and path: a duplicate shares its title with the original).
    Suggestions come from the open documents; c (`widen`, when given) looks in every
    document of the corpus instead, keeping the decisions made. y accepts and n rejects
    the highlighted one and move on, a accepts every one not yet decided, enter or ctrl+s
    finishes, escape cancels. Dismisses with the accepted suggestions (in the given
    order), or None."""

    BINDINGS = [*SUGGESTION_REVIEW_BINDINGS]  # a list of its own: Textual types it list[Binding | tuple]

    DEFAULT_CSS = """
    SuggestionReview #suggestions { max-height: 30; }
    SuggestionReview #counter { text-style: bold; }
    """

    def __init__(self, suggestions: Sequence[Proposed], documents=None, *, opened: int | None = None,
                 corpus: int | None = None, widen: Callable[[], Sequence[Proposed]] | None = None,
                 **kwargs) -> None:
        """`opened`: how many documents the suggestions were looked for in (the open
        ones); `corpus`: how many there are in all; `widen`: the suggestions from every
        document of the corpus (None: nothing more to look in)."""
        super().__init__(**kwargs)
        self.suggestions = list(suggestions)
        self.documents = documents_by_id(documents)
        self.opened = opened
        self.corpus = corpus
        self.widen = widen
        self.widened = False
        #: per suggestion: True accepted, False rejected, None not decided yet
        self.decisions: list[bool | None] = [None] * len(self.suggestions)

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield title("Tag all like this: review the proposed spans")
            yield Static(self._counter(), id="counter", markup=False)
            yield MarkedList([self._row(i) for i in range(len(self.suggestions))], id="suggestions")
            yield Static(Text("No other occurrence found."), id="none", markup=False)
            yield Static(self._place(), id="place", markup=False)
            hints = [("y", "accept"), ("n", "reject"), ("a", "accept all remaining")]
            if self.widen is not None:
                hints.append(("c", "look in the whole corpus"))
            yield key_hints(*hints, ("enter/ctrl+s", "finish"), ("esc", "cancel"))

    def on_mount(self) -> None:
        self._show_list()

    def _show_list(self) -> None:
        listing = self.query_one("#suggestions", OptionList)
        listing.display = bool(self.suggestions)
        self.query_one("#none", Static).display = not self.suggestions
        if self.suggestions:
            listing.highlighted = 0
            listing.focus()
        self.query_one("#place", Static).update(self._place())

    # -- rows ------------------------------------------------------------------------------
    def _counter(self) -> Text:
        accepted = sum(d is True for d in self.decisions)
        rejected = sum(d is False for d in self.decisions)
        places = len({s.doc_id for s in self.suggestions})
        line = Text(f"{len(self.suggestions)} proposed in {places} document{'s' if places != 1 else ''}")
        if self.widened and self.corpus is not None:
            line.append(f" (looked in all {self.corpus} documents)")
        elif self.opened is not None:
            line.append(f" (looked in the {self.opened} open document{'s' if self.opened != 1 else ''}"
                        + (f" of {self.corpus}; c: all of them)" if self.widen is not None and self.corpus else ")"))
        line.append(f" · {accepted} accepted · {rejected} rejected")
        return line

    def _place(self) -> Text:
        """The highlighted suggestion's document: its title and where it comes from."""
        listing = self.query_one("#suggestions", OptionList) if self.is_mounted else None
        index = listing.highlighted if listing is not None else (0 if self.suggestions else None)
        if index is None or not 0 <= index < len(self.suggestions):
            return Text("")
        doc_id = self.suggestions[index].doc_id
        document = self.documents.get(doc_id)
        place = Text("in ", style="dim")
        place.append_text(screen_line(clip(document_title(document, doc_id), 60), order=self.order, style="bold"))
        place.append("  ")
        place.append_text(screen_line(document_place(document, doc_id), order=self.order))
        return place

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.query_one("#place", Static).update(self._place())

    def _row(self, index: int) -> Text:
        suggestion = self.suggestions[index]
        mark, style = MARKS[self.decisions[index]]
        document = self.documents.get(suggestion.doc_id)
        row = Text.assemble((mark, style), "  ")
        row.append_text(screen_line(clip(document_title(document, suggestion.doc_id), TITLE_SHOWN),
                                    order=self.order, style="dim"))
        row.append("  ")
        name = os.path.basename(document_place(document, suggestion.doc_id))
        row.append_text(screen_line(_tail(name, FILE_SHOWN), order=self.order, style="italic"))
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

    def action_widen(self) -> None:
        """Look in every document of the corpus: the rows are made again, decisions kept."""
        if self.widen is None or self.widened:
            return
        decided = {(s.doc_id, s.start, s.end): d for s, d in zip(self.suggestions, self.decisions)}
        self.suggestions = list(self.widen())
        self.decisions = [decided.get((s.doc_id, s.start, s.end)) for s in self.suggestions]
        self.widened = True
        self.query_one("#suggestions", MarkedList).set_rows(self._row(i) for i in range(len(self.suggestions)))
        self.query_one("#counter", Static).update(self._counter())
        self._show_list()

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
