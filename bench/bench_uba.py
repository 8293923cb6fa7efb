"""Speed of reader.bidi.uba (resolve_paragraph + reorder_line of the whole
paragraph as one line) against python-bidi's get_display (Rust unicode-bidi),
over a ~2 MB corpus of Arabic-with-Latin news paragraphs.

    .venv/bin/python bench/bench_uba.py [--quick] [--size BYTES] [--repeat N]

The corpus shuffles the sentences, and the words inside them, of the bundled
Arabic seed articles (seeds/000*, seeds/002*), so no two paragraphs repeat and
no per-paragraph cache could help.  Prints both absolute times and the ratio.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bidi import get_display  # noqa: E402

from reader.bidi.uba import reorder_line, resolve_paragraph  # noqa: E402


def build_corpus(size: int, seed: int = 9) -> list[str]:
    text = "\n".join(
        p.read_text(encoding="utf-8")
        for pattern in ("000*.txt", "002*.txt")
        for p in sorted((ROOT / "seeds").glob(pattern))
    )
    sentences = [s.split() for s in re.split(r"(?<=[.!?؟])\s+|\n+", text) if len(s.split()) > 2]
    rng = random.Random(seed)
    seen: set[str] = set()
    paragraphs: list[str] = []
    total = 0
    while total < size:
        parts = []
        for words in rng.sample(sentences, rng.randint(1, 4)):
            words = words[:]
            rng.shuffle(words)
            parts.append(" ".join(words))
        para = " ".join(parts)
        if para not in seen:
            seen.add(para)
            paragraphs.append(para)
            total += len(para.encode("utf-8")) + 1
    return paragraphs


def best_of(repeat: int, fn) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def run_uba(paragraphs: list[str]) -> None:
    for p in paragraphs:
        reorder_line(resolve_paragraph(p), 0, len(p))


def run_get_display(paragraphs: list[str]) -> None:
    for p in paragraphs:
        get_display(p)


def run_fribidi(paragraphs: list[str]) -> float | None:
    """The fribidi command over the same text, for context (process start included)."""
    exe = shutil.which("fribidi")
    if not exe:
        return None
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".txt") as f:
        f.write("\n".join(paragraphs))
        f.flush()
        t = time.perf_counter()
        subprocess.run([exe, "--nobreak", "--nopad", f.name], stdout=subprocess.DEVNULL, check=True)
        return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="tiny corpus, one repeat")
    ap.add_argument("--size", type=int, default=2_000_000, help="corpus size in UTF-8 bytes")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    size, repeat = (20_000, 1) if args.quick else (args.size, args.repeat)
    paragraphs = build_corpus(size)
    chars = sum(map(len, paragraphs))
    # Warm up (fills uba's lazy class cache and the regex caches) and check.
    for p in paragraphs[:200]:
        assert "".join(p[i] for i in reorder_line(resolve_paragraph(p), 0, len(p))) == get_display(p)
    ours = best_of(repeat, lambda: run_uba(paragraphs))
    ref = best_of(repeat, lambda: run_get_display(paragraphs))
    print(f"corpus: {len(paragraphs)} paragraphs, {chars} code points, "
          f"{sum(len(p.encode()) + 1 for p in paragraphs)} bytes UTF-8; best of {repeat}")
    print(f"uba resolve_paragraph+reorder_line: {ours:.4f} s")
    print(f"python-bidi get_display:            {ref:.4f} s")
    print(f"ratio uba / get_display:            {ours / ref:.2f}")
    fb = run_fribidi(paragraphs)
    if fb is not None:
        print(f"fribidi command (incl. process start, shaping): {fb:.4f} s; ratio uba / fribidi {ours / fb:.2f}")


if __name__ == "__main__":
    main()
