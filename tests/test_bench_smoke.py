"""The bidi benchmarks still run (at a tiny size) and print their ratios.

Benchmarks are not tests: this only keeps them working. Figures live in
docs/performance.md.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest

from conftest import REPO


def _run(*args: str) -> str:
    run = subprocess.run([sys.executable, *args], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    return run.stdout


def test_uba_bench_prints_ratios_against_python_bidi_and_fribidi():
    out = _run("bench/bench_uba.py", "--quick")
    assert re.search(r"ratio uba / get_display:\s+\d+\.\d+", out), out


@pytest.mark.skipif(shutil.which("fribidi") is None, reason="fribidi (libfribidi-bin) is not installed")
def test_render_bench_prints_a_ratio_against_fribidi_and_the_screen_ratio():
    out = _run("bench/bench_render.py", "--runs", "1", "--mb", "0.05")
    assert re.search(r"reader render --jobs 1: .*wall ratio \d+\.\d+x", out), out
    assert re.search(r"ratio:\s+\d+\.\d+ \(goal ~1\)", out), out


def test_suggest_bench_prints_a_ratio_against_the_fold():
    out = _run("bench/bench_suggest.py", "--quick")
    assert re.search(r"suggest \d+\.\d+s \([\d,]+ suggestions\)  fold \d+\.\d+s  ratio \d+\.\d+", out), out


def test_compare_bench_prints_its_ratio_against_align():
    out = _run("bench/bench_compare.py", "--quick")
    assert re.search(r"ratio compare / align:\s+\d+\.\d+ \(goal ≤ 2\)", out), out
