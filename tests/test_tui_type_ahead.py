"""Keys that arrive together (a paste, a fast typist, a burst over SSH) go to the text
field the first of them opens, in order, and run none of the bindings on their way."""

from __future__ import annotations

import asyncio

from textual import events

from annotate_support import EN, LiveStore, focused_view, wait_for, wait_for_store
from tui_support import app_for, write_docs

from reader.tui.screens.library import LibraryScreen
from reader.tui.widgets.search_bar import SearchBar

NAMES = {"/": "slash", " ": "space"}


def burst(app, text: str) -> None:
    """Post every key of ``text`` at once, as the terminal driver does with keys that
    arrive in one read: none is handled before the last is queued."""
    for ch in text:
        app.post_message(events.Key(NAMES.get(ch, ch), ch))


async def settle(pilot, rounds: int = 10) -> None:
    for _ in range(rounds):
        await pilot.pause(0.01)


def test_a_search_typed_in_one_burst_searches_and_triggers_nothing(tmp_path):
    async def go():
        paths = write_docs(tmp_path, en=EN, other="Another document about the moon.\n")
        app = app_for(paths, [0], db_path=tmp_path / "a.db")
        async with app.run_test(size=(100, 20)) as pilot:
            await wait_for_store(pilot, app)
            store = LiveStore(app)
            panes = len(app.reading.panes)
            # o opens a pane, s swaps, c tags a claim, x closes: none of it may happen.
            burst(app, "/Roscosmos cox")
            await wait_for(pilot, lambda: isinstance(app.focused, SearchBar), "the search bar")
            await settle(pilot)
            assert app.focused.value == "Roscosmos cox"
            assert len(app.reading.panes) == panes and not store.spans()
            app.focused.value = "Roscosmos"
            await pilot.press("enter")
            await settle(pilot)
            view = focused_view(app)
            assert view.document.text[view.cursor:].startswith("Roscosmos")

    asyncio.run(go())


def test_a_filter_typed_in_one_burst_on_the_library_keeps_every_key_in_order(tmp_path):
    async def go():
        paths = write_docs(tmp_path, a="Alpha.\n", b="Beta.\n", c="Gamma.\n")
        app = app_for(paths, [0], db_path=tmp_path / "a.db")
        async with app.run_test(size=(100, 20)) as pilot:
            await wait_for_store(pilot, app)
            await pilot.press("L")
            await wait_for(pilot, lambda: isinstance(app.screen, LibraryScreen), "the library")
            screen = app.screen
            await settle(pilot)
            # Typing on the list starts the filter; "/" (the filter key) and space (mark)
            # typed after it are text.
            burst(app, "al/ph a")
            await settle(pilot)
            assert screen.filter_input.value == "al/ph a"
            assert not screen.document_list.marked
            # The filter key itself, then a burst: the key opens the filter, the rest is text.
            await pilot.press("escape")
            screen.filter_input.value = ""
            await settle(pilot)
            burst(app, "/ b/c")
            await settle(pilot)
            assert screen.filter_input.value == " b/c"
            assert not screen.document_list.marked

    asyncio.run(go())


def test_a_name_typed_right_after_opening_the_entity_finder_reaches_its_query(tmp_path):
    async def go():
        import reader.tui.dialogs as dialogs

        paths = write_docs(tmp_path, en=EN)
        app = app_for(paths, [0], db_path=tmp_path / "a.db")
        async with app.run_test(size=(100, 20)) as pilot:
            await wait_for_store(pilot, app)
            await pilot.press("w", "w", "2")  # Roscosmos tagged ORG, the cursor on it
            await wait_for(pilot, lambda: len(LiveStore(app).spans()) == 1, "the span")
            # E opens the finder; the name typed with it arrives before the finder has
            # focused its query (which starts as the mention's text, selected).
            burst(app, "ERoskosmos")
            await wait_for(pilot, lambda: isinstance(app.screen, dialogs.EntityFinder), "the finder")
            await settle(pilot)
            assert app.screen.query_one("#query").value == "Roskosmos"

    asyncio.run(go())
