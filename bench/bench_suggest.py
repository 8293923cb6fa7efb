"""Suggestions (dates, quantities, known entities) on ~10 MB of news text, against the
search fold of the same text.

    .venv/bin/python bench/bench_suggest.py            # ~10 MB
    .venv/bin/python bench/bench_suggest.py --quick    # ~100 KB, for the test suite

The text is the bundled seed articles repeated (Arabic, Italian, English; every other
Arabic copy vocalized), one document. Reference measured in the same run: building the
folded text with its offset map (`NormalizedText.build`, what search does once per
document). The suggestion time includes that fold (its own, uncached) and every
recognizer: the rules and 50 known entities. Goal: at most 3x the fold.
Peak memory of the process is printed too (the rules hold one folded copy of the text).
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_search import best_of, corpus_text  # noqa: E402

from reader.annotate.suggestions import recognizers, suggest_document  # noqa: E402
from reader.core import search  # noqa: E402
from reader.core.document import Document  # noqa: E402
from reader.core.search import NormalizedText  # noqa: E402
from reader.store.model import Entity  # noqa: E402

GOAL = 3.0
ENTITIES = [
    Entity("ORG", "Roscosmos", aliases=["روسكوزموس", "Roskosmos"]),
    Entity("ORG", "NASA", aliases=["ناسا"]),
    Entity("GPE", "China", aliases=["الصين", "Cina"]),
    Entity("GPE", "Russia", aliases=["روسيا", "Russia"]),
    Entity("PERSON", "Dmitry Rogozin", aliases=["دميتري روجوزين", "Rogozin"]),
] + [Entity("PERSON", f"Person {i}", aliases=[f"Nome{i} Cognome{i}"]) for i in range(45)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a tiny size, for the test suite")
    args = parser.parse_args()
    size = 100_000 if args.quick else 10_000_000
    runs = 1 if args.quick else 3
    text = corpus_text(size)
    document = Document("bench", "/bench.txt", text, meta={"lang": "ar"})
    print(f"text: {len(text):,} characters")
    NormalizedText.build(text[:200_000])  # first sight of each character and numpy's import
    found = recognizers(entities=ENTITIES)

    def suggest() -> list:
        search._CACHE.clear()  # the fold is part of the work measured
        return suggest_document(document, found)

    fold = best_of(runs, lambda: NormalizedText.build(text))
    took = best_of(runs, suggest)
    count = len(suggest())
    ratio = took / fold
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"suggest {took:.3f}s ({count:,} suggestions)  fold {fold:.3f}s  ratio {ratio:.1f} (goal <= {GOAL:.0f})")
    print(f"peak memory {peak_mb:.0f} MB")
    if not args.quick and ratio > GOAL:
        print("over the goal", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
