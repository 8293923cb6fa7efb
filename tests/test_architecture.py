"""The pure core never imports Textual: checked statically and at run time."""

from __future__ import annotations

import subprocess
import sys

from conftest import REPO

CORE_PACKAGES = ["reader.core", "reader.bidi", "reader.store", "reader.formats", "reader.align", "reader.annotate"]


def test_import_linter_contract_holds():
    run = subprocess.run(
        [sys.executable, "-c", "from importlinter.cli import lint_imports_command; lint_imports_command()"],
        cwd=REPO, capture_output=True, text=True,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Contracts: 2 kept, 0 broken" in run.stdout


def test_importing_every_core_module_loads_no_textual():
    code = (
        "import pkgutil, importlib, sys\n"
        f"for package in {CORE_PACKAGES!r}:\n"
        "    module = importlib.import_module(package)\n"
        "    for info in pkgutil.walk_packages(module.__path__, package + '.'):\n"
        "        importlib.import_module(info.name)\n"
        "leaked = sorted(m for m in sys.modules if m == 'textual' or m.startswith(('textual.', 'reader.tui')))\n"
        "print(','.join(leaked))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == ""
