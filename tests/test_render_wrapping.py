"""`reader render --width N`: wrapping, alignment, words kept whole and in order."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from rich.cells import cell_len

from reader.bidi.layout import layout_paragraph

SEEDS = sorted(Path(__file__).resolve().parent.parent.glob("seeds/*.txt"))


def _render(*args: str) -> list[str]:
    proc = subprocess.run([sys.executable, "-m", "reader", "render", *args], capture_output=True, check=True)
    return proc.stdout.decode("utf-8").split("\n")[:-1]


@pytest.mark.parametrize("width", [20, 40, 80])
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_lines_fit_and_rtl_lines_end_at_the_width(seed, width):
    for line in _render("--width", str(width), str(seed)):
        assert cell_len(line) <= width, line
        assert line == line.rstrip(), "no trailing spaces"


@pytest.mark.parametrize("width", [20, 40, 80])
def test_rtl_paragraphs_are_right_aligned(width):
    seed = SEEDS[0]  # Arabic: every paragraph is RTL
    lines = [l for l in _render("--width", str(width), str(seed)) if l]
    assert lines
    assert all(cell_len(line) == width for line in lines)


@pytest.mark.parametrize("width", [20, 40, 80])
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_no_word_lost_duplicated_or_reordered(seed, width):
    for paragraph in seed.read_text(encoding="utf-8").split("\n"):
        if not paragraph.strip():
            continue
        layout = layout_paragraph(paragraph, width, shape=False)
        # Lines cover the paragraph in logical order, each one contiguous.
        assert layout.lines[0].start == 0 and layout.lines[-1].end == len(paragraph)
        for before, after in zip(layout.lines, layout.lines[1:]):
            assert before.end == after.start
        words: list[str] = []
        for line in layout.lines:
            assert line.width <= width
            pieces = paragraph[line.start:line.end].split()
            if words and line.start and not paragraph[line.start - 1].isspace() and pieces:
                # A break inside a word: only allowed for a word wider than the line.
                words[-1] += pieces.pop(0)
                assert len(words[-1]) > width
            words += pieces
        assert words == paragraph.split()


def test_first_screen_line_of_an_rtl_paragraph_holds_its_first_words():
    paragraph = "وقعت روسيا والصين اتفاقية لبناء محطة أبحاث القمر الدولية ILRS التي تدور حول القمر"
    lines = _render("--width", "20", "--no-shape", _write(paragraph))
    first = lines[0].split()
    # Read right to left, the first line starts with the paragraph's first words.
    assert first[::-1][:3] == [w[::-1] for w in paragraph.split()[:3]]
    assert lines[0].endswith("تعقو")  # وقعت, reversed for the screen, at column 20
    assert len(lines) > 3


def test_a_word_longer_than_the_line_is_split():
    layout = layout_paragraph("a" * 25 + " bb", 10)
    assert [l.text for l in layout.lines] == ["a" * 10, "a" * 10, "aaaaa bb"]


def test_no_wrap_gives_one_line_per_input_line():
    text = SEEDS[0].read_text(encoding="utf-8")
    lines = _render("--no-wrap", str(SEEDS[0]))
    assert len(lines) == len(text.rstrip("\n").split("\n"))
    assert not any(line.startswith(" ") for line in lines)  # no padding


def test_blank_lines_are_kept():
    lines = _render("--width", "30", _write("Hello\n\nשלום\n"))
    assert lines == ["Hello", "", " " * 26 + "םולש"]


def test_several_documents_get_headers_one_does_not(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("alpha\n", encoding="utf-8")
    b.write_text("beta\n", encoding="utf-8")
    assert _render(str(a)) == ["alpha"]
    both = _render(str(a), str(b))
    assert both[0].startswith("==> ") and "a.txt" in both[0] and "alpha" in both
    assert any("b.txt" in line for line in both[1:])


def test_unreadable_file_is_reported_without_traceback(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "reader", "render", str(tmp_path / "missing.txt")],
        capture_output=True,
    )
    assert proc.returncode != 0
    assert b"missing.txt" in proc.stderr and b"Traceback" not in proc.stderr


def test_output_is_utf8_under_a_c_locale(tmp_path):
    path = _write("مرحبا")
    proc = subprocess.run(
        [sys.executable, "-m", "reader", "render", path], capture_output=True,
        env={"LC_ALL": "C", "LANG": "C", "PYTHONIOENCODING": "ascii", "PATH": "/usr/bin:/bin"},
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode("utf-8").strip() != ""


def _write(text: str) -> str:
    import tempfile

    handle = tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8")
    handle.write(text)
    handle.close()
    return handle.name
