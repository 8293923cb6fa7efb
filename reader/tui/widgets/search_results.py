"""SearchResults: every match of a corpus search, one row per match, with its context.

Dismisses with ``(doc_id, start, end)`` of the chosen match (enter), or None (escape).
Document text reaches the screen only through the bidi engine (sanitized, in display
order), never as markup.
"""

from __future__ import annotations

from typing import Any, Mapping

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from reader.bidi.layout import layout_paragraph

_CONTEXT = 30


def _screen_text(text: str) -> str:
    """``text`` on one line in display order, control characters made harmless."""
    flat = " ".join(text.split())
    if not flat:
        return ""
    lines = layout_paragraph(flat, None).lines
    return lines[0].text if lines else ""


class SearchResults(ModalScreen[tuple[str, int, int] | None]):
    """The matches of ``query``: ``hits`` as (doc_id, start, end), ``documents`` by id."""

    BINDINGS = [Binding("escape", "close", "Close")]
    DEFAULT_CSS = """
    SearchResults { align: center middle; }
    SearchResults > Vertical { width: 90%; height: 80%; border: round $primary; background: $surface; }
    SearchResults OptionList { height: 1fr; }
    """

    def __init__(self, query: str, hits: list[tuple[str, int, int]], documents: Mapping[str, Any]) -> None:
        super().__init__()
        self.query_text = query
        self.hits = hits
        self.documents = documents

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(f"{len(self.hits)} matches of “{_screen_text(self.query_text)}” "
                             f"in {len({h[0] for h in self.hits})} documents · enter opens · escape closes"))
            yield OptionList(*[Option(self._row(hit), id=str(i)) for i, hit in enumerate(self.hits)])

    def _row(self, hit: tuple[str, int, int]) -> Text:
        doc_id, start, end = hit
        document = self.documents.get(doc_id)
        text = document.text if document is not None else ""
        title = getattr(document, "title", "") or doc_id
        context = text[max(0, start - _CONTEXT):min(len(text), end + _CONTEXT)]
        row = Text()
        row.append(_screen_text(title)[:30], style="bold")
        row.append("  ")
        row.append(_screen_text(context))
        return row

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.hits[int(event.option.id or 0)])

    def action_close(self) -> None:
        self.dismiss(None)
