"""Helpers for the annotation tests: an app on a real database, typing, waiting."""

from __future__ import annotations

import asyncio
from pathlib import Path

from reader.tui.app import ReaderApp


def keys_for(text: str) -> list[str]:
    """Pilot key names that type ``text`` (a space is "space")."""
    return ["space" if ch == " " else ch for ch in text]


async def wait_for(pilot, condition, what: str, tries: int = 600) -> None:
    """Pause until ``condition()`` holds; AssertionError naming ``what`` if it never does."""
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError(f"timed out waiting for {what}")


async def wait_for_store(pilot, app: ReaderApp) -> None:
    """Wait until the app can annotate: its database is open, or will be created by the
    first change (a database file that does not exist yet)."""
    await wait_for(pilot, lambda: app.annotation.store is not None or app.annotation.opener is not None,
                   "the annotation store")


def create_db(path: Path) -> Path:
    """An empty annotation database at ``path`` (so the app opens it at start)."""
    from reader.store.database import AnnotationStore

    AnnotationStore.open(path, annotator="setup").close()
    return path


class LiveStore:
    """The app's store as it is now (None until the first change creates a new database:
    then no spans, entities or links)."""

    def __init__(self, app: ReaderApp) -> None:
        self.app = app

    def __getattr__(self, name: str):
        store = self.app.annotation.store
        if store is None:
            if name in ("spans", "entities", "links"):
                return lambda *args, **kwargs: []
            raise AssertionError(f"no store yet (asked for {name})")
        return getattr(store, name)


async def search(pilot, app: ReaderApp, query: str) -> None:
    """Search ``query`` in the focused pane with / (as a user types it)."""
    from reader.tui.widgets.search_bar import SearchBar

    await pilot.press("slash")
    await wait_for(pilot, lambda: isinstance(app.focused, SearchBar), "the search bar")
    bar = app.focused
    bar.value = ""
    await pilot.press(*keys_for(query))
    await pilot.press("enter")
    await wait_for(pilot, lambda: not isinstance(app.focused, SearchBar), "the search to run")


def focused_view(app: ReaderApp):
    panes = app.reading.panes
    return panes[app.reading.focused_index()].view


def doc_by_prefix(app: ReaderApp, prefix: str):
    return next(d for d in app.documents if d.id.startswith(prefix))


async def focus_doc(pilot, app: ReaderApp, prefix: str) -> None:
    """Tab until the pane of the document whose id starts with ``prefix`` has the focus."""
    for _ in range(len(app.reading.panes) + 1):
        if focused_view(app).document.id.startswith(prefix):
            return
        await pilot.press("tab")
        await pilot.pause()
    raise AssertionError(f"no pane shows {prefix}")


def run(coroutine) -> None:
    asyncio.run(coroutine)


def screen_text(app: ReaderApp) -> str:
    return "\n".join("".join(s.text for s in strip) for strip in app.screen._compositor.render_strips())


def tmp_db(tmp_path: Path) -> Path:
    return tmp_path / "annotations.db"


#: Short texts the annotation tests tag: an English claim with an entity, its Arabic twin.
EN = "The agency Roscosmos said on Monday that the budget ranks third.\n\nA second paragraph follows here.\n"
AR = "قالت وكالة روسكوزموس إن الميزانية تحتل المرتبة الثالثة.\n"


def cells_with(view, attribute: str) -> str:
    """Text of every visible cell of `view` drawn with `attribute` (italic, underline...)."""
    found = []
    for y in range(view.size.height):
        for segment in view.render_line(y):
            if segment.style is not None and getattr(segment.style, attribute):
                found.append(segment.text)
    return "".join(found)
