"""LinkTypeChooser: how one claim relates to another (same, supports, contradicts)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList
from reader.tui.dialogs.choice_list import MarkedList

from reader.store.model import LINK_TYPES, Span
from reader.tui.dialogs.base import Dialog, field_label, key_hints, title
from reader.tui.dialogs.display import BidiText, clip
from reader.tui.bindings import LINK_TYPE_BINDINGS

#: What each link type means, and its key letter (digits 1-3 follow LINK_TYPES order).
LINK_TYPE_ROWS = {
    "same": ("s", "the two say the same thing"),
    "supports": ("p", "the first supports the second"),
    "contradicts": ("x", "the first contradicts the second"),
}
#: Longest claim text shown (characters): enough to recognise it.
CLAIM_SHOWN = 400


class LinkTypeChooser(Dialog[str]):
    """Shows both claims and three link types; s/p/x, 1/2/3 or arrows + enter choose.
    Dismisses with "same", "supports" or "contradicts", or None on escape."""

    BINDINGS = [*LINK_TYPE_BINDINGS]  # a list of its own: Textual types it list[Binding | tuple]

    def __init__(self, source: Span, target: Span, **kwargs) -> None:
        super().__init__(**kwargs)
        self.source = source
        self.target = target

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield title("Link two claims")
            yield field_label(f"First claim ({self.source.doc_id})")
            yield BidiText(clip(self.source.text, CLAIM_SHOWN), id="source-text")
            yield field_label(f"Second claim ({self.target.doc_id})")
            yield BidiText(clip(self.target.text, CLAIM_SHOWN), id="target-text")
            yield MarkedList([self._option(i, t) for i, t in enumerate(LINK_TYPES)], id="link-types")
            yield key_hints(("s/1", "same"), ("p/2", "supports"), ("x/3", "contradicts"),
                            ("↑↓ enter", "choose"), ("esc", "cancel"))

    @staticmethod
    def _option(index: int, link_type: str) -> Text:
        letter, meaning = LINK_TYPE_ROWS[link_type]
        return Text.assemble((f"{letter} {index + 1}  ", "bold"), (link_type, "bold"), f"  {meaning}")

    def on_mount(self) -> None:
        self.query_one("#link-types", OptionList).focus()

    def action_choose(self, link_type: str) -> None:
        """Close with `link_type`."""
        self.dismiss(link_type)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(LINK_TYPES[event.option_index])
