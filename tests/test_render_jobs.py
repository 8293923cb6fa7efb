"""`reader render --jobs N`: a large document laid out by several processes prints
exactly what one process prints."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest

from reader.commands.render import FORK_MIN_CHARS, _parts

ROOT = Path(__file__).resolve().parent.parent


def _render(*args: str) -> bytes:
    proc = subprocess.run([sys.executable, "-m", "reader", "render", *args], capture_output=True, check=True)
    return proc.stdout


@pytest.fixture(scope="module")
def large_document(tmp_path_factory) -> Path:
    """Shuffled seed paragraphs (Arabic, Italian, English), blank lines, one paragraph
    with controls: longer than FORK_MIN_CHARS."""
    rng = random.Random(5)
    lines = [line for p in sorted(ROOT.glob("seeds/*.txt")) for line in p.read_text(encoding="utf-8").split("\n")]
    lines += ["", "tab\there \x1b[31m red? \u202bembedded\u202c", ""]
    out, size = [], 0
    while size < FORK_MIN_CHARS * 1.3:
        line = rng.choice(lines)
        out.append(line)
        size += len(line) + 1
    path = tmp_path_factory.mktemp("jobs") / "large.txt"
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("options", [["--width", "47"], ["--no-wrap"], ["--width", "80", "--base", "rtl"]])
def test_several_processes_print_what_one_prints(large_document, options):
    alone = _render(*options, "--jobs", "1", str(large_document))
    assert alone.count(b"\n") > 2000
    for jobs in ("2", "3"):
        assert _render(*options, "--jobs", jobs, str(large_document)) == alone


def test_several_documents_keep_their_order_and_headers(large_document, tmp_path):
    small = tmp_path / "small.txt"
    small.write_text("שלום world\n", encoding="utf-8")
    args = ["--width", "60", str(small), str(large_document), str(small)]
    assert _render("--jobs", "2", *args) == _render("--jobs", "1", *args)


@pytest.mark.parametrize("count", [1, 2, 3, 7])
def test_parts_are_consecutive_balanced_and_complete(count):
    rng = random.Random(count)
    paragraphs = ["x" * rng.randint(0, 300) for _ in range(500)]
    text = "\n".join(paragraphs) + "\n"
    parts = _parts(text, count)
    assert len(parts) == count
    assert parts[0][0] == 0 and parts[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(parts, parts[1:]))  # consecutive
    assert all(start == 0 or text[start - 1] == "\n" for start, _ in parts)  # cut after a newline
    assert "".join(text[a:b] for a, b in parts) == text
    sizes = [b - a for a, b in parts]
    assert max(sizes) - min(sizes) < 2 * 301  # within a paragraph or two of each other


def test_jobs_must_be_positive():
    proc = subprocess.run(
        [sys.executable, "-m", "reader", "render", "--jobs", "0"], capture_output=True
    )
    assert proc.returncode == 2
    assert b"--jobs" in proc.stderr


def test_the_script_leaves_at_once_with_its_output_and_status(large_document, tmp_path):
    # `reader render` ends its process as soon as it is done (no freeing of its word
    # forms): the whole output must be out, and the status must still say a file failed.
    missing = tmp_path / "missing.txt"
    proc = subprocess.run(
        [sys.executable, "-m", "reader", "render", "--width", "60", str(large_document), str(missing)],
        capture_output=True,
    )
    assert proc.returncode == 1
    assert b"missing.txt" in proc.stderr
    in_process = subprocess.run(
        [sys.executable, "-c", "import sys; from reader.cli import main; sys.exit(main(sys.argv[1:]))",
         "render", "--width", "60", str(large_document), str(missing)],
        capture_output=True,
    )
    assert in_process.returncode == 1
    assert proc.stdout == in_process.stdout and len(proc.stdout) > FORK_MIN_CHARS
