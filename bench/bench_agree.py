"""Agreement (`reader agree`'s work) against exporting the same spans, measured in one run.

1,000 synthetic documents (English words with Arabic and Hebrew ones, ~4,100 characters
each), 3 annotators × 100 spans per document: the first annotator's spans, and for the
others the same spans with a share of labels changed, boundaries moved and spans dropped
or added, so every path (exact, overlap, unmatched) is taken. Agreement is `gather` +
`measure` (span F1 with the maximum matching, character-level κ, Fleiss' κ, α, links) on
the loaded AnnotationSets; the reference is the native JSONL export (`formats.jsonl.dump`)
of the same 300,000 spans. Goal: agreement ≤ 3× export.

    .venv/bin/python bench/bench_agree.py            # 1,000 documents
    .venv/bin/python bench/bench_agree.py --quick    # 20 documents, for the test suite

Prints both times, the ratio, and the peak memory of each (tracemalloc, a separate run).
"""

from __future__ import annotations

import argparse
import hashlib
import random
import statistics
import time
import tracemalloc

from reader.annotate.agreement import measure
from reader.annotate.team import gather
from reader.formats import jsonl
from reader.store.model import AnnotationSet, DocumentRecord, Span

WORDS = ["Roscosmos", "and", "CNSA", "signed", "روسيا", "the", "lunar", "station", "agreement", "in",
         "Moscow", "رוסיה", "with", "NASA", "on", "Tuesday", "الصين", "research"]
LABELS = ["ORG", "GPE", "PERSON", "LOC", "EVENT"]
ANNOTATORS = ("rana", "omar", "lea")


def synthetic(documents: int, spans_per_annotator: int, seed: int = 1) -> list[AnnotationSet]:
    """One AnnotationSet per annotator, on the same documents."""
    rng = random.Random(seed)
    sets = [AnnotationSet() for _ in ANNOTATORS]
    for d in range(documents):
        words = [WORDS[(d + i * 7) % len(WORDS)] for i in range(spans_per_annotator * 5)]
        text = " ".join(words)
        record = DocumentRecord(f"doc-{d:05d}", hashlib.sha256(text.encode()).hexdigest(), text)
        starts, position = [], 0
        for word in words:
            starts.append((position, position + len(word)))
            position += len(word) + 1
        base = []
        for k in range(spans_per_annotator):
            start, end = starts[k * 5]
            if k % 10 == 0:                               # a claim over the next few words
                base.append((start, starts[k * 5 + 3][1], "claim", "CLAIM"))
            else:
                base.append((start, end, "entity", LABELS[k % len(LABELS)]))
        for a, name in enumerate(ANNOTATORS):
            sets[a].documents.append(record)
            for start, end, kind, label in base:
                if a:
                    roll = rng.random()
                    if roll < 0.05 and kind == "entity":
                        label = LABELS[(LABELS.index(label) + 1) % len(LABELS)]
                    elif roll < 0.10:
                        end = end + 1 if text[end:end + 1] not in ("", " ") else max(start + 1, end - 1)
            # a dropped span is replaced by one elsewhere: every annotator keeps 100 spans
                    elif roll < 0.13:
                        start, end = starts[rng.randrange(len(starts))]
                sets[a].spans.append(Span(record.id, start, end, kind, label, text[start:end], annotator=name))
    return sets


def timed(action) -> float:
    began = time.perf_counter()
    action()
    return time.perf_counter() - began


def peak(action) -> int:
    tracemalloc.start()
    action()
    _, top = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return top


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    documents, spans = (20, 100) if args.quick else (1000, 100)
    sets = synthetic(documents, spans)
    together = AnnotationSet(sets[0].documents, [s for one in sets for s in one.spans])
    characters = sum(len(d.text) for d in sets[0].documents)
    print(f"{documents} documents ({characters:,} characters) x {len(ANNOTATORS)} annotators x {spans} spans "
          f"= {len(together.spans):,} spans")
    sources = [(f"{name}.jsonl", one) for name, one in zip(ANNOTATORS, sets)]

    def agree():
        return measure(gather(sources))

    def export():
        return jsonl.dump(together)

    agreement, exporting = [], []
    for _ in range(args.runs):            # interleaved: machine noise hits both alike
        exporting.append(timed(export))
        agreement.append(timed(agree))
    report = agree()
    pair = report.pairs[0]
    print(f"check: F1 exact {pair.f1_exact:.3f}, overlap {pair.f1_overlap:.3f}, "
          f"alpha entities {report.alpha_entities:.3f}, Fleiss kappa {report.fleiss_kappa_entities:.3f}")
    a, e = statistics.median(agreement), statistics.median(exporting)
    print(f"export (jsonl.dump):     {e:.3f} s (median of {args.runs})")
    print(f"agreement (gather+measure): {a:.3f} s (median of {args.runs})")
    print(f"ratio agreement / export: {a / e:.2f}x (goal <= 3)")
    print(f"peak memory: agreement {peak(agree) / 2**20:.1f} MiB, export {peak(export) / 2**20:.1f} MiB")


if __name__ == "__main__":
    main()
