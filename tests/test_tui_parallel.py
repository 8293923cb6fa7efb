"""Parallel reading: the Arabic seed 000 beside its English translation 004 with sync on
(000's paragraph i is 004's i + 2, see tests/test_align_paragraphs.py), and the user's
decisions on relations, made in the library, kept in the database across a restart."""

from __future__ import annotations

import asyncio

from tui_support import app_for, screen_lines

from reader.tui.screens.reading import ALIGNED_STYLE, UNALIGNED_STYLE

SIZE = (160, 48)


def run(coro):
    return asyncio.run(coro)


async def wait_until(pilot, condition, timeout: float = 12.0) -> None:
    """Pause until ``condition()`` holds (alignment and relations come from threads)."""
    for _ in range(int(timeout / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    assert condition(), "the condition never held"


async def aligned_seeds(app, pilot):
    """The two panes (000, 004) once their alignment has landed, sync turned on, the
    parallel layout off (sync-scroll levels paragraphs of panes that scroll freely)."""
    screen = app.reading
    a, b = screen.panes
    await pilot.press("vertical_line")
    assert (a.document.id[:3], b.document.id[:3]) == ("000", "004")
    await wait_until(pilot, lambda: screen.partners(a.document, b.document).alignment is not None)
    await pilot.press("S")
    await pilot.pause()
    assert screen.sync
    return a.view, b.view


def is_bold_row(view, row: int) -> bool:
    """Whether every text segment of the view's rendered screen row ``row`` is bold."""
    segments = [s for s in view.render_line(row) if s.text.strip()]
    return bool(segments) and all(s.style is not None and s.style.bold for s in segments)


def test_moving_down_000_keeps_the_aligned_paragraph_of_004_level_and_highlighted():
    async def go():
        app = app_for()
        async with app.run_test(size=SIZE) as pilot:
            a, b = await aligned_seeds(app, pilot)
            paragraphs = len(a.document.paragraphs)
            levelled = 0
            for i in range(paragraphs):
                assert a.paragraph_index_at(a.cursor) == i
                partner = i + 2
                row_a, row_b = a.paragraph_row(i), b.paragraph_row(partner)
                if 0 < b.scroll_y < b.max_scroll_y:
                    assert row_b == row_a, f"paragraph {i}: 004's ¶{partner} on row {row_b}, 000's on {row_a}"
                    levelled += 1
                else:  # clamped at a document end: as near as it can be
                    assert b.scroll_y in (0, b.max_scroll_y)
                # The highlight follows the cursor: the partner only.
                assert b.paragraph_emphasis.get(partner) == ALIGNED_STYLE
                assert [j for j, s in b.paragraph_emphasis.items() if s == ALIGNED_STYLE] == [partner]
                if 0 <= row_b < b.scrollable_content_region.height:
                    assert is_bold_row(b, row_b), f"004's ¶{partner} is not drawn highlighted"
                    if row_b > 0:
                        assert not is_bold_row(b, row_b - 1)  # the gap or paragraph before it
                await pilot.press("ctrl+down")
                await pilot.pause()
            assert levelled >= paragraphs // 2  # most of the article is away from the ends

    run(go())


def test_unaligned_headline_and_navigation_of_004_are_dimmed_with_sync_on_only():
    async def go():
        app = app_for()
        async with app.run_test(size=SIZE) as pilot:
            a, b = await aligned_seeds(app, pilot)
            last = len(b.document.paragraphs) - 1  # "Previous Post Next Post"
            for j in (0, 1, last):
                assert b.paragraph_emphasis.get(j) == UNALIGNED_STYLE
            b.place_paragraph(last, 0)  # bring 004's navigation line on screen (004 follows, never leads)
            await pilot.pause()
            row = b.paragraph_row(last)
            assert 0 <= row < b.scrollable_content_region.height
            assert all(s.style.dim for s in b.render_line(row) if s.text.strip())
            await pilot.press("S")  # sync off: plain text again
            await pilot.pause()
            assert b.paragraph_emphasis == {} and a.paragraph_emphasis == {}
            assert not any(s.style and s.style.bold for s in b.render_line(row) if s.text.strip())
            # Still dim: "Previous Post Next Post" is boilerplate, dim whatever the sync
            # (reader.align.boilerplate.dimmed; docs/input.md).
            assert last in b.dimmed_paragraphs
            assert all(s.style.dim for s in b.render_line(row) if s.text.strip())

    run(go())


def test_jump_aligned_lands_on_the_highlighted_paragraph():
    async def go():
        app = app_for()
        async with app.run_test(size=SIZE) as pilot:
            a, b = await aligned_seeds(app, pilot)
            for _ in range(5):
                await pilot.press("ctrl+down")
            await pilot.pause()
            assert a.paragraph_index_at(a.cursor) == 5
            highlighted = [j for j, s in b.paragraph_emphasis.items() if s == ALIGNED_STYLE]
            assert highlighted == [7]
            await pilot.press("a")
            await pilot.pause()
            assert b.has_focus
            assert b.paragraph_index_at(b.cursor) == 7
            # Now 004 leads: 000's paragraph 5 is the highlighted one, level with the cursor's.
            assert [i for i, s in a.paragraph_emphasis.items() if s == ALIGNED_STYLE] == [5]
            if 0 < a.scroll_y < a.max_scroll_y:
                assert a.paragraph_row(5) == b.paragraph_row(7)

    run(go())


async def relations_dialog(app, pilot, row: int):
    """Open the library, highlight document ``row``, open its relations dialog."""
    from reader.tui.dialogs.relations import RelationsDialog

    await wait_until(pilot, lambda: app.relations_ready)
    await pilot.press("L")
    await wait_until(pilot, lambda: type(app.screen).__name__ == "LibraryScreen")
    library = app.screen
    library.document_list.move_cursor(to=row)
    await pilot.press("ctrl+r")
    await wait_until(pilot, lambda: isinstance(app.screen, RelationsDialog))
    return library, app.screen


def test_decisions_in_the_library_dialog_persist_across_a_restart(tmp_path):
    db = tmp_path / "annotations.db"

    async def decide():
        app = app_for(db_path=db)
        async with app.run_test(size=SIZE) as pilot:
            library, dialog = await relations_dialog(app, pilot, row=0)  # 000
            kinds = [(r.kind, app.relations.other(r, dialog.document.id)[:3]) for r in dialog.shown]
            assert kinds[:2] == [("duplicate", "001"), ("translation", "004")]
            # Each row: the relation on one screen line, its evidence on the next, whole.
            rows = screen_lines(app)
            first = next(i for i, line in enumerate(rows) if "undecided" in line and "duplicate" in line)
            assert "of word triples shared" in rows[first + 1] and "translation" in rows[first + 2]
            await pilot.press("c")  # confirm the duplicate
            await pilot.press("down", "r")  # reject the translation
            await pilot.pause()
            assert "confirmed" in dialog.relation_list.rows[0].plain
            assert "rejected" in dialog.relation_list.rows[1].plain
            await pilot.press("escape")
            await pilot.pause()
            # The library's column shows the confirmed duplicate, not the rejected translation.
            rows = screen_lines(app)
            assert any("≈ 001 duplicate ✓" in line for line in rows)
            await pilot.press("escape")
            await pilot.pause()

    async def reopen():
        app = app_for(db_path=db)
        async with app.run_test(size=SIZE) as pilot:
            await wait_until(pilot, lambda: app.store is not None and app.relations_ready)
            decisions = app.store.relation_decisions()
            assert sorted((k.split("|")[0][:3], k.split("|")[1][:3], k.split("|")[2], v)
                          for k, v in decisions.items()) == [
                ("000", "001", "duplicate", "confirmed"), ("000", "004", "translation", "rejected")]
            screen = app.reading
            a, b = screen.panes
            assert app.relations.pairing(a.document.id, b.document.id) == "rejected"
            # Rejected: the panes are not aligned, so sync highlights nothing.
            await pilot.press("S")
            await pilot.pause(0.5)
            assert screen.partners(a.document, b.document).alignment is None
            assert b.view.paragraph_emphasis == {}
            # The decision dialog shows both decisions again.
            _library, dialog = await relations_dialog(app, pilot, row=0)
            shown = {r.kind: row.plain for r, row in zip(dialog.shown, dialog.relation_list.rows)}
            assert "confirmed" in shown["duplicate"] and "rejected" in shown["translation"]
            assert dialog.shown[-1].kind == "translation"  # rejected ones are listed last

    run(decide())
    run(reopen())


def test_enter_in_the_relations_dialog_opens_both_side_by_side():
    async def go():
        app = app_for()
        async with app.run_test(size=SIZE) as pilot:
            _library, dialog = await relations_dialog(app, pilot, row=3)  # 003, Italian
            first = dialog.shown[0]
            other = app.relations.other(first, dialog.document.id)
            await pilot.press("enter")
            await wait_until(pilot, lambda: app.screen is app.reading
                             and dialog.document.id in [p.document.id for p in app.reading.panes])
            shown = [p.document.id for p in app.reading.panes]
            assert other in shown and dialog.document.id in shown

    run(go())


def test_a_decision_without_a_database_is_refused_with_a_message():
    async def go():
        app = app_for()
        async with app.run_test(size=SIZE) as pilot:
            _library, dialog = await relations_dialog(app, pilot, row=0)
            await pilot.press("c")
            await pilot.pause()
            assert "undecided" in dialog.relation_list.rows[0].plain
            assert app.relations.decisions == {}

    run(go())


def test_the_library_shows_each_documents_strongest_relation():
    async def go():
        app = app_for()
        async with app.run_test(size=SIZE) as pilot:
            await wait_until(pilot, lambda: app.relations_ready)
            await pilot.press("L")
            await wait_until(pilot, lambda: type(app.screen).__name__ == "LibraryScreen")
            await pilot.pause()
            rows = screen_lines(app)
            assert any("Related" in line for line in rows)
            assert any("⇄ 000 translation" in line for line in rows)  # 004's row
            assert any("≈ 001 duplicate +" in line for line in rows)  # 000's row

    run(go())


def test_the_parallel_reading_bench_runs_quick():
    import subprocess
    import sys
    from pathlib import Path

    bench = Path(__file__).resolve().parent.parent / "bench" / "bench_parallel.py"
    done = subprocess.run([sys.executable, str(bench), "--quick"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    ratio = next(line for line in done.stdout.splitlines() if line.startswith("ratio parallel / free"))
    assert float(ratio.split(":")[1]) > 0


def test_undoing_a_rejection_in_a_pane_aligns_the_panes_again(tmp_path):
    async def go():
        app = app_for(db_path=tmp_path / "annotations.db")
        async with app.run_test(size=SIZE) as pilot:
            await wait_until(pilot, lambda: app.relations_ready)
            screen = app.reading
            a, b = screen.panes
            translation = next(r for r in app.relations.of(a.document.id) if r.kind == "translation")
            app.decide_relation(translation, "rejected")
            await pilot.press("S")
            await pilot.pause(0.3)
            assert screen.partners(a.document, b.document).alignment is None
            await pilot.press("u")  # the pane's undo takes the rejection back
            await wait_until(pilot, lambda: screen.partners(a.document, b.document).alignment is not None)
            assert app.relations.pairing(a.document.id, b.document.id) is None
            await wait_until(pilot, lambda: b.view.paragraph_emphasis.get(2) == ALIGNED_STYLE)

    run(go())


# ---------------------------------------------------------------- the parallel layout


async def lined_up(app, pilot):
    """The seeds' two panes once the parallel layout holds them (the default)."""
    screen = app.reading
    await wait_until(pilot, lambda: "parallel" in screen_lines(app)[-2])
    a, b = (pane.view for pane in screen.panes)
    return a, b


def test_scrolling_either_pane_scrolls_both_row_for_row():
    async def go():
        app = app_for()
        async with app.run_test(size=SIZE) as pilot:
            a, b = await lined_up(app, pilot)
            assert a.paragraph_row(0) == b.paragraph_row(2)
            await pilot.press("pagedown")
            await pilot.pause()
            assert a.scroll_y > 0 and b.scroll_y == a.scroll_y
            await pilot.press("tab", "pagedown", "pagedown")  # now the English pane leads
            await pilot.pause()
            assert b.has_focus and b.scroll_y > 0 and a.scroll_y == b.scroll_y
            for i in range(len(a.document.paragraphs)):
                assert a.paragraph_row(i) == b.paragraph_row(i + 2), f"¶{i}"

    run(go())


def test_the_parallel_layout_key_turns_it_off_and_on_again():
    async def go():
        app = app_for()
        async with app.run_test(size=SIZE) as pilot:
            a, b = await lined_up(app, pilot)
            assert a.paragraph_row(0) == b.paragraph_row(2) > 0
            await pilot.press("vertical_line")  # parallel-layout in keymaps/default.toml
            await pilot.pause()
            assert "parallel" not in screen_lines(app)[-2]
            assert a.paragraph_row(0) == 0  # no blank rows for 004's titles any more
            await pilot.press("pagedown")
            await pilot.pause()
            assert a.scroll_y > 0 and b.scroll_y == 0  # free scrolling
            await pilot.press("vertical_line")
            await wait_until(pilot, lambda: "parallel" in screen_lines(app)[-2])
            await pilot.pause()
            assert b.scroll_y == a.scroll_y > 0
            assert a.paragraph_row(5) == b.paragraph_row(7)

    run(go())


def test_one_blank_row_between_paragraphs_whatever_the_file_has(tmp_path):
    """000 has no blank line between its paragraphs, the other file three: on screen
    both show exactly one blank row between paragraphs."""
    from tui_support import write_docs

    paths = write_docs(tmp_path, tight="First paragraph.\nSecond paragraph.\nThird.\n",
                       loose="First paragraph.\n\n\n\nSecond paragraph.\n\n\n\nThird.\n")

    async def go(path):
        app = app_for([path])
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            rows = [line.rstrip(" ▁▂▃▄▅▆▇█▉▊▋▌▍▎▏▐") for line in screen_lines(app)[1:7]]
            assert [r.strip() for r in rows] == ["First paragraph.", "", "Second paragraph.", "", "Third.", ""]

    for path in paths:
        run(go(path))


def test_a_new_terminal_size_keeps_the_panes_lined_up_where_the_reader_is():
    async def go():
        app = app_for()
        async with app.run_test(size=SIZE) as pilot:
            a, b = await lined_up(app, pilot)
            await pilot.press("tab")  # the English pane (on the right) leads
            for _ in range(17):
                await pilot.press("ctrl+down")  # 000's cursor stays at its top
            await pilot.pause()
            assert b.has_focus and b.scroll_y > 0
            await pilot.resize_terminal(130, 40)
            await wait_until(pilot, lambda: b.scroll_y == a.scroll_y and b.size.width < 70)
            await pilot.pause(0.3)
            assert b.scroll_y == a.scroll_y > 0  # not dragged back to 000's cursor at the top
            line = b.cursor_screen_line()
            assert b.scroll_y <= line < b.scroll_y + b.scrollable_content_region.height
            for i in range(len(a.document.paragraphs)):
                assert a.paragraph_row(i) == b.paragraph_row(i + 2), f"¶{i}"

    run(go())
