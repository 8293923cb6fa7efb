"""Keys that must do what the keymap says, in a real terminal (tmux), with the keys of
keymaps/default.toml and keymaps/vim.toml: vim counts are counts (never tags), tagging
has its own keys in vim, and help names the label of every tag key and how to quit."""

from __future__ import annotations

import re
import shlex
import shutil
import sys
import time

import pytest

from reader.store.database import AnnotationStore
from tmux_support import TmuxTerminal

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (CI installs it)")

LINES = [f"Line {n} of the text with some words here." for n in range(1, 13)]


def _spans(db):
    if not db.exists():
        return []
    store = AnnotationStore.open(db, read_only=True)
    try:
        return list(store.snapshot().spans)
    finally:
        store.close()


def _reader(tmp_path, keymap: str) -> TmuxTerminal:
    doc = tmp_path / "doc.txt"
    doc.write_text("\n".join(LINES) + "\n", encoding="utf-8")
    command = [sys.executable, "-m", "reader", str(doc), "--db", str(tmp_path / "a.db"), "--keymap", keymap]
    term = TmuxTerminal(shlex.join(command), cwd=tmp_path, width=100, height=30)
    term.wait_for_settled("offset 0")  # the keymap is applied just after the first paint
    return term


def test_vim_digits_are_counts_and_t_then_a_key_tags(tmp_path):
    db = tmp_path / "a.db"
    term = _reader(tmp_path, "vim")
    try:
        term.keys("5", "j")
        term.wait_for("¶ 6/12")  # five lines down
        term.keys("3", "w")  # three words on: "Line 6 of |the"
        start = len("\n".join(LINES[:5])) + 1 + len("Line 6 of ")
        term.wait_for(f"offset {start} ")
        time.sleep(0.5)
        assert _spans(db) == []  # nothing was tagged by the digits
        term.keys("T", "2")
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and not _spans(db):
            time.sleep(0.2)
        (span,) = _spans(db)
        assert (span.label, span.start, span.text) == ("ORG", start, "the")
    finally:
        term.close()


@pytest.mark.parametrize("keymap, help_key, tag_keys", [
    ("default", "?", ["1 PERSON", "2 ORG", "3 GPE", "4 LOC", "5 PROGRAM", "6 DATE", "7 QUANTITY"]),
    ("vim", "F1", ["T 1 PERSON", "T 2 ORG", "T 5 PROGRAM", "T 7 QUANTITY"]),
])
def test_help_names_the_label_of_each_tag_key_and_how_to_quit(tmp_path, keymap, help_key, tag_keys):
    term = _reader(tmp_path, keymap)
    try:
        term.keys(help_key)
        rows = term.wait_for("Tag keys")
        screen = "\n".join(rows)
        assert "Quit the reader: q, ctrl+q" in screen
        for pair in tag_keys:
            keys, label = pair.rsplit(" ", 1)
            assert any(re.search(rf"│{re.escape(keys)} +{label} ", row) for row in rows), pair

    finally:
        term.close()
