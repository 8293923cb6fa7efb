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


def test_o_asks_which_document_to_open_related_ones_first(tmp_path):
    body = ("Russia and China signed an agreement to build the International Lunar Research "
            "Station (ILRS), said Roscosmos and the CNSA on 9 March 2021.")
    paths = write_docs(tmp_path, a_first=body + "\n", b_other="Tomatoes grow best in warm soil.\n",
                       c_copy=body + "\n", d_more="Another unrelated page about gardens.\n")

    async def go():
        from reader.tui.dialogs.document_chooser import DocumentChooser

        app = app_for(paths, shown=[0])
        async with app.run_test(size=(160, 30)) as pilot:
            await wait_for(pilot, lambda: app.relations_ready, "relations")
            await pilot.press("o")
            await wait_for(pilot, lambda: isinstance(app.screen, DocumentChooser), "the chooser")
            assert len(app.reading.panes) == 1  # nothing opened yet
            rows = app.screen.rows
            assert [r.doc_id for r in rows] == ["c_copy", "b_other", "d_more"]  # related first
            assert "duplicate" in rows[0].relation
            shown = "\n".join(screen_lines(app))
            assert "c_copy" in shown and "duplicate" in shown and "d_more" in shown
            await pilot.press("escape")
            await pilot.pause()
            assert len(app.reading.panes) == 1  # escape opens nothing
            await pilot.press("o")
            await wait_for(pilot, lambda: isinstance(app.screen, DocumentChooser), "the chooser")
            await pilot.press("down", "down", "enter")
            await wait_for(pilot, lambda: len(app.reading.panes) == 2, "the new pane")
            assert [p.document.id for p in app.reading.panes] == ["a_first", "d_more"]
            assert app.reading.panes[1].view.has_focus and FOCUS_MARK in header_row(app).split("▏")[1]

    run(go())


def test_reopening_the_database_restores_the_open_panes_and_each_cursor(tmp_path):
    paths = docs(tmp_path, 3)
    db = create_db(tmp_path / "a.db")
    left: dict[str, int] = {}

    async def first_session():
        app = app_for(paths, [0], db_path=db, annotator="tester")
        async with app.run_test(size=(160, 30)) as pilot:
            await wait_for(pilot, lambda: app.store is not None, "the database")
            await pilot.press("ctrl+down", "ctrl+down", "ctrl+down", "w")
            for _ in range(2):  # open d1 and d2 next to d0
                await pilot.press("o")
                await pilot.pause()
                await pilot.press("enter")
                await wait_for(pilot, lambda: app.screen is app.reading, "the chooser to close")
            await pilot.press("ctrl+down", "w", "w")  # in d2
            await pilot.press("shift+tab")  # d1
            await pilot.press("ctrl+down", "ctrl+down")
            await pilot.press("shift+tab", "s")  # d0 moves right of d1: d1 d0 d2
            await pilot.pause()
            panes = app.reading.panes
            assert [p.document.id for p in panes] == ["d1", "d0", "d2"]
            left.update({p.document.id: p.view.cursor for p in panes})
            assert all(left.values())
            await pilot.press("q")

    async def second_session():
        app = app_for(paths, [2], db_path=db, annotator="tester")
        async with app.run_test(size=(160, 30)) as pilot:
            await wait_for(pilot, lambda: [p.document.id for p in app.reading.panes] == ["d1", "d0", "d2"],
                           "the panes of the last session")
            await pilot.pause()
            assert {p.document.id: p.view.cursor for p in app.reading.panes} == left
            # Close d2 and quit: the next session shows d1 and d0, and d2 opens on its cursor.
            await pilot.press("tab", "tab", "x")
            await pilot.pause()
            await pilot.press("q")

    async def third_session():
        app = app_for(paths, [2], db_path=db, annotator="tester")
        async with app.run_test(size=(160, 30)) as pilot:
            await wait_for(pilot, lambda: [p.document.id for p in app.reading.panes] == ["d1", "d0"],
                           "two panes")
            await pilot.press("o")
            await pilot.pause()
            await pilot.press("enter")
            await wait_for(pilot, lambda: len(app.reading.panes) == 3, "d2 again")
            assert app.reading.panes[2].view.cursor == left["d2"]

    run(first_session())
    run(second_session())
    run(third_session())
