"""The TUI benchmarks still run (tiny sizes, once); their figures live in docs/performance.md."""

from __future__ import annotations

import re
import subprocess
import sys

from conftest import REPO


def _run(script: str) -> str:
    run = subprocess.run([sys.executable, str(REPO / "bench" / script), "--quick"],
                         capture_output=True, text=True, cwd=REPO, timeout=300)
    assert run.returncode == 0, run.stderr
    return run.stdout


def test_startup_bench_prints_a_ratio_against_a_minimal_textual_app():
    out = _run("bench_tui_startup.py")
    assert re.search(r"ratio reader/minimal \(CPU\): \d+\.\d\d", out), out


def test_scroll_bench_prints_size_and_textarea_ratios():
    out = _run("bench_scroll.py")
    assert re.search(r"ratio [\d.]+ MB / 10 KB: \d+\.\d\d", out), out
    assert re.search(r"ratio reader / TextArea on [\d.]+ MB: \d+\.\d\d", out), out


def test_news_bench_prints_its_ratios_against_reading_the_raw_bytes():
    out = _run("bench_news.py")
    assert re.search(r"load_documents \(every page extracted\): +[\d.]+ ms +ratio +[\d.]+", out), out
    assert re.search(r"lazy library, first screen painted: +[\d.]+ ms +ratio +[\d.]+", out), out
    assert re.search(r"WARC of the \d+ pages: warcio reads every payload", out), out
