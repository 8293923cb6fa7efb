"""Benchmark `reader render` on huge inputs: time and peak memory against references
measured in the same run.

Three one-paragraph documents of --mb megabytes (UTF-8): Latin and Arabic words with
spaces, one Latin "word" without any space, and Arabic letters without any space; and
a document of many short paragraphs of news (the seeds' Arabic). Each is rendered
with `reader render --width 80 --jobs 1 FILE > /dev/null` in a child process that
reports its own peak resident size (VmHWM). References, same file, same run:

* time: `fribidi --width 80 FILE` (GNU FriBidi, C), when installed;
* memory: a Python process that only reads and decodes the file (what holding the
  document's text costs): the ratio says how many times the text the render holds.

Run: .venv/bin/python bench/bench_render_stream.py [--mb 50] [--quick]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from bench_render import arabic_corpus  # noqa: E402

PEAK = (
    "import sys\n"
    "{body}\n"
    "peak = [l for l in open('/proc/self/status') if l.startswith('VmHWM:')][0].split()[1]\n"
    "print(peak, file=sys.stderr)\n"
)
RENDER = PEAK.format(body="from reader.cli import main\nmain(sys.argv[1:])")
READ = PEAK.format(body="open(sys.argv[1], encoding='utf-8').read()")


def inputs(size: int) -> dict[str, str]:
    words = "The ILRS station will be built by 2035 مرحبا بالعالم والقمر 2021 (Roscosmos) "
    return {
        "one paragraph, words": (words * (size // len(words.encode()) + 1))[: size * len(words) // len(words.encode())] + "\n",
        "one paragraph, no space (Latin)": "x" * size + "\n",
        "one paragraph, no space (Arabic)": ("بسملة" * (size // 10 + 1))[: size // 2] + "\n",
        "many paragraphs (news)": arabic_corpus(size),
    }


def peak_of(script: str, *args: str) -> tuple[float, int]:
    """(wall seconds, peak KB) of a Python child running ``script`` with ``args``."""
    start = time.perf_counter()
    run = subprocess.run(
        [sys.executable, "-c", script, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        text=True, check=True,
    )
    return time.perf_counter() - start, int(run.stderr.strip().splitlines()[-1])


def fribidi_time(path: str) -> float | None:
    if shutil.which("fribidi") is None:
        return None
    start = time.perf_counter()
    with open(path, "rb") as source:
        subprocess.run(["fribidi", "--width", "80"], stdin=source, stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=50.0, help="size of each input (default 50 MB)")
    parser.add_argument("--quick", action="store_true", help="0.2 MB inputs (for the smoke test)")
    parser.add_argument("--only", help="run only the inputs whose name contains this")
    args = parser.parse_args()
    size = int((0.2 if args.quick else args.mb) * 1_000_000)
    with tempfile.TemporaryDirectory() as tmp:
        for name, text in inputs(size).items():
            if args.only and args.only not in name:
                continue
            path = os.path.join(tmp, "input.txt")
            with open(path, "w", encoding="utf-8") as out:
                out.write(text)
            megabytes = os.path.getsize(path) / 1e6
            chars = len(text)
            del text
            read_s, read_kb = peak_of(READ, path)
            render_s, render_kb = peak_of(RENDER, "render", "--width", "80", "--jobs", "1", path)
            reference = fribidi_time(path)
            print(f"{name}: {megabytes:.1f} MB, {chars:,} code points")
            print(f"  reader render: {render_s:.2f} s, peak {render_kb / 1024:.0f} MB "
                  f"({render_s / chars * 1e6:.2f} µs per code point)")
            print(f"  reading the file: {read_s:.2f} s, peak {read_kb / 1024:.0f} MB; "
                  f"memory ratio render / reading: {render_kb / read_kb:.2f}")
            if reference is not None:
                print(f"  fribidi --width 80: {reference:.2f} s; time ratio render / fribidi: {render_s / reference:.1f}")
            sys.stdout.flush()


if __name__ == "__main__":
    main()
