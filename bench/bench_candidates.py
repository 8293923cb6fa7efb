"""Bench: relation finding at corpus scale (MinHash LSH + rare-anchor index), 1k vs 10k docs.

Corpora are generated from the seed articles: each document takes a seed's sentences,
shuffled and thinned, with a third of the words, every number and every Latin name
replaced by random ones, so most documents are NOT related. Into that we plant a known
number of near-duplicates (a document re-wrapped with a few words edited) and of
translations (matching paragraphs of seeds 000 and 004, with the same fresh names and
numbers on both sides). Prints, for each size, the time per document and the recall of
the planted pairs, then the growth ratio (time at the large size / time at the small
size; near-linear scaling gives about size ratio, i.e. ≈ 10). Times are the process's CPU
time (wall time is printed too), so other jobs on a shared machine do not skew the ratio.

    .venv/bin/python bench/bench_candidates.py            # 1,000 and 10,000 documents
    .venv/bin/python bench/bench_candidates.py --quick    # 150 and 600 (for the test suite)

The last line is a JSON object with the figures.
"""

from __future__ import annotations

import argparse
import gc
import random
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.align.cache import RelationCache  # noqa: E402
from reader.align.candidates import candidate_pairs  # noqa: E402
from reader.align.fingerprint import _fingerprint, fingerprint  # noqa: E402
from reader.align.relations import find_relations, judge  # noqa: E402
from reader.core.document import Document  # noqa: E402
from reader.core.loading import load_documents  # noqa: E402

ARABIC_LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
LATIN_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_SENTENCE = re.compile(r"[^.!?؟]+[.!?؟]?")
_LATIN_NAME = re.compile(r"[A-Za-z][A-Za-z'\-]+")
_NUMBER = re.compile(r"\d+")
#: Random pairs judged to estimate the cost of comparing every pair (the reference).
REFERENCE_PAIRS = 3000
#: Share of words replaced in an ordinary (unplanted) document.
WORD_NOISE = 0.35


@dataclass
class Corpus:
    documents: list[Document] = field(default_factory=list)
    duplicates: set[frozenset[str]] = field(default_factory=set)
    translations: set[frozenset[str]] = field(default_factory=set)


