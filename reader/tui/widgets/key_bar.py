"""KeyBar: the bottom line naming the main keys of what is active now.

It shows what Textual's ``Footer`` shows (the active bindings marked ``show``, one per
action, in the order of the focus chain, then the command palette key on the right),
as ONE widget drawing one line of text. The ``Footer`` builds a widget per key and
rebuilds them all on every change of bindings (~17 ms each time: when the bindings are
first known, again when the keymap is applied, at each focus change); the bar only
repaints, and it shows the keys in the very first frame.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from rich.style import Style
from rich.text import Text
from textual import events
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.screen import Screen

#: Separates the command palette key (right) from the others, as the Footer does.
PALETTE_SEPARATOR = "▏"
DISABLED = Style(dim=True)


class KeyLabel(NamedTuple):
    """One key as shown: the key to press (as Textual displays it), what it does,
    whether it is enabled now, and the key Textual simulates when it is clicked."""

    display: str
    description: str
    enabled: bool
    key: str


def main_keys(screen: Screen) -> tuple[list[KeyLabel], KeyLabel | None]:
    """The keys the bar shows on ``screen``: the active bindings marked ``show`` (the
    first key of each action, focused widget first), and the command palette key
    (None when the app has no palette or the key is not bound)."""
    app = screen.app
    active = screen.active_bindings
    shown: list[KeyLabel] = []
    actions: set[str] = set()
    for _node, binding, enabled, _tooltip in active.values():
        if binding.show and binding.action not in actions:
            actions.add(binding.action)
            shown.append(KeyLabel(app.get_key_display(binding), binding.description, enabled, binding.key))
    palette = None
    if app.ENABLE_COMMAND_PALETTE:
        found = active.get(app.COMMAND_PALETTE_BINDING)
        if found is not None:
            _node, binding, enabled, _tooltip = found
            palette = KeyLabel(app.get_key_display(binding), binding.description, enabled, binding.key)
    return shown, palette


class KeyBar(Widget):
    """The main keys of the active bindings on one line (docked at the bottom).

    The keys are read from ``screen.active_bindings`` at the first paint and again when
    the screen's bindings change (focus moved, keymap applied), repainting only if the
    keys shown changed. A click on a key presses it.
    """

    COMPONENT_CLASSES = {"key-bar--key", "key-bar--description", "key-bar--separator"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom; height: 1;
        color: $footer-foreground; background: $footer-background;
    }
    KeyBar > .key-bar--key {
        color: $footer-key-foreground; background: $footer-key-background; text-style: bold;
    }
    KeyBar > .key-bar--description {
        color: $footer-description-foreground; background: $footer-description-background;
    }
    KeyBar > .key-bar--separator { color: $foreground 20%; }
    """

    def __init__(self) -> None:
        super().__init__()
        #: The keys shown (see main_keys); None until the first paint reads them.
        self._keys: tuple[list[KeyLabel], KeyLabel | None] | None = None
        #: (first cell, end cell, key) of each key drawn by the last paint, for clicks.
        self._hits: list[tuple[int, int, str]] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        # Repaint only when what is shown changes: the signal also comes when nothing
        # did (right after the first paint, at focus moves between the panes).
        keys = main_keys(self.screen)
        if keys != self._keys:
            self._keys = keys
            self.refresh()

    def render(self) -> Text:
        """The keys as plain Text (descriptions are ours, but never read as markup),
        cut at the right edge before the palette key."""
        width = self.size.width
        if self._keys is None:
            self._keys = main_keys(self.screen)
        keys, palette = self._keys
        key_style = self.get_component_rich_style("key-bar--key")
        description_style = self.get_component_rich_style("key-bar--description")
        palette_text = Text(no_wrap=True, overflow="crop")
        if palette is not None:
            palette_text.append(PALETTE_SEPARATOR, self.get_component_rich_style("key-bar--separator"))
            palette_text.append(palette.display, key_style)
            palette_text.append(f" {palette.description}", description_style)
            palette_text.append(" ")
        room = max(0, width - palette_text.cell_len)
        text = Text(no_wrap=True, overflow="crop", end="")
        hits: list[tuple[int, int, str]] = []
        for label in keys:
            start = text.cell_len
            if start >= room:
                break
            # A disabled key (its action cannot run here now) is dimmed, as in the Footer.
            dim = None if label.enabled else DISABLED
            text.append(f" {label.display} ", key_style + dim)
            text.append(f"{label.description} ", description_style + dim)
            hits.append((start, min(room, text.cell_len), label.key))
        text.truncate(room, pad=True)
        if palette is not None:
            hits.append((room, width, palette.key))
            text.append_text(palette_text)
        self._hits = hits
        return text

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._hits:
            if start <= event.x < end:
                event.stop()
                self.app.simulate_key(key)
                return
