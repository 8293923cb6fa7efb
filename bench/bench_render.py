"""Benchmark `reader render` against GNU FriBidi, and one screen of a big document.

1. ~2 MB of Arabic news built by shuffling the sentences and words of seeds 000 and
   002 (every paragraph different, so caching whole paragraphs cannot be what wins);
   `reader render --width 80 FILE > /dev/null` in one process (`--jobs 1`) and in
   two (`--jobs 2`; the default when a second CPU is idle) against
   `fribidi --width 80 FILE`, same file,
   runs interleaved (the machine is shared): best of N each, and the median of the N
   paired ratios; CPU times (user + system, children included) too, less sensitive
   to other jobs on the machine. The seeds have only ~620 distinct words, which
   flatters per-word caching; `--vocabulary N` builds the same corpus with about N
   distinct word forms, as real news has (see `vocabulary_corpus`). The package's bytecode is compiled first, as an
   installed package's is (with PYTHONDONTWRITEBYTECODE set, an edited module would
   otherwise be recompiled on every start and counted).
2. Laying out one screen (40 lines) from the middle of a 10 MB document against a
   10 KB one: the cost must not depend on the document's size.

Run: .venv/bin/python bench/bench_render.py [--runs N] [--mb 2] [--vocabulary 30000]
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

#: Clitics of Arabic news text: conjunctions, prepositions and the article before a
#: stem, pronoun and plural/feminine endings after it.
PROCLITICS = ["", "", "", "و", "ف", "ب", "ل", "ال", "وال", "بال", "لل", "فال", "وب", "ول", "كال", "س", "وس"]
ENCLITICS = ["", "", "", "ه", "ها", "هم", "نا", "ات", "ين", "ون", "ة", "ي", "كم", "هما", "تها", "ته", "يه"]
#: Common derivation patterns; 1, 2, 3 stand for the root's letters.
PATTERNS = [
    "1ا23", "م12و3", "ت12ي3", "است12ا3", "ي123", "ت123", "12ا3", "م123", "ان12ا3", "12ي3",
    "ت1ا23", "م1ا23", "ا1ت2ا3", "م1ت23", "مست123", "12و3", "ي1ت23", "ن123", "أ123", "1ا2ي3",
    "م12ّ3", "ت12ّ3", "1ّ2ا3", "12ا3ة", "م1ا2ي3", "أ12ا3", "ت1ا2ي3",
]
ROOT_LETTERS = "بتثجحخدذرزسشصضطظعغفقكلمنهوي"
LATIN_SYLLABLES = ["ka", "ro", "mi", "tan", "ber", "lin", "so", "va", "del", "mar", "ton", "gu", "xi", "an",
                   "ste", "ph", "en", "ric", "hol", "ly", "wo", "od", "sa", "mu", "el", "ner", "zh", "ang"]


def _stem(word: str) -> str:
    for prefix in ("وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب", "ل"):
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            word = word[len(prefix):]
            break
    for suffix in ("هما", "ها", "هم", "نا", "ات", "ين", "ون", "ة", "ه", "ي"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def derived_words(seed_words: list[str], rng: random.Random):
    """An endless stream of plausible word forms, most of them new: seed stems and
    roots (from the seeds' 3-letter stems and random letters) in common patterns,
    with clitics; ~3 % Latin names, ~2 % numbers, ~10 % with a trailing comma or
    full stop, about the seeds' own rates."""
    arabic = [w for w in seed_words if all("\u0621" <= ch <= "\u064a" for ch in w)]
    stems = sorted({_stem(w) for w in arabic if len(_stem(w)) >= 2})
    roots = sorted({s for s in stems if len(s) == 3})
    while True:
        pick = rng.random()
        if pick < 0.03:
            name = "".join(rng.choice(LATIN_SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()
            word = name if rng.random() < 0.8 else name.upper()[: rng.randint(2, 5)]
        elif pick < 0.05:
            word = rng.choice([str(rng.randint(1900, 2030)), str(rng.randint(1, 999)),
                               f"{rng.randint(1, 99)}.{rng.randint(1, 9)}", f"{rng.randint(1, 999)},{rng.randint(0, 999):03d}"])
        else:
            if rng.random() < 0.4:
                stem = rng.choice(stems)
            else:
                root = rng.choice(roots) if rng.random() < 0.5 else "".join(rng.choices(ROOT_LETTERS, k=3))
                stem = rng.choice(PATTERNS)
                for k, letter in enumerate(root, 1):
                    stem = stem.replace(str(k), letter)
            word = rng.choice(PROCLITICS) + stem + rng.choice(ENCLITICS)
            word = word.replace("لال", "لل")
        if rng.random() < 0.1:
            word += rng.choice("،.")
        yield word


def vocabulary_corpus(size: int, vocabulary: int, seed: int = 1) -> str:
    """`arabic_corpus` with about ``vocabulary`` distinct word forms: in each
    paragraph of shuffled seed sentences, ~40 % of the words are replaced by derived
    forms (`derived_words`), new ones introduced at an even rate through the text
    so that the corpus ends with about ``vocabulary`` distinct words, the others
    drawn again, most recently seen first-ish (Zipf-like: a few forms often, most
    rarely)."""
    rng = random.Random(seed)
    sources = [next(ROOT.glob(f"seeds/{n}_*.txt")).read_text(encoding="utf-8") for n in ("000", "002")]
    sentences = [s.strip() for text in sources for s in text.replace("\n", ".").split(".") if s.strip()]
    seed_words = [w for s in sentences for w in s.split()]
    distinct = set(seed_words)
    fresh = derived_words(seed_words, rng)
    seen: list[str] = []
    target = max(0, vocabulary - len(distinct))
    paragraphs, total = [], 0
    while total < size:
        body = ". ".join(rng.sample(sentences, rng.randint(2, 5))).split()
        for i in range(len(body)):
            if rng.random() >= 0.4:
                continue
            if len(seen) < target * total / size:
                word = next(fresh)
                while word in distinct:
                    word = next(fresh)
                distinct.add(word)
                seen.append(word)
                body[i] = word
            elif seen:
                body[i] = seen[int(len(seen) * rng.random() ** 3)]  # skewed to the earliest: frequent words
        paragraph = " ".join(body) + "."
        paragraphs.append(paragraph)
        total += len(paragraph.encode("utf-8")) + 1
    return "\n".join(paragraphs) + "\n"


def reader_command() -> list[str]:
    """The installed `reader` script, as a user runs it (``python -m reader`` would add
    runpy's ~4 ms of start-up), or ``python -m reader`` when there is none."""
    script = Path(sys.executable).with_name("reader")
    return [str(script)] if script.exists() else [sys.executable, "-m", "reader"]


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
    parser.add_argument("--vocabulary", type=int, default=0,
                        help="about this many distinct word forms (default: the seeds' ~620)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "arabic.txt"
        size = int(args.mb * 1_000_000)
        text = vocabulary_corpus(size, args.vocabulary) if args.vocabulary else arabic_corpus(size)
        path.write_text(text, encoding="utf-8")
        size = path.stat().st_size
        words = len(set(text.split()))
        reader = [*reader_command(), "render", "--width", "80", str(path)]
        fribidi = ["fribidi", "--width", "80", str(path)]
        compileall.compile_dir(str(ROOT / "reader"), quiet=1)
        single, double, theirs = interleaved_runs(
            args.runs, [reader + ["--jobs", "1"], reader + ["--jobs", "2"], fribidi]
        )
        print(f"render {size / 1e6:.2f} MB of Arabic ({words} distinct words), width 80, {args.runs} runs each, interleaved "
              f"(load average before: {os.getloadavg()[0]:.1f}):")
        wall_theirs, cpu_theirs = min(t[0] for t in theirs), min(t[1] for t in theirs)
        print(f"  fribidi:                 wall best {wall_theirs:.3f} s, CPU best {cpu_theirs:.3f} s")
        for name, ours in (("reader render --jobs 1", single), ("reader render --jobs 2", double)):
            wall, cpu = min(t[0] for t in ours), min(t[1] for t in ours)
            ratios = sorted(a[0] / b[0] for a, b in zip(ours, theirs))
            print(f"  {name + ':':24} wall best {wall:.3f} s, CPU best {cpu:.3f} s; wall ratio "
                  f"{wall / wall_theirs:.2f}x of the bests, {ratios[len(ratios) // 2]:.2f}x median of pairs "
                  f"(goal <= 3x); CPU ratio {cpu / cpu_theirs:.2f}x")
        # Which of the two a plain `reader render` would have chosen for this file on
        # this machine just now (two processes for a large document when a second CPU
        # is idle: render._default_jobs).
        from reader.commands.render import FORK_MIN_CHARS, _default_jobs

        jobs = _default_jobs() if len(text) >= FORK_MIN_CHARS else 1
        print(f"  a plain `reader render --width 80` of this file here now takes --jobs {jobs}")
    small, big = arabic_corpus(10_000, seed=2), arabic_corpus(10_000_000, seed=3)
    t_small, t_big = screen_time(small), screen_time(big)
    print("one screen (40 lines, width 80), cold layout cache:")
    print(f"  10 KB document: {t_small * 1e3:.2f} ms")
    print(f"  10 MB document: {t_big * 1e3:.2f} ms")
    print(f"  ratio:          {t_big / t_small:.2f} (goal ~1)")


if __name__ == "__main__":
    main()
