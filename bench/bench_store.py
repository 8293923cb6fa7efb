"""Save latency of the annotation store: p95 of one `add_span` with 1k and 100k spans stored,
against TinyDB's default JSONStorage with 100k spans, measured in the same run; and the time
to open the 100k store (every record validated) against parsing its snapshot alone.

    .venv/bin/python bench/bench_store.py            # 1k vs 100k spans
    .venv/bin/python bench/bench_store.py --quick    # tiny sizes, for the test suite

Prints one line per measurement and the ratios; exits 1 if a goal is missed (p95 <= 5 ms,
100k/1k <= 2) unless --quick (tiny sizes and shared CI disks make absolute goals meaningless).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from tinydb import TinyDB

from reader.core.document import Document
from reader.store.database import AnnotationStore
from reader.store.model import AnnotationSet, DocumentRecord, Span

SPANS_PER_DOCUMENT = 100
WORD = "Roscosmos "  # every span covers one word of a synthetic document


def _document(i: int) -> Document:
    return Document(f"doc-{i:05d}", f"/bench/doc-{i:05d}.txt", WORD * (SPANS_PER_DOCUMENT * 2))


def _spans(doc: Document, count: int) -> list[Span]:
    n = len(WORD)
    return [Span(doc.id, k * n, k * n + n - 1, "entity", "ORG", WORD.strip(), annotator="bench")
            for k in range(count)]


def fill_store(path: Path, total: int) -> None:
    """A database at `path` holding `total` spans over total/100 documents, compacted."""
    store = AnnotationStore.open(path, annotator="bench")
    data = AnnotationSet()
    for i in range(max(1, total // SPANS_PER_DOCUMENT)):
        doc = _document(i)
        data.documents.append(DocumentRecord(doc.id, doc.sha256, doc.text, doc.path))
        data.spans.extend(_spans(doc, min(SPANS_PER_DOCUMENT, total - i * SPANS_PER_DOCUMENT)))
    store.apply(data)
    store.compact()
    store.close()


def time_saves(paths: list[Path], floor_path: Path, samples: int) -> tuple[list[list[float]], list[float]]:
    """Seconds per add_span (each durable before it returns) in each store at `paths`, and per
    bare append + fdatasync of a line to `floor_path` (the disk's own cost). The stores take
    turns in one loop so that the disk's moods hit every size alike."""
    stores = [AnnotationStore.open(path, annotator="bench") for path in paths]
    doc = _document(0)
    n = len(WORD)
    times: list[list[float]] = [[] for _ in stores]
    floor: list[float] = []
    fd = os.open(floor_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
    os.sync()  # let the writeback of filling the stores finish before measuring
    for k in range(samples):
        at = (SPANS_PER_DOCUMENT + k % SPANS_PER_DOCUMENT) * n
        for store, spent in zip(stores, times):
            span = Span(doc.id, at, at + n - 1, "entity", "PERSON", WORD.strip())
            started = time.perf_counter()
            store.add_span(span)
            spent.append(time.perf_counter() - started)
        started = time.perf_counter()
        os.write(fd, b"x" * 400 + b"\n")
        os.fdatasync(fd)
        floor.append(time.perf_counter() - started)
    os.close(fd)
    for store in stores:
        store.close()
    return times, floor


def time_default_tinydb(path: Path, total: int, samples: int) -> list[float]:
    """Seconds per insert into TinyDB's default JSONStorage holding `total` span records."""
    doc = _document(0)
    records = [s.to_dict() for s in _spans(doc, SPANS_PER_DOCUMENT)]
    db = TinyDB(path)
    table = db.table("spans")
    table.insert_multiple(dict(records[i % len(records)], id=f"s-{i}") for i in range(total))
    times = []
    for k in range(samples):
        record = dict(records[0], id=f"new-{k}")
        started = time.perf_counter()
        table.insert(record)
        times.append(time.perf_counter() - started)
    db.close()
    return times


def p95(times: list[float]) -> float:
    return statistics.quantiles(times, n=20, method="inclusive")[18] if len(times) > 1 else times[0]


def time_open(path: Path, runs: int) -> tuple[float, float, float]:
    """Best of `runs` seconds to open the store at `path` read-only (parse, validate every
    record, index), to parse its snapshot alone (orjson, the reference), and to validate it
    alone (reader.store.validation)."""
    import orjson

    from reader.store.validation import snapshot_problem

    raw = path.read_bytes()
    opened, parsed, checked = [], [], []
    for _ in range(runs):
        start = time.perf_counter()
        AnnotationStore.open(path, read_only=True).close()
        opened.append(time.perf_counter() - start)
        start = time.perf_counter()
        data = orjson.loads(raw)
        parsed.append(time.perf_counter() - start)
        start = time.perf_counter()
        assert snapshot_problem(data) is None
        checked.append(time.perf_counter() - start)
    return min(opened), min(parsed), min(checked)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny sizes (for the test suite)")
    args = parser.parse_args(argv)
    small, large, samples, reference_samples = (1_000, 100_000, 400, 10)
    if args.quick:
        small, large, samples, reference_samples = (100, 2_000, 40, 3)
    with tempfile.TemporaryDirectory(prefix="bench-store-") as tmp:
        root = Path(tmp)
        paths = [root / f"store-{size}.db" for size in (small, large)]
        for path, size in zip(paths, (small, large)):
            fill_store(path, size)
        times, floor = time_saves(paths, root / "floor", samples)
        results = {small: p95(times[0]), large: p95(times[1])}
        reference = p95(time_default_tinydb(root / "default.json", large, reference_samples))
        opened, parsed, checked = time_open(paths[1], 3 if args.quick else 5)
    ms = lambda s: f"{s * 1000:.2f} ms"  # noqa: E731
    print(f"store, {small:>7,} spans: p95 save {ms(results[small])}  ({samples} add_span)")
    print(f"store, {large:>7,} spans: p95 save {ms(results[large])}  ({samples} add_span)")
    print(f"TinyDB JSONStorage, {large:,} spans: p95 save {ms(reference)}  ({reference_samples} insert)")
    print(f"disk floor (append one line + fdatasync): p95 {ms(p95(floor))}  ({samples} appends)")
    scaling = results[large] / results[small]
    speedup = reference / results[large]
    print(f"ratio {large:,}/{small:,} spans: {scaling:.2f}  (goal <= 2)")
    print(f"ratio TinyDB JSONStorage / store at {large:,} spans: {speedup:.1f}x")
    print(f"open read-only at {large:,} spans: {ms(opened)}; parsing the snapshot alone {ms(parsed)}, "
          f"validating every record {ms(checked)}")
    print(f"ratio open / parse: {opened / parsed:.2f}; validation / parse: {checked / parsed:.2f}")
    ok = results[large] <= 0.005 and scaling <= 2
    if not ok and not args.quick:
        print("goal missed", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
