"""CurationApp: what `reader curate DB` opens, the curation screen on a gold database.

The store is opened by the command before the app starts (a locked or damaged database is
reported without a screen) and closed by it afterwards; the keymap is the reader's (the
`curate` group of reader.tui.bindings, remappable like every other binding).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import App

from reader.annotate.curation import Curation
from reader.tui.bindings import APP_BINDINGS
from reader.tui.keymap_mixin import KeymapMixin
from reader.tui.screens.curate import CurateScreen
from reader.tui.terminal import BidiModeSwitch, TerminalBidi, driver_with_bidi_mode

if TYPE_CHECKING:
    from reader.tui.keymap import ResolvedKeymap

#: The app-wide keys that make sense here (no library, no invisibles).
_APP_IDS = ("quit", "help", "suspend", "redraw")


class CurationApp(KeymapMixin, App):
    TITLE = "reader curate"
    BINDINGS = [b for b in APP_BINDINGS if b.id in _APP_IDS]

    def __init__(self, curation: Curation, *, title: str = "", keymap: ResolvedKeymap | None = None,
                 terminal_bidi: TerminalBidi = "app") -> None:
        self.bidi_mode = BidiModeSwitch(terminal_bidi)
        super().__init__()
        self.curation = curation
        self.title_text = title
        # Not `_keymap`: that is Textual's own (App.set_keymap) and must stay a mapping.
        self._resolved_keymap = keymap

    def get_driver_class(self):
        return driver_with_bidi_mode(super().get_driver_class(), self.bidi_mode)

    def get_default_screen(self) -> CurateScreen:
        order = "visual" if self.bidi_mode.terminal_bidi == "app" else "logical"
        return CurateScreen(self.curation, self.title_text, order=order)

    def on_mount(self) -> None:
        if self._resolved_keymap is not None:
            self.apply_resolved_keymap(self._resolved_keymap)

    def action_help(self) -> None:
        from reader.tui.screens.help import HelpScreen

        self.push_screen(HelpScreen())

    def action_redraw(self) -> None:
        self.refresh(layout=True)
        self.screen.refresh()
