"""Start-up of the reader on the seeds vs a minimal Textual app, to first painted screen.

Each app runs in a fresh interpreter (imports count), headless, and exits right after
its first refresh; the wall time of the whole process is measured, best of N.

    .venv/bin/python bench/bench_tui_startup.py [--runs N] [--quick]

Prints both times and the ratio reader / minimal in CPU time (target: <= 1.3).

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
import time
from pathlib import Path

MINIMAL = """
from textual.app import App
from textual.widgets import Static

class Minimal(App):
    def compose(self):
        yield Static("Hello")
    def on_mount(self):
        self.call_after_refresh(self.exit)

Minimal().run(headless=True, size=(160, 48))
"""

READER = """
from reader.commands.common import load_or_fail
from reader.commands.open import first_panes
from reader.tui.app import ReaderApp

class FirstPaint(ReaderApp):
    # ReaderApp runs this right after its first refresh (then it loads the keymap and
    # opens the database, which the user sees after the first screen): exit there.
    def _after_first_paint(self):
        self.exit()

documents = load_or_fail([]).documents
FirstPaint(documents, first_panes(documents, [])).run(headless=True, size=(160, 48))
"""


def best_time(code: str, runs: int) -> tuple[float, float]:
    """Best (wall, CPU) seconds of ``runs`` fresh interpreters running ``code``.

    CPU time (user + system of the child) is what the ratio uses: on a shared machine
    wall time mostly measures the neighbours.
    """
    best_wall = best_cpu = float("inf")
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        best_wall, best_cpu = min(best_wall, wall), min(best_cpu, cpu)
    return best_wall, best_cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--quick", action="store_true", help="one run each (for the test suite)")
    args = parser.parse_args()
    runs = 1 if args.quick else args.runs
    compileall.compile_dir(str(Path(__file__).resolve().parent.parent / "reader"), quiet=1)
    minimal_wall, minimal = best_time(MINIMAL, runs)
    reader_wall, reader = best_time(READER, runs)
    print(f"minimal Textual app (one Static): {minimal * 1000:7.1f} ms CPU, {minimal_wall * 1000:7.1f} ms wall  (best of {runs})")
    print(f"reader on the seeds, two panes:   {reader * 1000:7.1f} ms CPU, {reader_wall * 1000:7.1f} ms wall  (best of {runs})")
    print(f"ratio reader/minimal (CPU): {reader / minimal:.2f}  (target <= 1.3)")


if __name__ == "__main__":
    main()
