"""Minimal stand-ins until reader.tui.screens.help / .library are installed.

They show the bindings and the loaded documents; the real screens replace them
(ReaderApp imports those first).
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static


class BindingsScreen(ModalScreen[None]):
    """Every binding id, its keys and what it does; escape or q closes."""

    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close")]
    DEFAULT_CSS = "BindingsScreen > Static { width: 80%; height: 80%; border: round $primary; overflow-y: auto; }"

    def __init__(self, app: Any) -> None:
        super().__init__()
        self._reader_app = app

    def compose(self) -> ComposeResult:
        from reader.tui.app import binding_rows

        text = Text()
        for group, binding in binding_rows():
            text.append(f"{group:8} {binding.id or '':20} {binding.key:28} {binding.description}\n")
        yield Static(text)


class DocumentListScreen(ModalScreen[Any]):
    """The loaded documents; enter returns the highlighted one, escape nothing."""

    BINDINGS = [Binding("escape", "dismiss_none", "Back")]
    DEFAULT_CSS = "DocumentListScreen > OptionList { width: 80%; height: 80%; border: round $primary; }"

    def __init__(self, documents: list[Any]) -> None:
        super().__init__()
        self.documents = documents

    def compose(self) -> ComposeResult:
        from reader.tui.widgets.pane import screen_text

        yield OptionList(*(Text(f"{d.id}  {screen_text(d.title)}") for d in self.documents))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.documents[event.option_index])

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
