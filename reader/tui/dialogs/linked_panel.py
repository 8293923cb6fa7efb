"""LinkedPanel: everything linked to the span under the cursor, in every document."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from reader.tui.dialogs.choice_list import MarkedList

from reader.store.model import ClaimLink, Span
from reader.tui.dialogs.base import Dialog, document_title, documents_by_id, key_hints, title
from reader.tui.dialogs.display import clip, screen_line, snippet_in

TITLE_SHOWN = 30
NAME_SHOWN = 60
CLAIM_SHOWN = 80
#: How a claim link reads from the span's side: it is the source (→) or the target (←).
ARROWS = {True: "→", False: "←"}


@dataclass(frozen=True, slots=True)
class LinkedRow:
    """One row of the panel: what it shows and where enter jumps."""

    doc_id: str
    offset: int
    prompt: Text


class LinkedPanel(Dialog[tuple]):
    """For an entity mention: its corpus entity (name, type, aliases) and every mention of
    it in every document (title, text, context). For a claim: its claim links (type,
    direction, the other claim's document and text). `store` is an AnnotationStore;
    `documents` maps doc_id to a loaded Document (the store's DocumentRecord is used
    for the others). Enter dismisses with (doc_id, start offset) of the row, escape
    with None."""

    DEFAULT_CSS = """
    LinkedPanel #linked { max-height: 30; }
    LinkedPanel #summary { margin-bottom: 1; }
    """

    def __init__(self, span: Span, store, documents=None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.span = store.span(span.id) or span
        self.store = store
        self.documents = documents_by_id(documents)
        self.summary = Text()
        self.rows: list[LinkedRow] = []

    def _gather(self) -> None:
        """Fill `summary` and `rows` from the store (the layout order needs the running app)."""
        self.rows = []
        if self.span.kind == "claim":
            self._claim_links()
        else:
            self._entity_mentions()

    # -- what is linked --------------------------------------------------------------------
    def _document(self, doc_id: str):
        return self.documents.get(doc_id) or self.store.document(doc_id)

    def _where(self, doc_id: str) -> Text:
        return screen_line(clip(document_title(self._document(doc_id), doc_id), TITLE_SHOWN),
                           order=self.order, style="dim")

    def _entity_mentions(self) -> None:
        entity = self.store.entity(self.span.entity_id) if self.span.entity_id else None
        if entity is None:
            self.summary = Text("This mention is not linked to a corpus entity (E links it).")
            return
        summary = Text("Entity ")
        summary.append_text(screen_line(clip(entity.name, NAME_SHOWN), order=self.order, style="bold"))
        summary.append(f" ({entity.type})")
        if entity.aliases:
            summary.append("\nalso: ")
            for i, alias in enumerate(entity.aliases):
                if i:
                    summary.append(" · ")
                summary.append_text(screen_line(clip(alias, NAME_SHOWN), order=self.order, style="italic"))
        mentions = [s for s in self.store.spans(kind="entity") if s.entity_id == entity.id]
        summary.append(f"\n{len(mentions)} mention{'s' if len(mentions) != 1 else ''} "
                       f"in {len({s.doc_id for s in mentions})} document(s)")
        self.summary = summary
        for mention in mentions:
            row = Text("▸ " if mention.id == self.span.id else "  ", style="bold")
            row.append_text(self._where(mention.doc_id))
            row.append("  ")
            row.append_text(self._in_context(mention, self.row_room(row.cell_len)))
            self.rows.append(LinkedRow(mention.doc_id, mention.start, row))

    def _in_context(self, span: Span, room: int) -> Text:
        """`span` in a snippet of its document (the span emphasised), or its text alone,
        in at most about `room` cells (see Dialog.row_room)."""
        text = getattr(self._document(span.doc_id), "text", None)
        if text is not None and text[span.start:span.end] == span.text:
            shown, start, end = snippet_in(text, span.start, span.end, room)
        else:
            shown = clip(span.text, room)
            start, end = 0, min(len(shown), len(span.text))
        return screen_line(shown, order=self.order, emphasis=(start, end))

    def _claim_links(self) -> None:
        links: list[ClaimLink] = [l for l in self.store.links() if self.span.id in (l.source, l.target)]
        self.summary = Text.assemble("Claim ", (f"linked {len(links)} time{'s' if len(links) != 1 else ''}", "bold"))
        for link in sorted(links, key=lambda l: (l.type, l.created)):
            outgoing = link.source == self.span.id
            other = self.store.span(link.target if outgoing else link.source)
            if other is None:
                continue  # the store removes links with their spans; nothing to jump to
            row = Text.assemble((f"{link.type:<12}{ARROWS[outgoing]} ", "bold"))
            row.append_text(self._where(other.doc_id))
            row.append("  ")
            row.append_text(screen_line(clip(other.text, min(CLAIM_SHOWN, self.row_room(row.cell_len))),
                                        order=self.order))
            self.rows.append(LinkedRow(other.doc_id, other.start, row))

    # -- layout and events -----------------------------------------------------------------
    def compose(self) -> ComposeResult:
        self._gather()
        heading = Text("Linked to ")
        heading.append_text(screen_line("«" + clip(self.span.text, NAME_SHOWN) + "»", order=self.order))
        with Vertical(id="dialog"):
            yield title(heading)
            yield Static(self.summary, id="summary", markup=False)
            if self.rows:
                yield MarkedList([r.prompt for r in self.rows], id="linked")
            yield key_hints(("↑↓", "move"), ("enter", "go there"), ("esc", "close"))

    def on_mount(self) -> None:
        if self.rows:
            listing = self.query_one("#linked", OptionList)
            listing.highlighted = 0
            listing.focus()

    def refit_rows(self) -> None:
        self._gather()
        listing = self.query_one("#linked", MarkedList)
        for index, row in enumerate(self.rows):
            listing.set_row(index, row.prompt)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        row = self.rows[event.option_index]
        self.dismiss((row.doc_id, row.offset))
