"""Panes side by side: open, close, swap, focus, cycle when narrow, sync-scroll."""

from __future__ import annotations

import asyncio

from tui_support import app_for, screen_lines, write_docs


def run(coro):
    return asyncio.run(coro)


def _docs(tmp_path, count=3, paragraphs=40):
    texts = {
        f"d{n}": "\n\n".join(f"Document {n} paragraph {i}: " + "text " * 12 for i in range(paragraphs)) + "\n"
        for n in range(count)
    }
    return write_docs(tmp_path, **texts)


def test_seeds_open_with_the_arabic_article_and_its_english_translation_side_by_side():
    async def go():
        app = app_for()
        async with app.run_test(size=(160, 48)):
            ids = [pane.document.id for pane in app.reading.panes]
            assert ids == ["000_f1f32abe7cdf177d", "004_d7cbc5efb14dccd9"]
            assert all(pane.region.width > 0 for pane in app.reading.panes)

    run(go())


def test_add_swap_and_close_panes(tmp_path):
    paths = _docs(tmp_path)

    async def go():
        app = app_for(paths, shown=[0])
        async with app.run_test(size=(160, 40)) as pilot:
            screen = app.reading
            await pilot.press("o")  # a chooser: enter opens its first row
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            assert [p.document.id for p in screen.panes] == ["d0", "d1"]
            assert screen.panes[1].view.has_focus
            await pilot.press("o")
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            assert len(screen.panes) == 3
            await pilot.press("tab")  # from the third pane back to the first
            assert screen.panes[0].view.has_focus
            await pilot.press("s")
            await pilot.pause()
            assert [p.document.id for p in screen.panes] == ["d1", "d0", "d2"]
            assert screen.panes[1].view.has_focus  # focus travels with the moved pane's slot
            await pilot.press("x")
            await pilot.pause()
            assert [p.document.id for p in screen.panes] == ["d1", "d2"]
            await pilot.press("x", "x")
            await pilot.pause()
            assert len(screen.panes) == 1  # the last pane stays

    run(go())


def test_narrow_terminal_shows_only_the_focused_pane_and_tab_cycles(tmp_path):
    paths = _docs(tmp_path, count=2)

    async def go():
        app = app_for(paths)
        async with app.run_test(size=(80, 24)) as pilot:
            screen = app.reading
            assert len(screen.panes) == 2
            await pilot.pause()
            first, second = screen.panes
            assert first.display and first.region.width == 80
            assert second.region.width == 0
            assert any("Document 0 paragraph 0" in line for line in screen_lines(app))
            await pilot.press("tab")
            await pilot.pause()
            assert second.view.has_focus and second.region.width == 80 and first.region.width == 0
            assert any("Document 1 paragraph 0" in line for line in screen_lines(app))
            await pilot.resize_terminal(160, 24)
            await pilot.pause()
            assert first.region.width > 0 and second.region.width > 0

    run(go())


def test_sync_scroll_keeps_the_partner_paragraph_level_with_the_cursor_paragraph(tmp_path):
    a, b = write_docs(
        tmp_path,
        a="\n\n".join(f"Short {i}." for i in range(100)) + "\n",
        b="\n\n".join(f"Longer paragraph {i} " + "word " * 30 for i in range(100)) + "\n",
    )

    async def go():
        app = app_for([a, b])
        async with app.run_test(size=(160, 40)) as pilot:
            screen = app.reading
            left, right = (pane.view for pane in screen.panes)
            await pilot.press("vertical_line")  # the parallel layout off: free scrolling
            await pilot.press("pagedown", "pagedown")
            await pilot.pause()
            assert left.top_paragraph > 5 and right.top_paragraph == 0  # independent so far
            await pilot.press("S")
            await pilot.pause()
            for keys in ([], ["pagedown"], ["ctrl+down"] * 3):
                await pilot.press(*keys)
                await pilot.pause()
                anchor = left.paragraph_index_at(left.cursor)
                partner = screen.partners(left.document, right.document).partner(anchor)
                assert partner > 0
                assert right.paragraph_row(partner) == left.paragraph_row(anchor)
            await pilot.press("S")
            top = right.top_paragraph
            await pilot.press("pagedown")
            await pilot.pause()
            assert right.top_paragraph == top  # off again: the right pane stays

    run(go())


def test_jump_aligned_moves_the_other_pane_cursor_to_the_aligned_paragraph(tmp_path):
    a, b = write_docs(
        tmp_path,
        a="\n\n".join(f"Alpha {i}." for i in range(20)) + "\n",
        b="\n\n".join(f"Beta {i}." for i in range(20)) + "\n",
    )

    async def go():
        app = app_for([a, b])
        async with app.run_test(size=(160, 40)) as pilot:
            left, right = (pane.view for pane in app.reading.panes)
            await pilot.press(*["ctrl+down"] * 7)
            assert left.paragraph_index_at(left.cursor) == 7
            await pilot.press("a")
            await pilot.pause()
            expected = app.reading.partners(left.document, right.document).partner(7)
            assert right.paragraph_index_at(right.cursor) == expected
            assert right.has_focus

    run(go())
