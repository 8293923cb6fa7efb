"""Candidate pairs for relation finding in large corpora, without comparing every pair.

Two indexes, each near-linear in the corpus size:
- near-duplicates: MinHash signatures of word 3-gram sets in a MinHash LSH index
  (datasketch), which returns the documents whose estimated Jaccard may pass the threshold;
- translations and same-event reports: an inverted index of rare anchors (numbers, Latin
  names, acronyms, quotes); documents sharing at least MIN_SHARED_RARE of them become a
  pair. Anchors found in too many documents ("russia", "2021") are not rare and are left
  out, which also keeps each posting list short.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from itertools import combinations
from typing import Sequence

from reader.align.fingerprint import Fingerprint

NUM_PERM = 64
LSH_THRESHOLD = 0.4  # below the duplicate threshold (0.5): LSH estimates are noisy
MIN_SHARED_RARE = 2
#: An anchor in more documents than this (or 1% of the corpus if more) is not rare.
RARE_MAX_DOCS = 30


def duplicate_candidates(prints: Sequence[Fingerprint]) -> set[tuple[int, int]]:
    """Index pairs (i < j) whose shingle sets may be near-duplicates, by MinHash LSH."""
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    signatures = MinHash.bulk(
        ([s.encode("utf-8") for s in fp.shingles] for fp in prints), num_perm=NUM_PERM,
    )
    pairs: set[tuple[int, int]] = set()
    for i, signature in enumerate(signatures):
        # Query before inserting: each pair is found once, from its later member.
        for j in lsh.query(signature):
            pairs.add((j, i))
        lsh.insert(i, signature)
    return pairs


def anchor_candidates(prints: Sequence[Fingerprint]) -> set[tuple[int, int]]:
    """Index pairs (i < j) sharing at least MIN_SHARED_RARE rare anchors."""
    postings: dict[str, list[int]] = defaultdict(list)
    for i, fp in enumerate(prints):
        for anchor in fp.anchor_places:
            postings[anchor].append(i)
    limit = max(RARE_MAX_DOCS, len(prints) // 100)
    shared: Counter[tuple[int, int]] = Counter()
    for docs in postings.values():
        if 2 <= len(docs) <= limit:
            shared.update(combinations(docs, 2))
    return {pair for pair, count in shared.items() if count >= MIN_SHARED_RARE}


def candidate_pairs(prints: Sequence[Fingerprint]) -> set[tuple[int, int]]:
    """Index pairs (i < j) worth judging: the union of both indexes' candidates."""
    return duplicate_candidates(prints) | anchor_candidates(prints)
