"""The type checker passes over reader/ with the configuration in pyproject.toml
([tool.mypy]: ordinary checks everywhere, strict on the layers below the TUI)."""

from __future__ import annotations

import subprocess
import sys

from conftest import REPO

#: what --strict turns on per module, which pyproject.toml must set for these packages
STRICT_PACKAGES = ["reader.core", "reader.bidi", "reader.store", "reader.formats", "reader.align", "reader.annotate"]


def _mypy(*args: str, cwd=REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", str(REPO / "pyproject.toml"), *args],
        cwd=cwd, capture_output=True, text=True,
    )


def test_mypy_passes_over_reader():
    # The cache in the checkout (.mypy_cache, ignored by git) makes a second run take a
    # few seconds; a fresh clone pays the whole check once (~25 s on a busy 2-core machine).
    run = _mypy("--cache-dir", str(REPO / ".mypy_cache"))
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.startswith("Success: no issues found in "), run.stdout
    checked = int(run.stdout.split(" in ")[1].split()[0])
    assert checked >= 100, run.stdout  # the whole of reader/, not a stray subset


def test_the_layers_below_the_tui_are_checked_strictly_and_the_tui_ordinarily(tmp_path):
    # The same untyped function in a strict package and in the TUI: only the first is an
    # error. Guards the per-module overrides (a typo in a module pattern would silently
    # turn strictness off).
    for package in [*STRICT_PACKAGES, "reader.tui", "reader.commands"]:
        folder = tmp_path.joinpath(*package.split("."))
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "__init__.py").write_text("")
        (folder / "probe.py").write_text("def untyped(x):\n    return x\n")
    (tmp_path / "reader" / "__init__.py").write_text("")
    run = _mypy("--cache-dir", str(tmp_path / "cache"), "-p", "reader", cwd=tmp_path)
    flagged = sorted({line.split(":")[0] for line in run.stdout.splitlines() if "[no-untyped-def]" in line})
    expected = sorted(f"{package.replace('.', '/')}/probe.py" for package in STRICT_PACKAGES)
    assert flagged == expected, run.stdout + run.stderr


def test_every_type_ignore_names_its_error_and_says_why():
    # mypy itself rejects an ignore without an error code (enable_error_code
    # "ignore-without-code") and one that no longer silences anything (warn_unused_ignores);
    # the reason is for the reader: a comment after the ignore.
    import re

    ignore = re.compile(r"#\s*type:\s*ignore\b(?P<rest>.*)$")
    unexplained = []
    for path in sorted((REPO / "reader").rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            found = ignore.search(line)
            if found and not re.match(r"\[[a-z-]+(, *[a-z-]+)*\]\s+#\s*\S", found["rest"]):
                unexplained.append(f"{path.relative_to(REPO)}:{number}: {line.strip()}")
    assert unexplained == []
