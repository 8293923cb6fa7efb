"""Corpus-scale candidates: MinHash LSH for near-duplicates, a rare-anchor index for the rest."""

from __future__ import annotations

import random
import subprocess
import sys

import orjson

from conftest import REPO
from reader.align.candidates import RARE_MAX_DOCS, anchor_candidates, duplicate_candidates
from reader.align.fingerprint import fingerprint
from reader.core.document import Document


def make_docs(texts: list[str]) -> list[Document]:
    return [Document(f"d{n}", f"d{n}.txt", text, {"lang": "en"}) for n, text in enumerate(texts)]


def random_text(rng: random.Random, words: int = 150) -> str:
    return " ".join("".join(rng.choice("abcdefghij") for _ in range(5)) for _ in range(words))


def test_lsh_pairs_a_rewrapped_copy_and_nothing_else():
    rng = random.Random(1)
    texts = [random_text(rng) for _ in range(40)]
    texts.append(texts[7].replace(" ", "\n", 10))  # the same words, other line breaks
    pairs = duplicate_candidates([fingerprint(d) for d in make_docs(texts)])
    assert (7, 40) in pairs
    assert len(pairs) <= 3  # LSH may add a stray pair, never a quadratic number


def test_rare_anchors_pair_documents_but_common_ones_do_not():
    rng = random.Random(2)
    # Every document names "Russia" and a year (common anchors); only d3 and d9 share two
    # rare ones ("Kejian", "ILRS").
    texts = [f"{random_text(rng, 30)} Russia 2021 Name{chr(97 + n % 26)}{n}x." for n in range(RARE_MAX_DOCS + 10)]
    texts[3] += " Kejian ILRS"
    texts[9] += " Kejian ILRS"
    pairs = anchor_candidates([fingerprint(d) for d in make_docs(texts)])
    assert pairs == {(3, 9)}


def test_quick_bench_recalls_planted_pairs_from_few_candidates():
    result = subprocess.run([sys.executable, str(REPO / "bench" / "bench_candidates.py"), "--quick"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    figures = orjson.loads(result.stdout.strip().splitlines()[-1])
    for size in figures["sizes"]:
        assert size["recall"] >= 0.9, size
        assert size["candidate_pairs"] * 20 < size["all_pairs"], size
    assert figures["growth_ratio"] > 0
