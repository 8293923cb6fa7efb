"""`reader render` streams: a document is written a batch of paragraphs at a time and a
long wrapped paragraph a window at a time, so memory does not grow with the input
(beyond its text), and the output is what laying out each paragraph whole gives."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest

import reader.bidi.layout as layout

#: Runs the command in this process's interpreter and reports its peak resident size
#: (KB) on the last line of stderr: VmHWM, the high-water mark of this process's own
#: memory (getrusage's ru_maxrss would carry over the parent's peak through exec).
PEAK = (
    "import sys\n"
    "from reader.cli import main\n"
    "status = main(sys.argv[1:])\n"
    "peak = [l for l in open('/proc/self/status') if l.startswith('VmHWM:')][0].split()[1]\n"
    "print(peak, file=sys.stderr)\n"
    "sys.exit(status)\n"
)


def _peak_kb(path: Path) -> int:
    run = subprocess.run(
        [sys.executable, "-c", PEAK, "render", "--width", "80", "--jobs", "1", str(path)],
        capture_output=True, text=True, encoding="utf-8", timeout=300,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.count("\n") > 100
    return int(run.stderr.strip().splitlines()[-1])


NEWS = "The station will be built by 2035 and ILRS partners, مرحبا بالعالم اليوم. " * 12 + "\n"
INPUTS = {
    # One line with no space (split inside the word): 80K and 320K characters.
    "one-word": lambda scale: "x" * 80_000 * scale + "\n",
    # Many short paragraphs of news, Arabic and Latin: ~1.2 MB and ~4.8 MB.
    "paragraphs": lambda scale: NEWS * 1100 * scale,
}


@pytest.mark.parametrize("name", sorted(INPUTS))
def test_memory_does_not_grow_with_the_input(tmp_path, name):
    # Before streaming the larger input took ~60-70 MB more than the smaller one (the
    # whole output and per-character lists of the whole paragraph were held); now the
    # difference is the input text itself and its levels (a few MB).
    paths = []
    for scale in (1, 4):
        path = tmp_path / f"{name}-{scale}.txt"
        path.write_text(INPUTS[name](scale), encoding="utf-8")
        paths.append(path)
    small_kb, large_kb = map(_peak_kb, paths)
    assert large_kb - small_kb < 15_000, (small_kb, large_kb)


ALPHABET = list("abc دهو שלום 123 ()[]-.,") + [
    "\u064e", "\u0651", "لا", "الله", " ", "  ", "\u200c", "\u200d", "\t", "\x1b", "😀", "中",
    "\u202e", "\u202c", "\u2067", "\u2069", "\u202a",
]


@pytest.mark.parametrize("seed", range(2))
def test_a_paragraph_laid_out_window_by_window_is_laid_out_as_a_whole(seed):
    rng = random.Random(seed)
    for _ in range(40):
        text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 300)))
        if rng.random() < 0.3:
            text = text.replace(" ", "")  # one long word: windows cut inside it
        width = rng.randint(1, 30)
        for options in ({}, {"shape": False}, {"show_invisibles": True}, {"order": "logical"}, {"base": "rtl"}):
            rtl, windows = layout.layout_long_paragraph(text, width, window=rng.randint(4, 50), **options)
            assert (rtl, [line for batch in windows for line in batch]) == layout.layout_texts(text, width, **options), (
                text, width, options,
            )


def test_render_of_long_paragraphs_prints_what_laying_them_out_whole_prints(tmp_path):
    rng = random.Random(7)
    paragraphs = [
        "x" * 66_000,
        "بسملة" * 13_200,
        " ".join(rng.choice(["hello", "world", "مرحبا", "بالعالم", "ILRS", "2021"]) for _ in range(12_000)),
        "    " + "word " * 13_200,
        "", "short line", "",
    ]
    path = tmp_path / "long.txt"
    path.write_text("\n".join(paragraphs) + "\n", encoding="utf-8")
    for width in (41,):
        run = subprocess.run(
            [sys.executable, "-m", "reader", "render", "--width", str(width), "--jobs", "1", str(path)],
            capture_output=True, text=True, encoding="utf-8", check=True,
        )
        expected = []
        for paragraph in paragraphs:
            if not paragraph.strip():
                expected.append("")
                continue
            rtl, lines = layout.layout_texts(paragraph, width)
            expected += [(" " * (width - cells) if rtl else "") + text for text, cells, _, _ in lines]
        assert run.stdout == "\n".join(expected) + "\n"
