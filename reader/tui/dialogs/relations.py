"""RelationsDialog: the relations of one document, to confirm or reject each.

Each row: the decision mark, the kind, the other document (short id and title), the
score and why the relation was found. c/y confirms, r/n rejects, delete forgets the
decision (each stored at once through ``decide``); enter dismisses with the two document
ids to open side by side; escape with None.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList

from reader.tui.bindings import RELATIONS_BINDINGS
from reader.tui.dialogs.base import Dialog, document_title, documents_by_id, key_hints, title
from reader.tui.dialogs.choice_list import MarkedList
from reader.tui.dialogs.display import clip, screen_line
from reader.annotate.relations import KIND_SYMBOLS, CorpusRelations, evidence_summary, short_id

#: The decision column: a word as well as a symbol, so it reads without colour.
DECISION_MARKS = {"confirmed": ("✓ confirmed", "bold"), "rejected": ("✗ rejected ", "strike"),
                  None: ("? undecided", "dim")}
TITLE_SHOWN = 40

#: Stores a decision (None: forget it); returns False when it could not be kept.
Decide = Callable[[Any, "str | None"], bool]


class RelationsDialog(Dialog[tuple[str, str]]):
    """Lists the relations of ``document`` in ``relations`` (a CorpusRelations);
    ``documents``: the loaded documents (titles). Dismisses with (document id, other id)
    on enter, None on escape."""

    BINDINGS = [*RELATIONS_BINDINGS]  # a list of its own: Textual types it list[Binding | tuple]
    DEFAULT_CSS = """
    RelationsDialog #relations { max-height: 20; }
    """

    def __init__(self, document: Any, relations: CorpusRelations, documents: Sequence[Any] | Any,
                 *, decide: Decide, **kwargs) -> None:
        super().__init__(**kwargs)
        self.document = document
        self.relations = relations
        self.by_id = documents_by_id(documents)
        self.decide = decide
        self.shown = relations.of(document.id)

    def compose(self) -> ComposeResult:
        heading = Text(f"Relations ({len(self.shown)}) of {short_id(self.document.id)} ")
        heading.append_text(screen_line(clip(document_title(self.document, self.document.id), 60), order=self.order))
        with Vertical(id="dialog"):
            yield title(heading)
            yield MarkedList([self.row(r) for r in self.shown], id="relations")
            yield key_hints(("c/y", "confirm"), ("r/n", "reject"), ("del", "forget"),
                            ("enter", "open both side by side"), ("esc", "close"))

    def row(self, relation: Any) -> Text:
        """One relation: decision, kind, other document, score; its evidence below."""
        mark, style = DECISION_MARKS[self.relations.decision(relation)]
        other = self.relations.other(relation, self.document.id)
        line = Text.assemble((mark, style), "  ", (f"{KIND_SYMBOLS[relation.kind]} {relation.kind:<11}", "bold"),
                             f" {short_id(other):<8} ")
        other_title = document_title(self.by_id.get(other), other)
        line.append_text(screen_line(clip(other_title, TITLE_SHOWN), order=self.order))
        line.append(f"  {relation.score:.2f}", "bold")
        # The evidence on a line of its own: rows are not wrapped (see MarkedList), and
        # it may quote anchors in any script, so it goes through the bidi engine too.
        line.append("\n      ")
        line.append_text(screen_line(evidence_summary(relation), order=self.order, style="dim"))
        return line

    @property
    def relation_list(self) -> MarkedList:
        return self.query_one("#relations", MarkedList)

    def on_mount(self) -> None:
        self.relation_list.highlighted = 0
        self.relation_list.focus()

    @property
    def highlighted(self) -> Any | None:
        """The relation on the highlighted row."""
        index = self.relation_list.highlighted
        return self.shown[index] if index is not None and 0 <= index < len(self.shown) else None

    def action_decide(self, decision: str | None) -> None:
        """Store ``decision`` on the highlighted relation and show it on its row."""
        relation = self.highlighted
        if relation is None or not self.decide(relation, decision):
            return
        index = self.shown.index(relation)
        self.relation_list.set_row(index, self.row(relation))

    def action_open_pair(self) -> None:
        relation = self.highlighted
        if relation is not None:
            self.dismiss((self.document.id, self.relations.other(relation, self.document.id)))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_open_pair()
