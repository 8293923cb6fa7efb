"""Keys typed ahead of a focus change go to the text field being opened.

A key that opens a text field (``/`` for search, the library's filter) moves the focus
only after Textual has handled it, and Textual forwards every key to the widget that has
the focus *when the key arrives*. Keys that arrive together (a paste, a fast typist, a
burst over SSH) are all forwarded before the first is handled, so the rest of
``/Roscosmos`` reached the document pane: ``o`` opened a pane, ``s`` swapped panes, ``c``
tagged a claim. `TypeAheadMixin` hands such keys to the field instead:

* a field opened with `focus_for_typing` receives the printable keys that reach the app
  until the focus moves somewhere else;
* an Input keeps every printable key it is given, so a printable key that bubbles up to
  the app while an Input has the focus was aimed at the widget before it: it goes to
  the Input too.

Keys other than printable ones are left alone: the bindings the app then checks are
those of the focus chain it has by then (the field's, once it has the focus).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import events
from textual.widgets import Input

if TYPE_CHECKING:
    from textual.app import App

    # The type checker sees the App this is mixed into; at run time it is a plain mixin.
    _AppBase = App[Any]
else:
    _AppBase = object


def focus_for_typing(field: Input) -> None:
    """Focus ``field``, and give it the keys typed before the focus gets there."""
    app = field.app
    if isinstance(app, TypeAheadMixin):
        app.type_ahead_target = field
    field.focus()


class TypeAheadMixin(_AppBase):
    """Mix into an App, before any other mixin with an ``on_key``: it must see the keys
    first (it stops those it hands on, so nothing else runs for them)."""

    #: The field opened by `focus_for_typing`, until the focus goes elsewhere.
    type_ahead_target: Input | None = None

    def on_key(self, event: events.Key) -> None:
        if not (event.is_printable and event.character):
            return
        target = self._typing_into()
        if target is None:
            return
        event.stop()
        event.prevent_default()  # none of the bindings of the widget it was forwarded to
        target.post_message(events.Key(event.key, event.character))

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if event.widget is not self.type_ahead_target:
            self.type_ahead_target = None  # the user went elsewhere

    def _typing_into(self) -> Input | None:
        focused = self.focused
        if isinstance(focused, Input):
            return focused
        target = self.type_ahead_target
        if target is not None and not target.is_attached:  # closed before it got the focus
            self.type_ahead_target = target = None
        return target
