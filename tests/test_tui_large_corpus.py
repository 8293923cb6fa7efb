"""`reader DIR` on a large corpus: files are read when shown, not when the corpus opens."""

from __future__ import annotations

import asyncio

from reader.commands.open import first_panes
from reader.core.lazy_loading import LazyCorpus
from reader.tui.app import AUTO_RELATIONS_MAX, ReaderApp


def test_a_large_corpus_opens_and_lists_without_reading_every_file(tmp_path):
    count = AUTO_RELATIONS_MAX + 200
    for n in range(count):
        (tmp_path / f"doc{n:05d}.txt").write_text(f"Article {n}\n\nThe body of article {n}.\n", encoding="utf-8")
    corpus = LazyCorpus([tmp_path])
    app = ReaderApp(corpus, first_panes(corpus, [str(tmp_path)]), db_path=None)

    async def scenario() -> tuple[int, int]:
        async with app.run_test(size=(120, 30)) as pilot:
            await pilot.pause()
            read_at_start = sum(corpus.is_read(i) for i in range(len(corpus)))
            await pilot.press("L")  # the library
            await pilot.pause()
            read_with_library = sum(corpus.is_read(i) for i in range(len(corpus)))
            return read_at_start, read_with_library

    at_start, with_library = asyncio.run(scenario())
    assert at_start == 1  # the one document on screen
    assert with_library < 100  # the visible rows only, not all 1,200
    assert app.relations_ready  # not searched automatically at this size: said, not pending
