"""Benchmark `reader render` against GNU FriBidi, and one screen of a big document.

1. ~2 MB of Arabic news built by shuffling the sentences and words of seeds 000 and
   002 (every paragraph different, so caching whole paragraphs cannot be what wins);
   `reader render --width 80 FILE > /dev/null` in one process (`--jobs 1`) and in
   two (`--jobs 2`; the default when a second CPU is idle) against
   `fribidi --width 80 FILE`, same file,
   runs interleaved (the machine is shared): best of N each, and the median of the N
   paired ratios; CPU times (user + system, children included) too, less sensitive
   to other jobs on the machine. The package's bytecode is compiled first, as an
   installed package's is (with PYTHONDONTWRITEBYTECODE set, an edited module would
   otherwise be recompiled on every start and counted).
2. Laying out one screen (40 lines) from the middle of a 10 MB document against a
   10 KB one: the cost must not depend on the document's size.

Run: .venv/bin/python bench/bench_render.py [--runs N] [--mb 2]
"""

from __future__ import annotations

import argparse
import compileall
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def arabic_corpus(size: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    sources = [next(ROOT.glob(f"seeds/{n}_*.txt")).read_text(encoding="utf-8") for n in ("000", "002")]
    sentences = [s.strip() for text in sources for s in text.replace("\n", ".").split(".") if s.strip()]
    words = [w for s in sentences for w in s.split()]
    paragraphs, total = [], 0
    while total < size:
        picked = rng.sample(sentences, rng.randint(2, 5))
        body = ". ".join(picked).split()
        for _ in range(rng.randint(1, 4)):  # a few random words: no paragraph repeats
            body.insert(rng.randrange(len(body) + 1), rng.choice(words))
        paragraph = " ".join(body) + "."
        paragraphs.append(paragraph)
        total += len(paragraph.encode("utf-8")) + 1
    return "\n".join(paragraphs) + "\n"


def timed(command: list[str]) -> tuple[float, float]:
    """(wall time, CPU time of the command and its children) of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def interleaved_runs(runs: int, commands: list[list[str]]) -> list[list[tuple[float, float]]]:
    """(wall, CPU) times of each command, the commands run in turn `runs` times."""
    for command in commands:
        timed(command)  # warm the page cache and the file system
    times: list[list[tuple[float, float]]] = [[] for _ in commands]
    for _ in range(runs):
        for command, spent in zip(commands, times):
            spent.append(timed(command))
    return times


def screen_time(text: str, lines: int = 40, width: int = 80, repeat: int = 20) -> float:
    """Lay out `lines` screen lines from the middle of `text`, cold cache, best of `repeat`."""
    from reader.bidi.layout import clear_cache, layout_paragraph
    from reader.core.document import Document

    document = Document("bench", "bench.txt", text)
    paragraphs = document.paragraphs  # built once when a document is opened, not per screen
    best = float("inf")
    for _ in range(repeat):
        clear_cache()
        start = time.perf_counter()
        shown, index = 0, len(paragraphs) // 2
        while shown < lines and index < len(paragraphs):
            shown += len(layout_paragraph(paragraphs[index].text, width).lines)
            index += 1
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--mb", type=float, default=2.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "arabic.txt"
        path.write_text(arabic_corpus(int(args.mb * 1_000_000)), encoding="utf-8")
        size = path.stat().st_size
        reader = [sys.executable, "-m", "reader", "render", "--width", "80", str(path)]
        fribidi = ["fribidi", "--width", "80", str(path)]
        compileall.compile_dir(str(ROOT / "reader"), quiet=1)
        single, double, theirs = interleaved_runs(
            args.runs, [reader + ["--jobs", "1"], reader + ["--jobs", "2"], fribidi]
        )
        print(f"render {size / 1e6:.2f} MB of Arabic, width 80, {args.runs} runs each, interleaved "
              f"(load average before: {os.getloadavg()[0]:.1f}):")
        wall_theirs, cpu_theirs = min(t[0] for t in theirs), min(t[1] for t in theirs)
        print(f"  fribidi:                 wall best {wall_theirs:.3f} s, CPU best {cpu_theirs:.3f} s")
        for name, ours in (("reader render --jobs 1", single), ("reader render --jobs 2", double)):
            wall, cpu = min(t[0] for t in ours), min(t[1] for t in ours)
            ratios = sorted(a[0] / b[0] for a, b in zip(ours, theirs))
            print(f"  {name + ':':24} wall best {wall:.3f} s, CPU best {cpu:.3f} s; wall ratio "
                  f"{wall / wall_theirs:.2f}x of the bests, {ratios[len(ratios) // 2]:.2f}x median of pairs "
                  f"(goal <= 3x); CPU ratio {cpu / cpu_theirs:.2f}x")
    small, big = arabic_corpus(10_000, seed=2), arabic_corpus(10_000_000, seed=3)
    t_small, t_big = screen_time(small), screen_time(big)
    print("one screen (40 lines, width 80), cold layout cache:")
    print(f"  10 KB document: {t_small * 1e3:.2f} ms")
    print(f"  10 MB document: {t_big * 1e3:.2f} ms")
    print(f"  ratio:          {t_big / t_small:.2f} (goal ~1)")


if __name__ == "__main__":
    main()
