"""SpanList: the spans of one document in text order; enter jumps to one."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from reader.tui.dialogs.choice_list import MarkedList

from reader.store.model import Span
from reader.tui.dialogs.base import Dialog, document_title, key_hints, title
from reader.tui.dialogs.display import clip, screen_line

TEXT_SHOWN = 60
REVIEW_MARK = "⚑ review"


class SpanList(Dialog[str]):
    """Lists `spans` of `document` (a Document or DocumentRecord) in document order:
    line, label, kind, a ⚑ review flag and the text. `current` (a span id) starts
    highlighted. Enter dismisses with the span id, escape with None."""

    DEFAULT_CSS = """
    SpanList #spans { max-height: 30; }
    """

    def __init__(self, spans: Sequence[Span], document, *, current: str | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.spans = sorted(spans, key=lambda s: (s.start, -s.end, s.id))
        self.document = document
        self.current = current

    def compose(self) -> ComposeResult:
        doc_id = getattr(self.document, "id", "")
        heading = Text(f"Spans ({len(self.spans)}) in ")
        heading.append_text(screen_line(clip(document_title(self.document, doc_id), 60), order=self.order))
        with Vertical(id="dialog"):
            yield title(heading)
            if self.spans:
                yield MarkedList([self._row(s) for s in self.spans], id="spans")
            else:
                yield Static(Text("No spans in this document yet."), markup=False)
            yield key_hints(("↑↓", "move"), ("enter", "jump"), ("esc", "close"))

    def _row(self, span: Span) -> Text:
        text = getattr(self.document, "text", "")
        line = text.count("\n", 0, span.start) + 1
        row = Text.assemble((f"l.{line:<5}", "dim"), (f"{span.label:<10}", "bold"), f"{span.kind:<7}")
        row.append(f"{REVIEW_MARK} " if span.status == "review" else " " * (len(REVIEW_MARK) + 1),
                   "bold reverse" if span.status == "review" else "")
        shown = clip(span.text, min(TEXT_SHOWN, self.row_room(row.cell_len)))
        row.append_text(screen_line(shown, order=self.order))
        return row

    def refit_rows(self) -> None:
        listing = self.query_one("#spans", MarkedList)
        for index, span in enumerate(self.spans):
            listing.set_row(index, self._row(span))

    def on_mount(self) -> None:
        if not self.spans:
            return
        spans = self.query_one("#spans", OptionList)
        ids = [s.id for s in self.spans]
        spans.highlighted = ids.index(self.current) if self.current in ids else 0
        spans.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.spans[event.option_index].id)
