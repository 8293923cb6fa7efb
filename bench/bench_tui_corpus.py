"""Bench: `reader DIR` on a 10,000-document directory against the seeds: time to the
first paint and peak memory, each in a fresh headless process.

The child builds what `reader PATH` builds (a LazyCorpus, the first panes) and runs the
ReaderApp headless (120x30) until its first-paint callback, then waits for the work it
starts after the paint (the pane headers' language, found in another process) and
reports: wall and CPU seconds from the process start to the first paint, and its own
peak resident size (VmHWM) at the first paint and once that work is done. The 10k
documents are short English articles with no catalog entry (so their language is
unknown, as for any user corpus). Sizes take turns; median of --repeat runs. Goal
(issue 20): first paint on 10k <= 2x the seeds'.

    .venv/bin/python bench/bench_tui_corpus.py [--count 10000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import asyncio, sys, time
start = time.perf_counter()
from reader.commands.open import first_panes
from reader.core.lazy_loading import LazyCorpus
from reader.tui.app import ReaderApp

def peak():
    return int([l for l in open('/proc/self/status') if l.startswith('VmHWM:')][0].split()[1])

paths = sys.argv[1:]
corpus = LazyCorpus(paths)
app = ReaderApp(corpus, first_panes(corpus, paths), db_path=None)
seen = {}
original = app._after_first_paint
def at_first_paint():
    seen["wall"], seen["cpu"], seen["peak"] = time.perf_counter() - start, time.process_time(), peak()
    original()
app._after_first_paint = at_first_paint

async def go():
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        for _ in range(1200):  # until every pane header shows its language (60 s at most)
            if all(pane.header.lang != "\u2026" for pane in app.reading.panes):
                break
            await asyncio.sleep(0.05)
        seen["known"] = time.perf_counter() - start
asyncio.run(go())
print(seen["wall"], seen["cpu"], seen["peak"], peak(), seen["known"])
"""


def run(paths: list[str]) -> list[float]:
    out = subprocess.run([sys.executable, "-c", CHILD, *paths], capture_output=True, text=True, check=True, cwd=tempfile.gettempdir())
    return [float(x) for x in out.stdout.split()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for n in range(args.count):
            fd = os.open(os.path.join(tmp, f"doc{n:05d}.txt"), os.O_WRONLY | os.O_CREAT, 0o644)
            os.write(fd, f"Article {n}\n\nThe body of article {n}, about the lunar research station.\n".encode())
            os.close(fd)
        figures: dict[str, list[list[float]]] = {"seeds": [], "corpus": []}
        for _ in range(args.repeat):
            figures["seeds"].append(run([str(ROOT / "seeds")]))
            figures["corpus"].append(run([tmp]))
    medians = {name: [statistics.median(column) for column in zip(*rows)] for name, rows in figures.items()}
    for name, label in (("seeds", "seeds (5 documents)"), ("corpus", f"{args.count:,} documents")):
        wall, cpu, paint_kb, end_kb, known = medians[name]
        print(f"{label}: first paint {wall:.2f} s wall, {cpu:.2f} s CPU; languages shown at {known:.2f} s; "
              f"peak {paint_kb / 1024:.0f} MB at the first paint, {end_kb / 1024:.0f} MB once the languages are shown")
    print(f"ratio {args.count:,} / seeds, first paint: {medians['corpus'][0] / medians['seeds'][0]:.2f} wall, "
          f"{medians['corpus'][1] / medians['seeds'][1]:.2f} CPU (goal <= 2)")


if __name__ == "__main__":
    main()
