"""DocumentChooser: which document to open in a new pane (`o`, pane-add)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList

from reader.tui.dialogs.base import Dialog, key_hints, title
from reader.tui.dialogs.choice_list import MarkedList
from reader.tui.dialogs.display import clip, screen_line


class DocumentRow(NamedTuple):
    """One document offered: its id, its relation to the focused document ("⇄
    translation", or ""), and what names it (its title, or its file name when the file
    has not been read)."""

    doc_id: str
    relation: str
    name: str


class DocumentChooser(Dialog[str]):
    """Lists ``rows`` (documents not on screen, related ones first); enter dismisses with
    the highlighted document's id, escape with None. ``more``: how many documents were
    left out of the list (the library lists them all)."""

    DEFAULT_CSS = """
    DocumentChooser #documents { max-height: 20; }
    """

    def __init__(self, rows: Sequence[DocumentRow], *, more: int = 0, **kwargs) -> None:
        super().__init__(**kwargs)
        self.rows = list(rows)
        self.more = more

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield title("Open which document in a new pane?")
            yield MarkedList([self._row(row) for row in self.rows], id="documents")
            hints = [("↑↓ enter", "open"), ("esc", "cancel")]
            if self.more:
                hints.append(("esc L", f"the library lists all ({self.more} more)"))
            yield key_hints(*hints)

    def _row(self, row: DocumentRow) -> Text:
        # Ids come from file names and names from documents: both through the bidi engine.
        line = screen_line(clip(row.doc_id, 24), order=self.order, style="bold")
        line.pad_right(25 - line.cell_len)
        line.append(f"{clip(row.relation, 15):<16}", "italic")
        line.append_text(screen_line(clip(row.name, self.row_room(line.cell_len)), order=self.order))
        return line

    def refit_rows(self) -> None:
        listing = self.query_one("#documents", MarkedList)
        for index, row in enumerate(self.rows):
            listing.set_row(index, self._row(row))

    def on_mount(self) -> None:
        listing = self.query_one("#documents", MarkedList)
        listing.highlighted = 0 if self.rows else None
        listing.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.rows[event.option_index].doc_id)
