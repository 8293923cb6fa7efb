"""What a pane shows about itself and what a database brings back: the "done" mark, the
focus mark and border, `o` asking which document, and each document's cursor and the
open panes restored when the database is opened again."""

from __future__ import annotations

import asyncio

from annotate_support import create_db, wait_for, wait_for_store
from tui_support import app_for, screen_lines, write_docs

from reader.tui.widgets.pane import DONE_MARK, FOCUS_MARK


def run(coro):
    return asyncio.run(coro)


def docs(tmp_path, count=3):
    return write_docs(tmp_path, **{
        f"d{n}": "\n\n".join(f"Document {n} paragraph {i}: " + "text " * 12 for i in range(30)) + "\n"
        for n in range(count)
    })


def header_row(app) -> str:
    return screen_lines(app)[0]


def test_the_header_says_done_for_a_document_marked_done_also_after_reopening(tmp_path):
    paths = docs(tmp_path, 1)
    db = create_db(tmp_path / "a.db")

    async def mark():
        app = app_for(paths, [0], db_path=db, annotator="tester")
        async with app.run_test(size=(120, 30)) as pilot:
            await wait_for_store(pilot, app)
            assert DONE_MARK not in header_row(app)
            await pilot.press("D")  # doc-done
            await wait_for(pilot, lambda: DONE_MARK in header_row(app), "the done mark")
            await pilot.press("u")  # undone: the mark goes
            await wait_for(pilot, lambda: DONE_MARK not in header_row(app), "the mark to go")
            await pilot.press("D")
            await wait_for(pilot, lambda: DONE_MARK in header_row(app), "the done mark again")

    async def reopen():
        app = app_for(paths, [0], db_path=db, annotator="tester")
        async with app.run_test(size=(120, 30)) as pilot:
            await wait_for(pilot, lambda: DONE_MARK in header_row(app), "the done mark after reopening")

    run(mark())
    run(reopen())


def test_the_focused_pane_is_marked_in_its_header_and_border(tmp_path):
    paths = docs(tmp_path, 3)

    async def go():
        app = app_for(paths, [0, 1, 2])
        async with app.run_test(size=(150, 30)) as pilot:
            await pilot.pause()
            screen = app.reading

            def marked() -> list[bool]:
                return [FOCUS_MARK in header for header in header_row(app).split("▏")]

            def borders() -> list:
                return [pane.view.styles.border_left[1] for pane in screen.panes[1:]]

            assert marked() == [True, False, False]
            await pilot.press("tab")
            await pilot.pause()
            assert marked() == [False, True, False]
            focused, other = borders()
            assert focused != other  # the focused pane's border has its own colour
            await pilot.press("x")  # close the middle pane: the focus goes to the next one
            await pilot.pause()
            assert len(screen.panes) == 2 and marked() == [False, True]
            assert screen.panes[1].view.has_focus
            assert borders() == [focused]

    run(go())
