"""Bench: `reader compare` on aligned pairs of news-length documents, against `reader align`
on the same pairs (compare aligns, then reads numbers, ordinals, dates and names on both
sides of every bead, so the ratio is 1 + the reading's share; goal ≤ 2×).

The pairs are the seeds' translation pair, Arabic 000 and its English translation 004
(18 aligned paragraphs, ~600 words a side), each copy with fresh numbers, years and Latin
names planted in both documents (so no two pairs share a text and the alignment's cache
never answers), and in one pair of ten a changed number on the English side. Times are the
process's CPU time; the alignment cache is emptied between the two runs.

    .venv/bin/python bench/bench_compare.py            # 1,000 pairs
    .venv/bin/python bench/bench_compare.py --quick    # 20 pairs (for the test suite)

The last line is a JSON object with the figures.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.align import paragraphs as alignment_module  # noqa: E402
from reader.align.paragraphs import align_paragraphs  # noqa: E402
from reader.annotate.compare import compare_documents  # noqa: E402
from reader.annotate.compare.gazetteer import shipped  # noqa: E402
from reader.core.document import Document  # noqa: E402
from reader.core.loading import load_documents  # noqa: E402

LETTERS = "bcdfghklmnprstvz"
VOWELS = "aeiou"


def pairs(count: int, seed: int = 7) -> list[tuple[Document, Document]]:
    rng = random.Random(seed)
    seeds = {d.id[:3]: d for d in load_documents([]).documents}
    a_text, b_text = seeds["000"].text, seeds["004"].text
    made = []
    for k in range(count):
        name = "".join(rng.choice(LETTERS) + rng.choice(VOWELS) for _ in range(3)).title()
        year = str(rng.randint(1950, 2030))
        number = rng.randint(10, 99_999)
        other = number + 1 if k % 10 == 0 else number
        a = a_text.replace("2011", year).replace("Artemis", name) + f"\nوقال {name} إن الكلفة بلغت {number} دولار."
        b = b_text.replace("2011", year).replace("Artemis", name) + f"\n{name} said the cost reached {other} dollars."
        made.append((Document(id=f"a{k}", path=f"a{k}.txt", text=a, meta={"lang": "ar"}),
                     Document(id=f"b{k}", path=f"b{k}.txt", text=b, meta={"lang": "en"})))
    return made


def cpu(action) -> float:
    start = time.process_time()
    action()
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=1000)
    parser.add_argument("--quick", action="store_true", help="20 pairs")
    args = parser.parse_args()
    count = 20 if args.quick else args.pairs
    made = pairs(count)
    shipped()  # the gazetteer and lexicons load once per process: not per pair
    compare_documents(*pairs(1, seed=99)[0])
    alignment_module._recent.clear()
    wall = time.perf_counter()
    align_time = cpu(lambda: [align_paragraphs(a, b) for a, b in made])
    alignment_module._recent.clear()
    found: list[int] = []
    compare_time = cpu(lambda: found.extend(len(compare_documents(a, b).discrepancies) for a, b in made))
    wall = time.perf_counter() - wall
    ratio = compare_time / align_time
    print(f"pairs: {count} (000 ↔ 004 with planted names and numbers), wall {wall:.1f} s")
    print(f"reader align:   {align_time:.2f} s CPU ({1000 * align_time / count:.1f} ms a pair)")
    print(f"reader compare: {compare_time:.2f} s CPU ({1000 * compare_time / count:.1f} ms a pair), "
          f"{sum(found) / count:.1f} discrepancies a pair")
    print(f"ratio compare / align: {ratio:.2f} (goal ≤ 2)")
    print(orjson.dumps({"pairs": count, "align_s": round(align_time, 3), "compare_s": round(compare_time, 3),
                        "ratio": round(ratio, 3), "discrepancies_per_pair": round(sum(found) / count, 2)}).decode())


if __name__ == "__main__":
    main()
