"""The library shows what pages say of themselves: title, site, date, language; lazily."""

from __future__ import annotations

import asyncio

from news_pages import arabic_page, english_page
from reader.bidi.layout import layout_paragraph
from reader.core.lazy_loading import LazyCorpus
from reader.tui.screens.library import LibraryScreen
from test_library import LibraryApp, rows_text


def test_the_library_shows_a_pages_title_site_date_and_language(tmp_path):
    arabic, english = arabic_page(), english_page()
    (tmp_path / "a.html").write_bytes(arabic.bytes())
    (tmp_path / "b.html").write_bytes(english.bytes())
    corpus = LazyCorpus([tmp_path])

    async def go():
        app = LibraryApp(corpus)
        async with app.run_test(size=(140, 20)) as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, LibraryScreen)
            text = rows_text(app)
            # The Arabic headline laid out for the screen (reordered, shaped), not the markup's <title>.
            assert layout_paragraph(arabic.meta["title"], None).lines[0].text in text
            assert english.meta["title"] in text and "| Space Daily Wire" not in text
            rows = [line for line in text.splitlines() if english.meta["title"] in line]
            assert rows and " en " in rows[0]
            status = str(screen.query_one("#library-status").render())
            assert "2021-03-10" in status and arabic.meta["url"] in status
            assert layout_paragraph(arabic.meta["site"], None).lines[0].text in status
            await pilot.press("down")
            status = str(screen.query_one("#library-status").render())
            assert "Space Daily Wire · 2021-03-10" in status
            # The filter finds a page by its site.
            await pilot.press("/", *"daily")
            await pilot.pause()
            assert [corpus[i].id for i in screen.document_list.rows] == ["b"]

    asyncio.run(go())


async def read_ahead_done(app) -> None:
    """Wait for the library's read-ahead workers only (not language detection)."""
    for worker in [w for w in app.workers if w.group == "library-read-ahead"]:
        await worker.wait()


def test_the_library_reads_the_next_screen_ahead_and_no_further(tmp_path):
    # Text files: read ahead like pages (which cost ~10 ms each to extract), quicker to test.
    for number in range(120):
        (tmp_path / f"p{number:03}.txt").write_text(f"Headline {number}\n\nBody of article {number}.\n", encoding="utf-8")
    corpus = LazyCorpus([tmp_path])

    async def go():
        app = LibraryApp(corpus)
        async with app.run_test(size=(100, 24)) as pilot:
            await pilot.pause()
            await read_ahead_done(app)
            screen = app.screen
            height = screen.document_list.scrollable_content_region.height
            read = [i for i in range(len(corpus)) if corpus.is_read(i)]
            # The rows on screen, and as many again below them: nothing more.
            assert read == list(range(2 * height))
            await pilot.press("pagedown")
            await pilot.pause()
            await read_ahead_done(app)
            assert max(i for i in range(len(corpus)) if corpus.is_read(i)) < 4 * height
            assert all(corpus[i].title == f"Headline {i}" for i in range(2 * height))

    asyncio.run(go())
