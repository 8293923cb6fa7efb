"""bench/bench_agree.py still runs (quick size) and prints its ratio against the export."""

from __future__ import annotations

import re
import subprocess
import sys

from conftest import REPO


def test_bench_agree_quick_prints_the_ratio_against_export():
    run = subprocess.run([sys.executable, "bench/bench_agree.py", "--quick", "--runs", "1"], cwd=REPO,
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    assert re.search(r"ratio agreement / export: \d+\.\d+x", run.stdout), run.stdout
    assert re.search(r"peak memory: agreement \d+\.\d+ MiB, export \d+\.\d+ MiB", run.stdout), run.stdout
