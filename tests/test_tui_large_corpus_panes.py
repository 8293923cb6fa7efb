"""A 10,000-document directory in the TUI: the first screen and a new pane read only
the documents they show (the others are listed, not read), and the language of a
document the catalog does not know is found without freezing the screen."""

from __future__ import annotations

import asyncio

from reader.commands.open import first_panes
from reader.core.lazy_loading import LazyCorpus
from reader.tui.app import ReaderApp

COUNT = 10_000


def _corpus(tmp_path) -> LazyCorpus:
    for n in range(COUNT):
        (tmp_path / f"doc{n:05d}.txt").write_text(f"Article {n}\n\nThe body of article {n}.\n", encoding="utf-8")
    return LazyCorpus([tmp_path])


def test_opening_a_pane_on_a_10k_document_directory_reads_only_the_documents_shown(tmp_path):
    corpus = _corpus(tmp_path)
    app = ReaderApp(corpus, first_panes(corpus, [str(tmp_path)]), db_path=None)

    def files_read() -> int:
        return sum(corpus.is_read(i) for i in range(len(corpus)))

    async def scenario() -> tuple[int, int, int]:
        async with app.run_test(size=(160, 40)) as pilot:
            await pilot.pause()
            at_start = files_read()
            await pilot.press("o")  # the chooser of documents to open
            await pilot.pause()
            await pilot.press("enter")  # its first row, in a new pane
            await pilot.pause()
            return at_start, files_read(), len(app.reading.panes)

    at_start, after_new_pane, panes = asyncio.run(scenario())
    assert panes == 2
    assert at_start == 1  # the document on screen
    assert after_new_pane == 2  # and the one the new pane shows: not all 10,000
