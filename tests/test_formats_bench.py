"""The formats benchmark keeps working (run once at its tiny size)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from reader.formats import IMPORT_FORMATS

ROOT = Path(__file__).parent.parent


def test_bench_formats_quick_runs_every_format_and_prints_ratios():
    run = subprocess.run([sys.executable, str(ROOT / "bench" / "bench_formats.py"), "--quick"],
                         capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    for name in IMPORT_FORMATS:
        assert any(line.startswith(name) and "x)" in line for line in lines), name
