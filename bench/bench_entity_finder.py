"""The entity finder ranks on every keystroke: how long one ranking takes for a corpus of
N entities (each with a Latin name and two aliases, one of them Arabic).

    .venv/bin/python bench/bench_entity_finder.py            # 10,000 entities
    .venv/bin/python bench/bench_entity_finder.py --quick    # 500, for the test suite

References measured in the same run:
- building the index (once per dialog) against folding the same names with `fold` alone;
- one ranking (`EntityIndex.rank`, per keystroke) against a plain substring filter over
  the folded names (what a finder without fuzzy matching would do).
Exits 1 if a ranking over the full size takes 50 ms or more (not in --quick).
"""

from __future__ import annotations

import argparse
import random
import sys
import time

from reader.annotate.entity_finder import EntityIndex, fold_name
from reader.store.model import Entity

LATIN = ["ros", "cos", "mos", "chi", "na", "lu", "na", "sta", "tion", "ag", "en", "cy", "mar", "ko", "vi", "ta"]
ARABIC = ["رو", "س", "كو", "ز", "مو", "ال", "صي", "ن", "قم", "ر", "وكا", "لة", "فض", "اء"]
QUERIES = ["Roscosmos", "روسكوزموس", "Roskosmos", "ros", "وكالة الفضاء", "station agency", "xq"]


def entities(count: int, seed: int = 7) -> list[Entity]:
    """`count` made-up entities: a Latin name, a Latin variant and an Arabic alias each."""
    rng = random.Random(seed)
    made = []
    for n in range(count):
        name = "".join(rng.choice(LATIN) for _ in range(rng.randint(2, 5))).title()
        variant = name.replace("c", "k").replace("o", "u")
        arabic = "".join(rng.choice(ARABIC) for _ in range(rng.randint(2, 5)))
        made.append(Entity("ORG", f"{name} {n}" if n % 3 == 0 else name, [variant, arabic]))
    made.append(Entity("ORG", "Roscosmos", ["روسكوزموس", "Roskosmos"]))
    return made


def best_of(runs: int, action) -> float:
    """The fastest of `runs` timings of `action()`, in seconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="500 entities (for the test suite)")
    args = parser.parse_args()
    count = 500 if args.quick else 10_000
    corpus = entities(count)
    names = [n for e in corpus for n in (e.name, *e.aliases)]

    build = best_of(3, lambda: EntityIndex(corpus))
    fold_only = best_of(3, lambda: [fold_name(n) for n in names])
    print(f"entities: {len(corpus):,} ({len(names):,} names and aliases)")
    print(f"build index: {build * 1000:.1f} ms = {build / fold_only:.2f}x folding the names alone "
          f"({fold_only * 1000:.1f} ms)")

    index = EntityIndex(corpus)
    folded = [fold_name(n) for n in names]
    worst = 0.0
    for query in QUERIES:
        rank = best_of(3, lambda: index.rank(query, 20))
        needle = fold_name(query)
        substring = best_of(3, lambda: [n for n in folded if needle in n])
        worst = max(worst, rank)
        top = index.rank(query, 1)
        print(f"rank {query!r}: {rank * 1000:.2f} ms = {rank / substring:.1f}x a substring filter "
              f"({substring * 1000:.2f} ms); first: {top[0].entity.name if top else '-'}")
    print(f"slowest ranking: {worst * 1000:.2f} ms (budget 50 ms per keystroke)")
    return 1 if not args.quick and worst >= 0.050 else 0


if __name__ == "__main__":
    sys.exit(main())
