"""Start-up of the reader on the seeds vs a minimal Textual app, to first painted screen.

Each app runs in a fresh interpreter (imports count), headless at 160x48, and exits
right after its first refresh. The reader's program does what the `reader` command does
(documents loaded, the first panes chosen, ReaderApp imported through
``reader.commands.open.reader_app``, which pauses the garbage collector until the first
paint). Two CPU figures per app, best of N:

* to the first paint: the child's own CPU time (``time.process_time``, counted from the
  start of the process) when its first refresh is done: this is the bar;
* the whole process, exit included (``getrusage`` of the child), as measured before.
  The two differ by the interpreter's shutdown: the reader freezes what its imports
  made (``gc.freeze`` in ``ReaderApp.run``), so its final collection is cheaper than
  the minimal app's, which flatters the whole-process ratio.

Then the first key: ``down`` (and ``w``, a word motion) posted to the reader at its first
paint (typed ahead) and 300 ms after it; wall milliseconds from the key to the key being
handled (the cursor moved) and to the screen painted after it.

    .venv/bin/python bench/bench_tui_startup.py [--runs N] [--quick]

The reader's bytecode is brought up to date first: with PYTHONDONTWRITEBYTECODE set (as
in this project's shells) a module edited since its .pyc was written is compiled from
source by every interpreter (~5 ms for document_view.py), which an installed reader
never does; Textual's own .pyc files were written when it was installed.
"""

from __future__ import annotations

import argparse
import compileall
import resource
import subprocess
import sys
from pathlib import Path

MINIMAL = """
import time
from textual.app import App
from textual.widgets import Static

class Minimal(App):
    def compose(self):
        yield Static("Hello")
    def on_mount(self):
        self.call_after_refresh(self.painted)
    def painted(self):
        self.painted_at = time.process_time()
        self.exit()

app = Minimal()
app.run(headless=True, size=(160, 48))
print(app.painted_at * 1000)
"""

READER = """
import time
from reader.commands.common import load_or_fail
from reader.commands.open import first_panes, reader_app
ReaderApp = reader_app()  # as the reader command imports it (collector paused)

class FirstPaint(ReaderApp):
    # ReaderApp runs this right after its first refresh (then it loads the keymap and
    # opens the database, which the user sees after the first screen): exit there.
    def _after_first_paint(self):
        self.painted_at = time.process_time()
        self.exit()

documents = load_or_fail([]).documents
app = FirstPaint(documents, first_panes(documents, []))
app.run(headless=True, size=(160, 48))
print(app.painted_at * 1000)
"""

FIRST_KEY = """
import sys, time
from textual import events
from reader.commands.common import load_or_fail
from reader.commands.open import first_panes, reader_app
ReaderApp = reader_app()  # as the reader command imports it (collector paused)
from reader.tui.widgets.document_view import DocumentView

KEY, DELAY = sys.argv[1], float(sys.argv[2])
marks = {}
move_cursor = DocumentView.move_cursor

def moved(view, *args, **kwargs):
    if "handled" not in marks:
        marks["handled"] = time.perf_counter()
        view.app.call_after_refresh(view.app.key_painted)
    return move_cursor(view, *args, **kwargs)

DocumentView.move_cursor = moved

class FirstKey(ReaderApp):
    def _after_first_paint(self):
        super()._after_first_paint()  # keymap, database, relations: as in a real start
        if DELAY:
            self.set_timer(DELAY, self.press)
        else:
            self.press()
    def press(self):
        marks["key"] = time.perf_counter()
        self.post_message(events.Key(KEY, None))
    def key_painted(self):
        marks["painted"] = time.perf_counter()
        self.exit()

documents = load_or_fail([]).documents
FirstKey(documents, first_panes(documents, [])).run(headless=True, size=(160, 48))
print((marks["handled"] - marks["key"]) * 1000, (marks["painted"] - marks["key"]) * 1000)
"""


def best_times(code: str, runs: int) -> tuple[float, float]:
    """Best (to the first paint, whole process) CPU milliseconds of ``runs`` fresh
    interpreters running ``code`` (which prints its CPU time at its first paint)."""
    best_paint = best_whole = float("inf")
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        whole = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        best_paint = min(best_paint, float(out.split()[-1]))
        best_whole = min(best_whole, whole * 1000)
    return best_paint, best_whole


def first_key(key: str, delay: float, runs: int) -> tuple[float, float]:
    """Best wall milliseconds from ``key`` (posted ``delay`` s after the first paint) to
    its being handled, and to the screen painted after it."""
    best = (float("inf"), float("inf"))
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", FIRST_KEY, key, str(delay)],
                             check=True, capture_output=True, text=True).stdout
        handled, painted = (float(x) for x in out.split()[-2:])
        best = min(best, (handled, painted))
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--quick", action="store_true", help="one run each (for the test suite)")
    args = parser.parse_args()
    runs = 1 if args.quick else args.runs
    compileall.compile_dir(str(Path(__file__).resolve().parent.parent / "reader"), quiet=1)
    minimal_paint, minimal_whole = best_times(MINIMAL, runs)
    reader_paint, reader_whole = best_times(READER, runs)
    print(f"minimal Textual app (one Static): {minimal_paint:6.1f} ms CPU to the first paint, "
          f"{minimal_whole:6.1f} ms whole process  (best of {runs})")
    print(f"reader on the seeds, two panes:   {reader_paint:6.1f} ms CPU to the first paint, "
          f"{reader_whole:6.1f} ms whole process  (best of {runs})")
    print(f"ratio reader/minimal (CPU): {reader_paint / minimal_paint:.2f} to the first paint (target <= 1.3); "
          f"{reader_whole / minimal_whole:.2f} whole process")
    key_runs = 1 if args.quick else max(1, runs // 2)
    for key in ("down", "w"):
        for delay in (0.0, 0.3):
            handled, painted = first_key(key, delay, key_runs)
            when = "at the first paint" if not delay else f"{delay * 1000:.0f} ms after it"
            print(f"first key {key!r} {when}: handled after {handled:5.1f} ms, "
                  f"painted after {painted:5.1f} ms (wall, best of {key_runs})")


if __name__ == "__main__":
    main()
