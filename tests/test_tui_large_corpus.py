"""`reader DIR` on a large corpus: files are read when shown, not when the corpus opens."""

from __future__ import annotations

import asyncio
from pathlib import Path

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


def test_on_a_large_corpus_the_palette_offers_the_relation_search_and_it_finds_a_duplicate(tmp_path):
    count = AUTO_RELATIONS_MAX + 20
    for n in range(count):
        words = " ".join(f"w{(n * 7919 + k * 104729) % 100003}" for k in range(60))
        (tmp_path / f"doc{n:05d}.txt").write_text(f"Article {n}\n\n{words}.\n", encoding="utf-8")
    # A near-duplicate of the seed article 000 (re-wrapped: 001) in the corpus.
    seeds = Path(__file__).resolve().parent.parent / "seeds"
    for seed in ("000", "001"):
        source = next(seeds.glob(f"{seed}_*.txt"))
        (tmp_path / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    corpus = LazyCorpus([tmp_path])
    app = ReaderApp(corpus, first_panes(corpus, [str(tmp_path)]), db_path=None)

    async def scenario() -> tuple[list[str], list[str], bool]:
        async with app.run_test(size=(120, 30)) as pilot:
            await pilot.pause()
            before = [command.title for command in app.get_system_commands(app.screen)]
            app.action_find_relations()
            await app.workers.wait_for_complete()
            await pilot.pause()
            after = [command.title for command in app.get_system_commands(app.screen)]
            return before, after, app.relations_searched

    before, after, searched = asyncio.run(scenario())
    assert "Find relations" in before
    assert searched and "Find relations" not in after
    duplicates = [r for r in app.relations.relations if r.kind == "duplicate"]
    pair = {d for r in duplicates for d in (r.a, r.b)}
    assert any(i.startswith("000") for i in pair) and any(i.startswith("001") for i in pair), duplicates
