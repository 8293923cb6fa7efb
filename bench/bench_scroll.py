"""Cursor movement and scrolling in a pane: a 10 MB document against a 10 KB one,
and against Textual's own TextArea moving its cursor over the same 10 MB text.

Each widget is mounted alone in a headless app (100x40); the cursor starts in the
middle of the document; one "round" is 50 ↓, 50 ↑, 200 →, 200 ←, 50 next-word, 50
previous-word, a page down and a page up, each followed by painting the visible lines (``render_lines``), as a frame
would. Best of N rounds.

    .venv/bin/python bench/bench_scroll.py [--rounds N] [--quick]

Prints the times and the ratios 10 MB / 10 KB (target <= 1.2) and reader / TextArea
(target <= 1.0). ``--quick`` uses 200 KB and one round (for the test suite).
"""

from __future__ import annotations

import argparse
import asyncio
import time

from textual.app import App
from textual.geometry import Region
from textual.widgets import TextArea

from reader.core.document import Document
from reader.tui.widgets.document_view import DocumentView

ARABIC = ("وقعت روسيا والصين اتفاقية لبناء محطة أبحاث القمر الدولية (ILRS) التي تدور حول القمر، "
          "حسبما أعلنت وكالتا الفضاء في البلدين في 9 مارس 2021. ")
ENGLISH = ("Russia and China signed an agreement to build an International Lunar Research Station "
           "orbiting the moon, the space agencies of both countries said on 9 March 2021. ")


def make_text(size: int) -> str:
    """About ``size`` characters of alternating Arabic and English paragraphs (1-4 sentences)."""
    paragraphs, total, n = [], 0, 0
    while total < size:
        sentence = ARABIC if n % 2 == 0 else ENGLISH
        paragraph = sentence * (1 + n % 4)
        paragraphs.append(paragraph.strip())
        total += len(paragraph) + 2
        n += 1
    return "\n\n".join(paragraphs) + "\n"


class Host(App):
    def __init__(self, widget) -> None:
        super().__init__()
        self.widget = widget

    def compose(self):
        yield self.widget


# Sized so that every step really moves in the 10 KB document too (no step hits an end).
READER_ROUND = [("action_cursor_down", 50), ("action_cursor_up", 50), ("action_cursor_right", 200),
                ("action_cursor_left", 200), ("action_word_next", 50), ("action_word_prev", 50),
                ("action_page_down", 1), ("action_page_up", 1)]
TEXTAREA_ROUND = [("action_cursor_down", 50), ("action_cursor_up", 50), ("action_cursor_right", 200),
                  ("action_cursor_left", 200), ("action_cursor_word_right", 50), ("action_cursor_word_left", 50),
                  ("action_cursor_page_down", 1), ("action_cursor_page_up", 1)]


async def time_widget(widget, place_cursor, steps, rounds: int) -> float:
    """Best time (seconds) of one round of ``steps`` on ``widget``, each step painted."""
    app = Host(widget)
    best = float("inf")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        region = Region(0, 0, widget.size.width, widget.size.height)
        for _ in range(rounds):
            place_cursor()
            widget.render_lines(region)
            start = time.perf_counter()
            for action, count in steps:
                method = getattr(widget, action)
                for _ in range(count):
                    method()
                    widget.render_lines(region)
            best = min(best, time.perf_counter() - start)
    return best


async def main_async(big: int, rounds: int) -> None:
    small_text, big_text = make_text(10_000), make_text(big)
    documents = {label: Document("bench", "bench.txt", text, {"lang": "mixed"})
                 for label, text in (("10 KB", small_text), ("big", big_text))}
    results = {"10 KB": float("inf"), "big": float("inf")}
    # Alternate the sizes round by round, so a busy moment of the machine hits both alike.
    for _ in range(rounds):
        for label, document in documents.items():
            view = DocumentView(document)
            middle_offset = len(document.text) // 2
            best = await time_widget(view, lambda v=view, m=middle_offset: v.move_cursor(m), READER_ROUND, 1)
            results[label] = min(results[label], best)
    area = TextArea(big_text, read_only=True, soft_wrap=False)

    def middle() -> None:
        area.cursor_location = (area.document.line_count // 2, 0)

    # One round: on 10 MB a TextArea round takes a minute or more.
    results["textarea"] = await time_widget(area, middle, TEXTAREA_ROUND, 1)
    size = f"{len(big_text) / 1e6:.1f} MB"
    print(f"reader pane, 10 KB document:        {results['10 KB'] * 1000:8.1f} ms per round (best of {rounds})")
    print(f"reader pane, {size} document:        {results['big'] * 1000:8.1f} ms per round")
    print(f"Textual TextArea, {size} (no wrap)  : {results['textarea'] * 1000:8.1f} ms per round")
    print(f"ratio {size} / 10 KB: {results['big'] / results['10 KB']:.2f}  (target <= 1.2)")
    print(f"ratio reader / TextArea on {size}: {results['big'] / results['textarea']:.2f}  (target <= 1.0)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--quick", action="store_true", help="200 KB, one round (for the test suite)")
    args = parser.parse_args()
    asyncio.run(main_async(200_000 if args.quick else 10_000_000, 1 if args.quick else args.rounds))


if __name__ == "__main__":
    main()
