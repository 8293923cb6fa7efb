"""Bench: time to a usable library screen, the 5 seeds vs a generated 10k-document corpus.

"Usable" = documents loaded (the loading counts), 
LibraryScreen mounted in a headless Textual app, and its first rows painted (the first
document's id is on the screen). The corpus is written to a temporary directory: Arabic,
English and Italian sentences from the seeds, shuffled, 1-6 KB a file, no catalog entry
(so nothing knows a language in advance). Each size is timed `--repeat` times, the two
sizes taking turns; the median counts. Goal: ratio (10k / seeds) <= 2.
Two ways to load are timed: eager (reader.core.loading.load_documents reads every file)
and lazy (reader.core.lazy_loading.LazyCorpus lists the files, reads visible rows only).
The seeds are loaded eagerly in both cases (the reference).

    .venv/bin/python bench/bench_library.py            # seeds vs 10,000 documents
    .venv/bin/python bench/bench_library.py --quick    # seeds vs 300 (for the test suite)

The last line is a JSON object with the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from textual.app import App  # noqa: E402

from reader.core.bundled import seeds_dir  # noqa: E402
from reader.core.lazy_loading import LazyCorpus  # noqa: E402
from reader.core.loading import load_documents  # noqa: E402
from reader.tui.screens.library import DocumentList, LibraryScreen  # noqa: E402


def write_corpus(directory: Path, count: int, seed: int = 7) -> None:
    """`count` .txt files under `directory` (1,000 per subdirectory) made of seed sentences."""
    sentences = [
        line.strip()
        for path in sorted(seeds_dir().glob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    rng = random.Random(seed)
    for number in range(count):
        sub = directory / f"batch{number // 1000:02}"
        sub.mkdir(exist_ok=True)
        lines = rng.sample(sentences, k=min(len(sentences), rng.randint(3, 12)))
        (sub / f"article{number:05}.txt").write_text("\n\n".join(lines) + "\n", encoding="utf-8")


class LibraryBenchApp(App):
    def __init__(self, documents) -> None:
        super().__init__()
        self.documents = documents

    def on_mount(self) -> None:
        self.push_screen(LibraryScreen(self.documents))


def first_row_painted(app: App, doc_id: str) -> bool:
    screen = app.screen
    if not isinstance(screen, LibraryScreen):
        return False
    lines = ("".join(s.text for s in strip) for strip in screen._compositor.render_strips())
    return any(doc_id[-20:] in line for line in lines)


async def time_to_usable(paths: list[str], lazy: bool = False) -> tuple[float, int]:
    """Seconds from nothing to a painted library screen over `paths`, and the count.

    The garbage of the runs before is collected first: a user's reader starts in a
    fresh process, and the full collections that 10,000 eagerly loaded documents set
    off (15-25 ms each) would otherwise land in whichever run comes next."""
    gc.collect()
    start = time.perf_counter()
    documents = LazyCorpus(paths) if lazy else load_documents(paths).documents
    app = LibraryBenchApp(documents)
    async with app.run_test(size=(120, 40)) as pilot:
        while not first_row_painted(app, documents[0].id):
            await pilot.pause()
        elapsed = time.perf_counter() - start
        assert app.screen.query_one(DocumentList).rows[:1] == [0]
    return elapsed, len(documents)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="300 documents, 1 repeat")
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    count, repeat = (300, 1) if args.quick else (args.count, args.repeat)
    with tempfile.TemporaryDirectory(prefix="bench-library-") as temp:
        corpus = Path(temp)
        write_corpus(corpus, count)
        asyncio.run(time_to_usable([]))  # warm-up: imports, first Textual start
        seeds_times, eager_times, lazy_times = [], [], []
        for _ in range(repeat):
            seeds_times.append(asyncio.run(time_to_usable([]))[0])
            elapsed, loaded = asyncio.run(time_to_usable([str(corpus)]))
            eager_times.append(elapsed)
            lazy_times.append(asyncio.run(time_to_usable([str(corpus)], lazy=True))[0])
    seeds_t = statistics.median(seeds_times)
    eager_t, lazy_t = statistics.median(eager_times), statistics.median(lazy_times)
    print(f"seeds (5 documents, eager):         {seeds_t * 1000:8.1f} ms  (median of {repeat})")
    print(f"corpus ({loaded} documents, eager): {eager_t * 1000:8.1f} ms  ratio {eager_t / seeds_t:.2f}")
    print(f"corpus ({loaded} documents, lazy):  {lazy_t * 1000:8.1f} ms  ratio {lazy_t / seeds_t:.2f}  (goal <= 2)")
    print(orjson.dumps({"seeds_s": seeds_t, "eager_s": eager_t, "lazy_s": lazy_t, "documents": loaded,
                        "eager_ratio": eager_t / seeds_t, "ratio": lazy_t / seeds_t}).decode())
    return 0


if __name__ == "__main__":
    sys.exit(main())
