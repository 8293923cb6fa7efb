"""Boilerplate left in a text (a doubled title, "Previous Post Next Post") is drawn dim,
never removed: the text and its offsets stay what the file says."""

from __future__ import annotations

import asyncio

from reader.align.boilerplate import dimmed
from tui_support import app_for, write_docs


def test_navigation_lines_and_a_doubled_title_are_marked_and_nothing_else():
    texts = ["Russia and China build a lunar station", "Russia and China build a lunar station",
             "Russia and China signed an agreement on Tuesday.", "Details", "Previous Post Next Post",
             "اقرأ أيضا: ناسا تؤجل مهمتها", "Russia and China signed an agreement on Tuesday."]
    assert dimmed(texts) == [False, True, False, False, True, True, False]


def test_the_pane_draws_boilerplate_dim_and_keeps_it_in_the_text(tmp_path):
    text = ("Russia and China build a lunar station\n\nRussia and China build a lunar station\n\n"
            "Russia and China signed an agreement on Tuesday to build a station.\n\nPrevious Post Next Post\n")
    paths = write_docs(tmp_path, page=text)

    async def go():
        app = app_for(paths, shown=[0])
        async with app.run_test(size=(100, 20)) as pilot:
            await pilot.pause()
            view = app.reading.panes[0].view
            assert view.document.text == text  # nothing deleted
            rows = {}
            for y in range(view.size.height):
                strip = view.render_line(y)
                line = "".join(segment.text for segment in strip).strip()
                if line:
                    rows.setdefault(line, []).append(
                        any(segment.style is not None and segment.style.dim for segment in strip if segment.text.strip()))
            assert rows["Russia and China build a lunar station"] == [False, True]
            assert rows["Previous Post Next Post"] == [True]
            assert rows["Russia and China signed an agreement on Tuesday to build a station."] == [False]

    asyncio.run(go())
