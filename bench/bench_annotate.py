"""Drawing annotations: painting a pane whose every word is a span, against the same pane
with no spans, and the cost of one tag (store write + repaint).

A ~1 MB mixed Arabic/English document is registered in a real store (tmp dir); "dense"
adds one entity span per word of the first 400 paragraphs (at most half of them) plus a claim per sentence
(tens of thousands of spans) in one import. One round scrolls through 40 screens
(100x40) of the annotated part, painting every line from scratch (the strip cache is
cleared first: what a change of spans costs). Best of N rounds.

    .venv/bin/python bench/bench_annotate.py [--rounds N] [--quick]

Prints both times, the ratio dense / none (target <= 3.0: every word tagged is the worst case), and the median latency of
tagging a word and repainting (target <= 50 ms). ``--quick``: 100 KB, one round.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

from textual.app import App
from textual.geometry import Region

sys.path.insert(0, str(Path(__file__).parent))
from bench_scroll import make_text  # noqa: E402  (the same mixed text as the scroll bench)

from reader.core.document import Document  # noqa: E402
from reader.store.database import AnnotationStore  # noqa: E402
from reader.store.labels import load_schema  # noqa: E402
from reader.store.model import AnnotationSet, Span  # noqa: E402
from reader.annotate.session import AnnotationSession  # noqa: E402
from reader.tui.widgets.document_view import DocumentView  # noqa: E402

LABELS = ("PERSON", "ORG", "GPE", "LOC", "PROGRAM", "DATE", "QUANTITY")


class Host(App):
    def __init__(self, view: DocumentView, session: AnnotationSession) -> None:
        super().__init__()
        self.view = view
        self.annotation = session

    def compose(self):
        yield self.view


def dense_spans(document: Document, paragraphs: int) -> list[Span]:
    """One entity per word and one claim per sentence in the first ``paragraphs``."""
    spans = []
    for paragraph in document.paragraphs[:paragraphs]:
        for i, m in enumerate(re.finditer(r"\w+", paragraph.text)):
            start, end = paragraph.start + m.start(), paragraph.start + m.end()
            spans.append(Span(document.id, start, end, "entity", LABELS[i % len(LABELS)], document.text[start:end]))
        for m in re.finditer(r"[^.]+\.", paragraph.text):
            start, end = paragraph.start + m.start(), paragraph.start + m.end()
            spans.append(Span(document.id, start, end, "claim", "CLAIM", document.text[start:end]))
    return spans


async def paint_round(view: DocumentView, screens: int) -> float:
    region = Region(0, 0, view.size.width, view.size.height)
    start = time.perf_counter()
    for screen in range(screens):
        view.scroll_to(y=screen * view.size.height, animate=False, immediate=True)
        view._strips.clear()
        view.render_lines(region)
    return time.perf_counter() - start


async def measure(text: str, dense: bool, rounds: int, workdir: Path) -> tuple[float, float | None, int]:
    """(best paint round, median tag latency or None, span count)."""
    document = Document("bench", "bench.txt", text, {"lang": "mixed"})
    store = AnnotationStore.open(workdir / f"{'dense' if dense else 'none'}.db", annotator="bench")
    store.ensure_document(document)
    spans = dense_spans(document, min(400, len(document.paragraphs) // 2)) if dense else []
    if spans:
        store.apply(AnnotationSet(spans=spans))
    session = AnnotationSession(load_schema(), "bench")
    session.attach(store)
    view = DocumentView(document)
    app = Host(view, session)
    best, latencies = float("inf"), []
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        screens = 40
        for _ in range(rounds):
            best = min(best, await paint_round(view, screens))
        if dense:
            # Tag words that are not tagged yet (the last paragraph's), then repaint.
            last = document.paragraphs[-1]
            words = list(re.finditer(r"\w+", last.text))[:20]
            region = Region(0, 0, view.size.width, view.size.height)
            view.move_cursor(last.start)
            for m in words:
                start = time.perf_counter()
                session.tag(document, last.start + m.start(), last.start + m.end(), "ORG")
                view.refresh()
                view.render_lines(region)
                latencies.append(time.perf_counter() - start)
    store.close()
    return best, (statistics.median(latencies) if latencies else None), len(spans)


async def main_async(size: int, rounds: int) -> None:
    text = make_text(size)
    with tempfile.TemporaryDirectory() as tmp:
        none, _, _ = await measure(text, False, rounds, Path(tmp))
        dense, tag, count = await measure(text, True, rounds, Path(tmp))
    print(f"paint 40 screens, no spans:            {none * 1000:8.1f} ms (best of {rounds})")
    print(f"paint 40 screens, {count} spans:      {dense * 1000:8.1f} ms")
    print(f"ratio dense / none: {dense / none:.2f}  (target <= 3.0: every word tagged is the worst case)")
    print(f"tag a word + repaint, median of 20:     {tag * 1000:8.1f} ms  (target <= 50 ms)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="100 KB, one round (for the test suite)")
    args = parser.parse_args()
    asyncio.run(main_async(100_000 if args.quick else 1_000_000, 1 if args.quick else args.rounds))


if __name__ == "__main__":
    main()
