"""Helpers for the TUI tests: documents written by the test, apps to drive, screen text."""

from __future__ import annotations

from pathlib import Path

from reader.core.loading import load_documents
from reader.tui.app import ReaderApp


def write_docs(tmp_path: Path, **texts: str) -> list[Path]:
    """Write each ``name=text`` as ``name.txt`` under ``tmp_path``; returns the paths."""
    paths = []
    for name, text in texts.items():
        path = tmp_path / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def app_for(paths: list[Path] | None = None, shown: list[int] | None = None, **options) -> ReaderApp:
    """A ReaderApp on ``paths`` (the seeds when None), as `reader` would build it."""
    from reader.commands.open import first_panes

    result = load_documents([str(p) for p in paths] if paths else [])
    if shown is None:
        shown = first_panes(result.documents, [str(p) for p in paths] if paths else [])
    return ReaderApp(result.documents, shown, **options)


def screen_lines(app: ReaderApp) -> list[str]:
    """What the terminal would show, one string per row."""
    return ["".join(segment.text for segment in strip) for strip in app.screen._compositor.render_strips()]
