"""Folded search, word/sentence motions and "tag all like this" on a ~10 MB text made of
the bundled seed articles (Arabic, Italian, English; the Arabic also vocalized).

    .venv/bin/python bench/bench_search.py            # ~10 MB
    .venv/bin/python bench/bench_search.py --quick    # ~100 KB, for the test suite

References measured in the same run:
- folding (NormalizedText.build) against `str.casefold` over the same text;
- find_all against `re.finditer` of the bare literal over the raw text (no folding);
- 10,000 word/sentence questions at random offsets against 10,000 `str.find(" ", offset)`.
Exits 1 if building the folded text of the full size takes 1 s or more (not in --quick).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time

from reader.core.loading import load_documents
from reader.core.search import NormalizedText, find_all
from reader.annotate.like_this import suggest_like
from reader.core.textunits import next_word_start, prev_sentence_start, sentence_at, word_at

VOWELS = {"ا": "اَ", "ل": "لِ", "م": "مُ", "ن": "نّ"}


def corpus_text(size: int) -> str:
    """Seed articles repeated to `size` characters; every other Arabic copy vocalized."""
    seeds = load_documents([]).documents
    vocalized = seeds[0].text.translate(str.maketrans(VOWELS))
    block = "\n".join([d.text for d in seeds] + [vocalized]) + "\n"
    return (block * (size // len(block) + 1))[:size]


def best_of(runs: int, action) -> float:
    """The fastest of `runs` timings of `action()`, in seconds."""
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        action()
        times.append(time.perf_counter() - began)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a tiny size, for the test suite")
    args = parser.parse_args()
    size = 100_000 if args.quick else 10_000_000
    runs = 1 if args.quick else 3
    text = corpus_text(size)
    print(f"text: {len(text):,} characters")

    NormalizedText.build(text[:200_000])  # first sight of each character and numpy's import
    build = best_of(runs, lambda: NormalizedText.build(text))
    casefold = best_of(runs, text.casefold)
    print(f"fold+map {build:.3f}s  str.casefold {casefold:.3f}s  ratio {build / casefold:.1f}")

    from reader.core.search import normalized

    normalized(text)  # cached from here on, as in the reader
    query = "الصين"
    found = best_of(runs, lambda: find_all(text, query))
    raw = best_of(runs, lambda: list(re.finditer(re.escape(query), text)))
    hits = len(find_all(text, query))
    print(f"find_all {found:.3f}s ({hits} hits)  raw re.finditer {raw:.3f}s  ratio {found / raw:.1f}")

    rng = random.Random(7)
    offsets = [rng.randrange(len(text)) for _ in range(10_000)]

    def units() -> None:
        for o in offsets:
            word_at(text, o)
            next_word_start(text, o)
            sentence_at(text, o)
            prev_sentence_start(text, o)

    local = best_of(runs, units)
    finds = best_of(runs, lambda: [text.find(" ", o) for o in offsets])
    per_call = local / (4 * len(offsets)) * 1e6
    print(f"word/sentence questions {per_call:.1f} µs each  str.find {finds / len(offsets) * 1e6:.2f} µs each"
          f"  ratio {local / 4 / finds:.0f}")

    class Whole:
        id, lang = "bench", "ar"
        sha256 = normalized(text) and "bench-" + str(len(text))

    Whole.text = text
    suggest = best_of(1, lambda: suggest_like("الصين", "GPE", [Whole], aliases=["China", "Cina"]))
    count = len(suggest_like("الصين", "GPE", [Whole], aliases=["China", "Cina"]))
    print(f"suggest_like {suggest:.3f}s ({count} suggestions)  ratio to find_all {suggest / found:.1f}")
    if not args.quick and build >= 1.0:
        print(f"goal missed: folding {len(text):,} characters took {build:.2f}s (goal < 1 s)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
