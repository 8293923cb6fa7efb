"""`reader curate` in a real terminal (tmux): it starts on the first disagreement, takes the
vim keymap's keys, decides, and the decisions are in the database another process reads."""

from __future__ import annotations

import shutil
import sys
import time

import pytest

from reader.annotate.curation import Curation
from reader.cli import main
from reader.store.database import AnnotationStore
from team_support import team
from tmux_support import TmuxTerminal as Terminal

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


def test_curate_in_a_terminal_with_the_vim_keymap(tmp_path, capsys):
    paths = team(tmp_path, "rana", "omar")
    gold = tmp_path / "gold.json"
    assert main(["merge", *map(str, paths), "--into", str(gold)]) == 0
    term = Terminal([sys.executable, "-m", "reader", "curate", str(gold), "--keymap", "vim",
                     "--annotator", "cur"], width=100, height=30)
    try:
        term.wait_for("2/2 left")
        term.wait_for("≠ disagreed")
        term.keys("j")                     # vim: the second version
        term.wait_for("▶ 2")
        term.keys("a")
        term.wait_for("1/2 left")
        term.keys("r")
        term.wait_for("0/2 left")
        term.keys("q")
        deadline = time.monotonic() + 20
        while term.alive() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not term.alive()            # q quit, and the store was closed on the way out
    finally:
        term.close()
    with AnnotationStore.open(gold, read_only=True) as store:
        states = sorted(r["state"] for r in Curation(store).candidates().values())
        assert states == ["accepted", "rejected", "rejected", "rejected"]
        assert [s.annotator for s in store.spans() if s.annotator == "cur"] == ["cur"]
