"""The end-to-end annotation flow in a real terminal: tmux runs `reader`, `send-keys`
types only keys of the keymap under test (default, then vim), and the result is read
back from the database and from `reader export`."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader.core.loading import load_documents
from reader.core.search import find_next
from reader.store.database import AnnotationStore
from tmux_support import TmuxTerminal as Terminal

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

WIDTH, HEIGHT = 160, 45
ROSCOSMOS_AR = "روسكوزموس"
CLAIM_000, CLAIM_004 = "المرتبة الثالثة", "ranked second"


def _until(condition, what: str, timeout: float = 30) -> None:
    """Poll ``condition`` (which reads the database) until it holds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.15)
    raise AssertionError(f"timed out waiting for {what}")


def _read(db: Path):
    """A snapshot of the database as another process sees it (read-only, no lock)."""
    store = AnnotationStore.open(db, read_only=True)
    try:
        return store.snapshot()
    finally:
        store.close()


def _search(term: Terminal, document, query: str, after: int) -> int:
    """/ query enter; waits until the status line shows the cursor on the match."""
    start, _ = find_next(document, query, after)
    term.keys("/")
    term.wait_for("search forward")
    term.type(query)
    term.keys("Enter")
    term.wait_for(f"offset {start} ")
    return start


@pytest.mark.parametrize("keymap, redo", [("default", "U"), ("vim", "C-r")])
def test_annotation_flow_in_tmux_with_the_keymap(tmp_path, keymap, redo):
    db = tmp_path / "annotations.db"
    seeds = {d.id[:3]: d for d in load_documents([]).documents}
    d000, d004 = seeds["000"], seeds["004"]
    command = [sys.executable, "-m", "reader", "--db", str(db), "--annotator", "tmux"]
    if keymap != "default":
        command += ["--keymap", keymap]
    term = Terminal(command, cwd=tmp_path, width=WIDTH, height=HEIGHT)
    try:
        term.wait_for("annotations.db: new, created by the first change")
        term.wait_for(f"¶ 1/{len(d000.paragraphs)}")  # the focused pane is 000

        tag_org = ["2"] if keymap == "default" else ["T", "2"]  # vim: digits are counts
        _search(term, d000, ROSCOSMOS_AR, -1)
        assert not db.exists()  # reading alone writes nothing
        term.keys(*tag_org)
        _until(lambda: db.exists() and len(_read(db).spans) == 1, "the ORG span in 000")
        term.wait_for("annotations.db: saved")
        term.keys("E")
        term.wait_for("Create new entity")
        term.type("Roscosmos")
        time.sleep(0.3)  # the list follows the typing
        term.wait_for("«Roscosmos»")
        term.keys("Enter")  # the first row creates the entity named as typed
        _until(lambda: len(_read(db).entities) == 1, "the new entity")

        term.keys("Tab")
        term.wait_for(f"/{len(d004.paragraphs)} ·")
        _search(term, d004, "Roscosmos", -1)
        term.keys(*tag_org)
        _until(lambda: len(_read(db).spans) == 2, "the ORG span in 004")
        term.keys("E")
        term.wait_for("Link «Roscosmos»")
        term.keys("Enter")
        _until(lambda: all(s.entity_id for s in _read(db).spans), "the second mention linked")

        term.keys("Tab")
        term.wait_for(f"/{len(d000.paragraphs)} ·")
        _search(term, d000, CLAIM_000, -1)
        term.keys("i", "s", "c")
        _until(lambda: sum(s.kind == "claim" for s in _read(db).spans) == 1, "the claim in 000")
        term.keys("C")
        term.wait_for("linking claim")
        term.keys("Tab")
        term.wait_for(f"/{len(d004.paragraphs)} ·")
        _search(term, d004, CLAIM_004, -1)
        term.keys("i", "s", "c")
        _until(lambda: sum(s.kind == "claim" for s in _read(db).spans) == 2, "the claim in 004")
        term.keys("C")
        term.wait_for("Link two claims")
        term.keys("x")
        _until(lambda: len(_read(db).links) == 1, "the claim link")

        term.keys("u")
        _until(lambda: not _read(db).links, "undo")
        term.keys(redo)
        _until(lambda: len(_read(db).links) == 1, "redo")
        term.keys("q")
        _until(lambda: not term.alive(), "reader to quit")
    finally:
        term.close()

    done = subprocess.run([sys.executable, "-m", "reader", "export", "--format", "jsonl", "--db", str(db)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    records = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    documents = {r["id"][:3]: r for r in records if r["record"] == "document"}
    spans = {(key, s["text"]): s for key, d in documents.items() for s in d["spans"]}
    assert len(spans) == 4
    for (key, text), span in spans.items():
        assert documents[key]["text"][span["start"]:span["end"]] == text and span["annotator"] == "tmux"
    (entity,) = [r for r in records if r["record"] == "entity"]
    assert entity["name"] == "Roscosmos"
    assert spans[("000", ROSCOSMOS_AR)]["entity_id"] == spans[("004", "Roscosmos")]["entity_id"] == entity["id"]
    claims = {key: s for (key, _), s in spans.items() if s["kind"] == "claim"}
    assert CLAIM_000 in claims["000"]["text"] and CLAIM_004 in claims["004"]["text"]
    (link,) = [r for r in records if r["record"] == "link"]
    assert (link["source"], link["target"], link["type"]) == (claims["000"]["id"], claims["004"]["id"], "contradicts")
