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
