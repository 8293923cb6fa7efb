"""The store bench runs (tiny sizes) and reports the ratios it promises."""

from __future__ import annotations

import subprocess
import sys

from conftest import REPO


def test_store_bench_quick_prints_latencies_and_ratios():
    result = subprocess.run([sys.executable, str(REPO / "bench" / "bench_store.py"), "--quick"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "p95 save" in result.stdout and "TinyDB JSONStorage" in result.stdout
    assert "ratio 2,000/100 spans" in result.stdout and "disk floor" in result.stdout
    assert "ratio open / parse:" in result.stdout