class Generator:
    """Random documents derived from the seeds (all randomness from one seeded RNG)."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        docs = {d.id[:3]: d for d in load_documents([]).documents}
        self.seeds = docs
        self.sentences = {
            key: [s.strip() for p in doc.paragraphs for s in _SENTENCE.findall(p.text) if len(s.strip()) > 20]
            for key, doc in docs.items()
        }

    def word(self, latin: bool) -> str:
        letters = LATIN_LETTERS if latin else ARABIC_LETTERS
        return "".join(self.rng.choice(letters) for _ in range(self.rng.randint(3, 8)))

    def name(self) -> str:
        return self.word(True).title() + self.word(True)[:3]

    def number(self) -> str:
        return str(self.rng.randint(100, 10_000_000))

    def scramble(self, text: str, latin: bool, noise: float) -> str:
        """`text` with new names and numbers and a share `noise` of its words replaced."""
        text = _LATIN_NAME.sub(lambda m: self.name() if not latin or not m.group().islower() else m.group(), text)
        text = _NUMBER.sub(lambda m: self.number(), text)
        return self.reword(text, latin, noise)

    def reword(self, text: str, latin: bool, noise: float) -> str:
        """`text` with a share `noise` of its words replaced; names and numbers are kept."""
        def keep(word: str) -> bool:
            return any(ch.isdigit() for ch in word) or (
                any(ch.isupper() for ch in word) if latin else any(ch.isascii() and ch.isalpha() for ch in word))
        return " ".join(w if keep(w) or self.rng.random() >= noise else self.word(latin) for w in text.split(" "))

    def ordinary(self, doc_id: str) -> Document:
        key = self.rng.choice(list(self.sentences))
        lang = self.seeds[key].lang
        pool = list(self.sentences[key])
        self.rng.shuffle(pool)
        chosen = pool[: max(3, int(len(pool) * self.rng.uniform(0.4, 0.8)))]
        latin = lang in ("en", "it")
        chosen = [self.scramble(s, latin, WORD_NOISE) for s in chosen]
        paragraphs, i = [], 0
        while i < len(chosen):
            size = self.rng.randint(1, 4)
            paragraphs.append(" ".join(chosen[i:i + size]))
            i += size
        return Document(doc_id, f"{doc_id}.txt", "\n\n".join(paragraphs), {"lang": lang})

    def duplicate_of(self, original: Document, doc_id: str) -> Document:
        """`original` re-wrapped (paragraphs joined in twos) with 3% of its words edited."""
        paragraphs = [p.text for p in original.paragraphs]
        joined = [" ".join(paragraphs[i:i + 2]) for i in range(0, len(paragraphs), 2)]
        latin = original.lang in ("en", "it")
        edited = [" ".join(self.word(latin) if self.rng.random() < 0.03 else w for w in p.split(" ")) for p in joined]
        return Document(doc_id, f"{doc_id}.txt", "\n".join(edited), dict(original.meta))

    def translation_pair(self, id_a: str, id_b: str) -> tuple[Document, Document]:
        """Matching paragraphs of 000 (Arabic) and 004 (English), with the same new anchors."""
        arabic, english = self.seeds["000"], self.seeds["004"]
        picked = sorted(self.rng.sample(range(18), self.rng.randint(6, 12)))
        renames: dict[str, str] = {}

        def rename(match: re.Match[str]) -> str:
            word = match.group()
            if not word[0].isupper() and not word.isupper():
                return word
            return renames.setdefault(word.casefold(), self.name())

        ar_paragraphs, en_paragraphs = [], []
        for index in picked:
            ar_text = _LATIN_NAME.sub(rename, arabic.paragraphs[index].text)
            en_text = _LATIN_NAME.sub(rename, english.paragraphs[index + 2].text)
            if self.rng.random() < 0.5:
                # A figure and a name reported on both sides, as translations keep them.
                who, figure = self.name(), self.number()
                ar_text += f" وقال {who} إن الكلفة بلغت {figure}."
                en_text += f" {who} said the cost reached {figure}."
            # Each planted pair gets its own wording, as two translations of different
            # articles would (otherwise pairs reusing one seed paragraph are duplicates).
            ar_paragraphs.append(self.reword(ar_text, False, WORD_NOISE))
            en_paragraphs.append(self.reword(en_text, True, WORD_NOISE))
        return (Document(id_a, f"{id_a}.txt", "\n".join(ar_paragraphs), {"lang": "ar"}),
                Document(id_b, f"{id_b}.txt", "\n\n".join(en_paragraphs), {"lang": "en"}))


def build(size: int, seed: int) -> Corpus:
    """A corpus of `size` documents, 5% of them planted duplicates, 5% planted translations."""
    generator = Generator(seed)
    corpus = Corpus()
    planted = max(2, size // 40)
    for n in range(planted):
        a, b = generator.translation_pair(f"tr{n}a", f"tr{n}b")
        corpus.documents += [a, b]
        corpus.translations.add(frozenset((a.id, b.id)))
    for n in range(planted):
        original = generator.ordinary(f"dup{n}a")
        copy = generator.duplicate_of(original, f"dup{n}b")
        corpus.documents += [original, copy]
        corpus.duplicates.add(frozenset((original.id, copy.id)))
    while len(corpus.documents) < size:
        corpus.documents.append(generator.ordinary(f"doc{len(corpus.documents)}"))
    generator.rng.shuffle(corpus.documents)
    return corpus


def measure(size: int, seed: int) -> dict:
    """Find relations in a fresh corpus of `size`; time, candidates, recall, extras."""
    corpus = build(size, seed)
    _fingerprint.cache_clear()
    gc.collect()
    start, cpu_start = time.perf_counter(), time.process_time()
    relations = find_relations(corpus.documents, cache=RelationCache())
    # CPU time of this process: other work on a shared machine does not inflate it.
    elapsed = time.process_time() - cpu_start
    wall = time.perf_counter() - start
    found = {(frozenset((r.a, r.b)), r.kind) for r in relations}
    candidates = candidate_pairs([fingerprint(d) for d in corpus.documents])
    ids = [d.id for d in corpus.documents]
    candidate_sets = {frozenset((ids[i], ids[j])) for i, j in candidates}
    # Reference: judging every pair, extrapolated from a sample of random pairs (the
    # fingerprints are already computed, so this is the judging cost alone).
    rng = random.Random(size)
    sample = [tuple(rng.sample(range(size), 2)) for _ in range(REFERENCE_PAIRS)]
    prints = [fingerprint(d) for d in corpus.documents]
    cpu_start = time.process_time()
    for i, j in sample:
        judge(prints[i], prints[j])
    all_pairs_seconds = (time.process_time() - cpu_start) / REFERENCE_PAIRS * (size * (size - 1) // 2)
    planted = [(pair, "duplicate") for pair in corpus.duplicates] + [(pair, "translation") for pair in corpus.translations]
    recall = sum(1 for item in planted if item in found) / len(planted)
    candidate_recall = sum(1 for pair, _ in planted if pair in candidate_sets) / len(planted)
    planted_pairs = {pair for pair, _ in planted}
    unplanted = [sorted(pair) for pair, kind in found if pair not in planted_pairs and kind != "same-event"]
    return {
        "documents": size, "seconds": round(elapsed, 3), "wall_seconds": round(wall, 3),
        "ms_per_document": round(1000 * elapsed / size, 3),
        "candidate_pairs": len(candidates), "all_pairs": size * (size - 1) // 2,
        "all_pairs_judging_seconds_estimate": round(all_pairs_seconds, 1),
        "speedup_vs_all_pairs": round(all_pairs_seconds / elapsed, 1),
        "planted": len(planted), "recall": round(recall, 4), "candidate_recall": round(candidate_recall, 4),
        "unplanted_duplicate_or_translation": len(unplanted), "unplanted_examples": unplanted[:5],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="150 and 600 documents (for the test suite)")
    parser.add_argument("--seed", type=int, default=2021)
    args = parser.parse_args(argv)
    small, large = (150, 600) if args.quick else (1_000, 10_000)
    measure(50, args.seed + 1)  # warm-up: imports, regex compilation, numpy set-up
    results = []
    for size in (small, large):
        result = measure(size, args.seed)
        results.append(result)
        print(f"{size:>6} documents: {result['ms_per_document']:.3f} ms/document "
              f"({result['seconds']:.2f} s CPU, {result['wall_seconds']:.2f} s wall), {result['candidate_pairs']} candidate pairs of {result['all_pairs']}, "
              f"recall {result['recall']:.3f} (candidates {result['candidate_recall']:.3f}) "
              f"of {result['planted']} planted, {result['unplanted_duplicate_or_translation']} unplanted "
              f"duplicate/translation verdicts; judging all pairs instead would take "
              f"~{result['all_pairs_judging_seconds_estimate']:.0f} s ({result['speedup_vs_all_pairs']:.0f}× slower)")
    growth = results[1]["seconds"] / results[0]["seconds"]
    print(f"growth ratio (time at {large} / time at {small}): {growth:.2f} (linear would be {large / small:.1f})")
    print(orjson.dumps({"sizes": results, "growth_ratio": round(growth, 3), "size_ratio": large / small}).decode())
    return 0


if __name__ == "__main__":
    sys.exit(main())
