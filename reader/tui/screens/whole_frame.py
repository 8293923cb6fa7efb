"""WholeFrame: mixed into a Screen, it keeps the screen, once it has painted itself
whole, from painting again what that frame already showed.

Textual paints a screen whole when it first shows it (and at a new size), then repaints
it whole once more, and repaints every widget that asked for it while being mounted
(the requests reach the screen after the frame), and lays it out again for each Resize
event of the size it already has (three at start-up). None of that shows anything new:
on the reading screen it was ~10 ms of CPU between the first frame and the first key
handled. The overrides below (of Textual 8's Screen internals) drop that work and
nothing else: a change made after the frame posts its own repaint as usual.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual._time import get_time  # the clock of Message.time

if TYPE_CHECKING:
    from textual import events, messages
    from textual.geometry import Size
    from textual.screen import Screen

    # The type checker sees the Screen the mixin always goes with (and checks the
    # overrides against it); at run time it is a plain mixin (see below).
    _ScreenBase = Screen
else:
    _ScreenBase = object


class WholeFrame(_ScreenBase):
    """Mix into a Screen subclass, before Screen: no repaints after a whole frame (see
    the module). A mixin, not a Screen subclass: each Textual class costs ~0.3 ms to
    create at import, which the reader pays before its first paint."""

    #: When the screen was last painted whole (see _painted_whole).
    _painted_whole_at = float("-inf")

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # Runs before Screen's own handler, which lays the screen out and paints it whole
        # when its size changed (its first showing included), then asks for another
        # whole repaint, needed only when it did not just paint (back from a dialog).
        if self._size != self.app.size:
            self.call_next(self._painted_whole)

    def _painted_whole(self) -> None:
        """The screen was just painted whole: drop the repaints asked for before that."""
        self._painted_whole_at = get_time()
        # What Widget.refresh() set on the screen: the flag and the regions; and on the
        # widgets that asked before the frame, their flag (each would post an Update at
        # its next idle).
        self._repaint_required = False
        self._dirty_regions.clear()
        self._repaint_regions.clear()
        from textual.widget import Widget  # loaded with the screen already

        for widget in self.walk_children(Widget, with_self=False):
            widget._repaint_required = False
            for scrollbar in (widget._vertical_scrollbar, widget._horizontal_scrollbar):
                if scrollbar is not None:  # not a child in the DOM
                    scrollbar._repaint_required = False

    # Screen's handler is a coroutine; Textual calls a handler either way, and this one
    # has nothing to await.
    def _on_update(self, message: messages.Update) -> None:  # type: ignore[override]  # (see above)
        # A widget's repaint asked for before the whole screen was painted is done;
        # stopping it here keeps Screen's handler from queueing it (a later change
        # posts a new one). Message.time and get_time are the same clock.
        if message.time <= self._painted_whole_at:
            message.stop()
            message.prevent_default()

    def _screen_resized(self, size: Size) -> None:
        """Textual's reaction to a Resize of the screen: a layout pass and a repaint,
        skipped when the screen is laid out at that size already."""
        if size != self._compositor.size:
            super()._screen_resized(size)
