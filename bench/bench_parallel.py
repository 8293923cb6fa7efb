"""Parallel reading: what sync-scroll costs per cursor move.

The seed article 000 (Arabic) and its English translation 004, each repeated ``--copies``
times (19 x copies and 22 x copies paragraphs), side by side in a headless ReaderApp
(160x48). Once their paragraph alignment has landed, one round is 60 next-paragraph and
60 previous-paragraph moves in the Arabic pane, each followed by painting both panes
(``render_lines``), as a frame would:

- with sync on: each move also levels the other pane's aligned paragraph and redraws the
  highlight (what ReadingScreen does on CursorMoved);
- reference, same run: the same moves with sync off.

    .venv/bin/python bench/bench_parallel.py [--copies N] [--rounds N] [--quick]

Prints both times per move and the ratio sync on / sync off. ``--quick``: 2 copies, one
round (for the test suite).
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


def repeated(document: Document, copies: int, doc_id: str) -> Document:
    """``document``'s text ``copies`` times over, as a new document."""
    text = "\n".join([document.text.rstrip("\n")] * copies) + "\n"
    return Document(doc_id, Path(f"{doc_id}.txt"), text, dict(document.meta))


async def run(copies: int, rounds: int) -> tuple[float, float, int]:
    seeds = {d.id[:3]: d for d in load_documents([]).documents}
    a, b = repeated(seeds["000"], copies, "arabic"), repeated(seeds["004"], copies, "english")
    app = ReaderApp([a, b], [0, 1])
    best = {True: float("inf"), False: float("inf")}
    async with app.run_test(size=(160, 48)) as pilot:
        screen = app.reading
        left, right = (pane.view for pane in screen.panes)
        for _ in range(600):
            if screen.partners(a, b).alignment is not None:
                break
            await pilot.pause(0.05)
        assert screen.partners(a, b).alignment is not None, "the alignment never landed"
        regions = [Region(0, 0, v.size.width, v.size.height) for v in (left, right)]

        def one_round(sync: bool) -> float:
            screen.sync = sync
            left.action_doc_top()
            start = time.perf_counter()
            for action in ["action_paragraph_next"] * MOVES + ["action_paragraph_prev"] * MOVES:
                getattr(left, action)()
                if sync:
                    screen._sync_from(left)  # what on_document_view_cursor_moved does
                for view, region in zip((left, right), regions):
                    view.render_lines(region)
            return time.perf_counter() - start

        left.focus()
        await pilot.pause()
        # Alternate sync on and off round by round: a busy moment hits both alike.
        for _ in range(rounds):
            for sync in (True, False):
                best[sync] = min(best[sync], one_round(sync))
    return best[True], best[False], len(a.paragraphs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--quick", action="store_true", help="2 copies, one round (for the test suite)")
    args = parser.parse_args()
    copies, rounds = (2, 1) if args.quick else (args.copies, args.rounds)
    on, off, paragraphs = asyncio.run(run(copies, rounds))
    moves = 2 * MOVES
    print(f"000 x{copies} ({paragraphs} paragraphs) beside 004 x{copies}, {moves} paragraph moves, best of {rounds}")
    print(f"sync off (reference): {off / moves * 1000:7.2f} ms per move")
    print(f"sync on:              {on / moves * 1000:7.2f} ms per move")
    print(f"ratio sync on / off:  {on / off:.2f}")


if __name__ == "__main__":
    main()
