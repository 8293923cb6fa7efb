"""Notifications quote document text: no markup, no control characters, laid out."""

from __future__ import annotations

import asyncio

from reader.core.document import Document
from reader.tui.app import ReaderApp


def test_notifications_show_document_text_safely(tmp_path):
    doc = Document("d", str(tmp_path / "d.txt"), "hello world\n")

    async def scenario() -> list[str]:
        app = ReaderApp([doc], [0], db_path=None)
        async with app.run_test(size=(100, 30)) as pilot:
            app.notify("tagged “\x1b[31m[bold]روسيا\x1b]0;x\x07” as ORG")
            await pilot.pause()
            return [str(n.message) for n in app._notifications]  # noqa: SLF001 - what is shown

    messages = asyncio.run(scenario())
    shown = next(m for m in messages if "ORG" in m)
    assert "\x1b" not in shown and "\x07" not in shown
    assert "[bold]" in shown  # literal, not markup
    assert "ﺎﻴﺳﻭﺭ" in shown  # روسيا shaped and in display order


def _status_after(tmp_path, terminal_bidi: str, **fields: str) -> str:
    doc = Document("d", str(tmp_path / "d.txt"), "hello world\n")

    async def scenario() -> str:
        app = ReaderApp([doc], [0], db_path=None, terminal_bidi=terminal_bidi)
        async with app.run_test(size=(140, 30)) as pilot:
            await pilot.pause()
            screen = app.reading
            if "mode" in fields:
                screen.set_annotation_mode(fields["mode"])
            if "annotator" in fields:
                screen.set_annotator(fields["annotator"])
            await pilot.pause()
            from reader.tui.widgets.status_line import StatusLine

            return str(screen.query_one(StatusLine).render())

    return asyncio.run(scenario())


def test_the_status_line_lays_out_what_it_quotes_and_shows_no_control_character(tmp_path):
    # A pending claim link quotes the claim; the annotator's name may be Arabic too.
    status = _status_after(tmp_path, "app", mode="linking claim “وقعت روسيا\x1b[31m”", annotator="رنا")
    assert "\x1b" not in status
    assert "ﺎﻴﺳﻭﺭ ﺖﻌﻗﻭ" in status  # shaped, in display order
    assert "ﺎﻧﺭ" in status and "وقعت" not in status
    # A terminal that does its own bidi gets logical order, still without controls.
    logical = _status_after(tmp_path, "terminal", mode="linking claim “وقعت روسيا\x1b[31m”")
    assert "وقعت روسيا" in logical and "\x1b" not in logical
