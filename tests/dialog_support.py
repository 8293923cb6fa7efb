"""Helpers for the dialog tests: a bare App that shows one dialog and records its result."""

from __future__ import annotations

import asyncio
from typing import Any

from textual.app import App
from textual.screen import Screen

#: Marks "the dialog has not been dismissed yet" (None is a real result: cancelled).
PENDING = object()


class DialogHost(App):
    """Pushes `dialog` on mount; `result` is what it dismissed with (PENDING until then)."""

    def __init__(self, dialog: Screen, **kwargs) -> None:
        super().__init__(**kwargs)
        self.dialog = dialog
        self.result: Any = PENDING

    def on_mount(self) -> None:
        self.push_screen(self.dialog, self._record)

    def _record(self, result: Any) -> None:
        self.result = result


def run(coro, timeout: float = 60):
    """Run a test coroutine; a dialog that crashes or hangs fails the test instead of hanging it."""
    return asyncio.run(asyncio.wait_for(coro, timeout))


def screen_text(app: App) -> str:
    """Everything the terminal would show, rows joined by newlines."""
    return "\n".join("".join(s.text for s in strip) for strip in app.screen._compositor.render_strips())


async def drive(dialog: Screen, *keys: str, size=(100, 40)) -> tuple[Any, str]:
    """Show `dialog`, press `keys`, and return (its result or PENDING, the screen text
    just before the last key)."""
    app = DialogHost(dialog)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        shown = screen_text(app)
        for key in keys:
            shown = screen_text(app) if app.result is PENDING else shown
            await pilot.press(key)
            await pilot.pause()
        return app.result, shown
