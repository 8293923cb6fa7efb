"""Parallel reading: what sync-scroll and the parallel layout cost per cursor move.

The seed article 000 (Arabic) and its English translation 004, each repeated ``--copies``
times (19 x copies and 22 x copies paragraphs), side by side in a headless ReaderApp
(160x48). Once their paragraph alignment has landed, one round is 60 next-paragraph and
60 previous-paragraph moves in the Arabic pane, each followed by painting both panes
(``render_lines``), as a frame would, in one of three modes:

- free (the reference): the panes scroll on their own (parallel layout off, sync off);
- sync: the parallel layout off, sync-scroll on: each move also levels the other pane's
  aligned paragraph and redraws the highlight (what ReadingScreen does on CursorMoved);
- parallel: the panes lined up (the default): each move that scrolls the Arabic pane
  scrolls the English one to the same row (what ReadingScreen does on RowsScrolled).

    .venv/bin/python bench/bench_parallel.py [--copies N] [--rounds N] [--quick]

Prints the time per move of each mode and the ratios to free scrolling. ``--quick``: 2
copies, one round (for the test suite).
"""

from __future__ import annotations

import argparse
import asyncio
import time
from pathlib import Path

from textual.geometry import Region

from reader.core.document import Document
from reader.core.loading import load_documents
from reader.tui.app import ReaderApp

MOVES = 60
MODES = ("free", "sync", "parallel")


def repeated(document: Document, copies: int, doc_id: str) -> Document:
    """``document``'s text ``copies`` times over, as a new document."""
    text = "\n".join([document.text.rstrip("\n")] * copies) + "\n"
    return Document(doc_id, Path(f"{doc_id}.txt"), text, dict(document.meta))


async def run(copies: int, rounds: int) -> tuple[dict[str, float], int]:
    seeds = {d.id[:3]: d for d in load_documents([]).documents}
    a, b = repeated(seeds["000"], copies, "arabic"), repeated(seeds["004"], copies, "english")
    app = ReaderApp([a, b], [0, 1])
    best = {mode: float("inf") for mode in MODES}
    async with app.run_test(size=(160, 48)) as pilot:
        screen = app.reading
        left, right = (pane.view for pane in screen.panes)
        for _ in range(600):
            if screen.partners(a, b).alignment is not None:
                break
            await pilot.pause(0.05)
        assert screen.partners(a, b).alignment is not None, "the alignment never landed"
        regions = [Region(0, 0, v.size.width, v.size.height) for v in (left, right)]

        def set_mode(mode: str) -> None:
            screen.parallel = mode == "parallel"
            screen._update_parallel()
            screen.sync = mode == "sync"

        def one_round(mode: str) -> float:
            set_mode(mode)
            left.action_doc_top()
            start = time.perf_counter()
            for action in ["action_paragraph_next"] * MOVES + ["action_paragraph_prev"] * MOVES:
                getattr(left, action)()
                if mode == "sync":
                    screen._sync_from(left)  # what on_document_view_cursor_moved does
                elif mode == "parallel":
                    right.scroll_to_row(int(left.scroll_y))  # what on_document_view_rows_scrolled does
                for view, region in zip((left, right), regions):
                    view.render_lines(region)
            return time.perf_counter() - start

        left.focus()
        await pilot.pause()
        # Alternate the modes round by round: a busy moment hits them alike.
        for _ in range(rounds):
            for mode in MODES:
                best[mode] = min(best[mode], one_round(mode))
    return best, len(a.paragraphs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--quick", action="store_true", help="2 copies, one round (for the test suite)")
    args = parser.parse_args()
    copies, rounds = (2, 1) if args.quick else (args.copies, args.rounds)
    best, paragraphs = asyncio.run(run(copies, rounds))
    moves = 2 * MOVES
    print(f"000 x{copies} ({paragraphs} paragraphs) beside 004 x{copies}, {moves} paragraph moves, best of {rounds}")
    print(f"free (reference):     {best['free'] / moves * 1000:7.2f} ms per move")
    print(f"sync-scroll:          {best['sync'] / moves * 1000:7.2f} ms per move")
    print(f"parallel layout:      {best['parallel'] / moves * 1000:7.2f} ms per move")
    print(f"ratio sync / free:     {best['sync'] / best['free']:.2f}")
    print(f"ratio parallel / free: {best['parallel'] / best['free']:.2f}")

if __name__ == "__main__":
    main()
