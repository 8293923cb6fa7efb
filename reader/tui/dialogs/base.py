"""The frame every dialog shares: centred box, title, key hints, escape cancels."""

from __future__ import annotations

from collections.abc import Mapping

from typing import TypeVar

from rich.text import Text
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.tui.dialogs.display import app_order
from reader.tui.bindings import DIALOG_BINDINGS

T = TypeVar("T")


class Dialog(ModalScreen[T]):
    """A modal that dismisses with its result, or None on escape (dialog-cancel).

    Highlighted rows are bold as well as coloured, and focused fields are framed, so
    the dialog reads in 16 colours and under NO_COLOR (Textual turns colours to greys).
    """

    BINDINGS = [*DIALOG_BINDINGS]  # a list of its own: Textual types it list[Binding | tuple]

    DEFAULT_CSS = """
    Dialog { align: center middle; }
    Dialog > #dialog {
        width: 90%; max-width: 110; height: auto; max-height: 95%;
        border: round $primary; background: $surface; padding: 0 1;
    }
    Dialog .dialog-title { text-style: bold; margin-bottom: 1; }
    Dialog .dialog-keys { color: $text-muted; margin-top: 1; }
    Dialog .field-label { text-style: bold; margin-top: 1; }
    Dialog OptionList { height: auto; max-height: 12; }
    Dialog OptionList > .option-list--option-highlighted { text-style: bold; }
    """

    @property
    def order(self) -> str:
        """"visual" or "logical": how the app lays out bidi text (see ReaderApp.order)."""
        return app_order(self.app)

    #: The terminal's width when rows were last fitted with `row_room` (None: never).
    _fitted_width: int | None = None

    def row_room(self, used: int) -> int:
        """Cells left in a row of a list in this dialog after ``used`` cells, at the
        terminal's width now (``#dialog`` takes 90% of it, at most 110). Text at the end
        of a row is clipped to this in logical order: a list cuts its rows at the right
        edge, which is where a right-to-left text *starts*."""
        self._fitted_width = self.app.size.width
        width = min(110, self._fitted_width * 9 // 10)
        return max(8, width - ROW_FRAME - used)

    def on_resize(self) -> None:
        """Rows fitted with `row_room` are made again when the terminal's width changed."""
        if self._fitted_width is not None and self._fitted_width != self.app.size.width:
            self.refit_rows()

    def refit_rows(self) -> None:
        """Make the list's rows again for the present width (dialogs using `row_room`)."""

    def action_cancel(self) -> None:
        """Close the dialog without a result."""
        self.dismiss(None)


#: Cells of a dialog's width that a list row cannot use: the dialog's border and padding
#: (4), the list's border (2), its scrollbar (2) and the row's mark (2).
ROW_FRAME = 10


def title(text: str | Text) -> Static:
    """The dialog's heading (plain Text: never parsed as markup)."""
    return Static(text if isinstance(text, Text) else Text(text), classes="dialog-title", markup=False)


def key_hints(*pairs: tuple[str, str]) -> Static:
    """A line of "key action" hints under the dialog's content."""
    line = Text()
    for i, (key, action) in enumerate(pairs):
        if i:
            line.append(" · ")
        line.append(key, "bold")
        line.append(f" {action}")
    return Static(line, classes="dialog-keys", markup=False)


def field_label(text: str) -> Static:
    """A field's label inside a form."""
    return Static(Text(text), classes="field-label", markup=False)


def documents_by_id(documents) -> Mapping:
    """`documents` (a mapping doc_id → document, or an iterable of documents with `.id`)
    as a dict by id. Documents are reader.core Documents or the store's DocumentRecords:
    anything with `.id`, `.text` and `.title`."""
    if documents is None:
        return {}
    if hasattr(documents, "items"):
        return documents  # a mapping already (a DocumentsById reads on demand: keep it)
    return {d.id: d for d in documents}


def document_title(document, fallback: str) -> str:
    """The document's title, else `fallback` (its id)."""
    found = getattr(document, "title", "") if document is not None else ""
    return found.strip() if isinstance(found, str) and found.strip() else fallback
