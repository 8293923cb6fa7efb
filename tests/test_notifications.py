"""Notifications (toasts) are laid out as paragraphs are: wrapped to the toast's width in
logical order, then each line reordered (a long Arabic notice starts on its first line,
at the right edge), and they never cover the status line (Pilot, real toasts)."""

from __future__ import annotations

import asyncio

import pytest

from reader.bidi.layout import layout_texts
from reader.core.document import Document
from reader.tui.app import ReaderApp, toast_text_width
from tui_support import screen_lines

NOTICE = ("وقعت روسيا والصين اتفاقية لبناء محطة أبحاث القمر الدولية التي تدور حول القمر، "
          "حسبما أعلنت وكالتا الفضاء في البلدين.")


def _toasts(app):
    from textual.widgets._toast import Toast

    return [n for n in app.screen.walk_children(with_self=False) if isinstance(n, Toast)]


async def _shown(pilot, app):
    for _ in range(100):
        await pilot.pause(0.05)
        toasts = _toasts(app)
        if toasts and toasts[0].content_region.width:
            return toasts[0]
    raise AssertionError("no toast")


@pytest.mark.parametrize("width", [80, 101, 160])
def test_the_toast_text_width_is_what_a_toast_holds(tmp_path, width):
    async def go():
        app = ReaderApp([Document("d", str(tmp_path / "d.txt"), "hello\n")], [0], db_path=None)
        async with app.run_test(size=(width, 30), notifications=True) as pilot:
            app.notify("x")
            toast = await _shown(pilot, app)
            assert toast.content_region.width == toast_text_width(width)

    asyncio.run(go())


def test_a_long_arabic_notice_starts_on_its_first_line_at_the_right_edge(tmp_path):
    async def go():
        app = ReaderApp([Document("d", str(tmp_path / "d.txt"), "hello\n")], [0], db_path=None)
        async with app.run_test(size=(100, 30), notifications=True) as pilot:
            app.notify(NOTICE)
            toast = await _shown(pilot, app)
            await pilot.pause(0.2)
            x, y, w, h = toast.content_region
            rows = [line[x:x + w] for line in screen_lines(app)[y:y + h]]
            rtl, expected = layout_texts(NOTICE, w)
            assert rtl and len(expected) > 1
            assert [row.strip() for row in rows] == [text for text, *_ in expected]
            assert rows[0].endswith(expected[0][0])  # against the right edge

    asyncio.run(go())


def test_a_toast_never_covers_the_pending_step_on_the_status_line(tmp_path):
    async def go():
        app = ReaderApp([Document("d", str(tmp_path / "d.txt"), "hello world\n")], [0], db_path=None)
        async with app.run_test(size=(100, 30), notifications=True) as pilot:
            await pilot.pause()
            from reader.tui.widgets.status_line import StatusLine

            status = app.reading.query_one(StatusLine)
            app.reading.set_annotation_mode("linking claim “the station is open” (C on the other claim)")
            app.notify("a notice")
            await _shown(pilot, app)
            await pilot.pause(0.2)
            row = screen_lines(app)[status.region.y]
            assert str(status.render()) in row

    asyncio.run(go())
