"""Benchmark `align_paragraphs` on long documents: the work must grow linearly.

Seed 000 (Arabic) and its English translation 004, each repeated K times (every copy's
paragraphs numbered, so no two are alike), aligned at two sizes, K and 4K copies. The
reference is the smaller size in the same run: linear time gives a ratio of ~4 for 4
times the paragraphs (the programme before the band was capped gave ~10 and more, and
two documents of 100,000 paragraphs each did not finish in 2 minutes). The alignment of
every copy is checked to be the same (one 1-1 bead per body paragraph).

Run: .venv/bin/python bench/bench_align.py [--copies 60] [--quick]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.align.paragraphs import align_paragraphs  # noqa: E402
from reader.core.document import Document  # noqa: E402
from reader.core.loading import load_documents  # noqa: E402


def pair(copies: int) -> tuple[Document, Document]:
    seeds = {d.id[:3]: d for d in load_documents([]).documents}
    sides = []
    for seed, lang in (("000", "ar"), ("004", "en")):
        lines = [f"{p.text} {copy}" for copy in range(copies) for p in seeds[seed].paragraphs]
        sides.append(Document(f"{seed}x{copies}", f"{seed}.txt", "\n".join(lines) + "\n", {"lang": lang}))
    return sides[0], sides[1]


def timed(copies: int) -> tuple[float, int, int, int]:
    a, b = pair(copies)
    _ = a.paragraphs, b.paragraphs, a.sha256, b.sha256  # not what is measured
    start = time.perf_counter()
    result = align_paragraphs(a, b)
    return time.perf_counter() - start, len(a.paragraphs), len(b.paragraphs), len(result.pairs)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=60, help="copies of the seed pair at the smaller size")
    parser.add_argument("--quick", action="store_true", help="tiny sizes (for the smoke test)")
    args = parser.parse_args()
    copies = 3 if args.quick else args.copies
    results = []
    for k in (copies, 4 * copies):
        seconds, n, m, pairs = timed(k)
        results.append(seconds)
        print(f"{n:,} x {m:,} paragraphs: {seconds:.2f} s ({seconds / n * 1000:.2f} ms per paragraph of A), {pairs:,} pairs")
    print(f"ratio 4x paragraphs / 1x: {results[1] / results[0]:.2f} (linear: ~4)")


if __name__ == "__main__":
    main()
