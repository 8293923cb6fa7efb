"""Strings read from a database (labels, entity names, types and aliases, notes, annotators,
ids, titles, the lock holder's note) never reach the terminal with a control character:
every command's output and every dialog's rendered lines are scanned for C0/C1 controls."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import orjson

from annotate_support import focused_view, run, wait_for
from reader.core.document import Document
from reader.core.loading import load_documents
from reader.store.database import AnnotationStore
from reader.store.journal import DatabaseFiles
from reader.store.lock import WriterLock
from reader.store.model import ClaimLink, Entity, Span
from tui_support import app_for

#: a window title (OSC 0), a colour (CSI), an OSC 52 clipboard write, a C1 CSI, a C1 OSC
EVIL = "\x1b]0;PWNED\x07\x1b[31m\x1b]52;c;ZXZpbA==\x07\x9b2J\x9d0;x\x9c\x1bc"
#: what may not appear in what reaches the terminal (the pty turns \n into \r\n)
CONTROL = re.compile("[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f]")
TEXT = "Russia and China signed it. Roscosmos said so."


def hostile_db(tmp_path: Path, doc: Document) -> Path:
    """A database with the control sequences in every free-text field."""
    db = tmp_path / "hostile.db"
    with AnnotationStore.open(db, annotator="ann" + EVIL) as store:
        store.ensure_document(doc)
        entity = store.add_entity(Entity(type="GPE" + EVIL, name="Russia" + EVIL, aliases=["RU" + EVIL]))
        russia = store.add_span(Span(doc.id, 0, 6, "entity", "GPE" + EVIL, "Russia", entity_id=entity.id))
        store.add_span(Span(doc.id, 11, 16, "entity", "ORG" + EVIL, "China", status="review",
                            review_reason="moved" + EVIL))
        first = store.add_span(Span(doc.id, 0, 27, "claim", "CLAIM", TEXT[:27],
                                    attrs={"note": "note" + EVIL, "stance": "reported", "speaker": russia.id}))
        second = store.add_span(Span(doc.id, 28, 46, "claim", "CLAIM", TEXT[28:46]))
        store.add_link(ClaimLink(first.id, second.id, "supports"))
    return db


def _doc(tmp_path: Path) -> tuple[Path, Document]:
    path = tmp_path / f"a{EVIL[:12]}.txt"
    path.write_text(TEXT, encoding="utf-8")
    [doc] = load_documents([str(path)]).documents
    return path, doc


def _on_a_terminal(args: list[str]) -> bytes:
    """Run `reader ARGS` with its standard output on a pseudo-terminal (stderr on a pipe:
    a progress bar is drawn only on a terminal); everything either wrote."""
    leader, follower = pty.openpty()
    child = subprocess.Popen([sys.executable, "-m", "reader", *args], stdout=follower, stderr=subprocess.PIPE,
                             stdin=subprocess.DEVNULL)
    os.close(follower)
    out = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    err = child.stderr.read()
    child.wait(timeout=60)
    os.close(leader)
    return out + err


def test_no_command_prints_a_control_character_from_the_database(tmp_path):
    _, doc = _doc(tmp_path)
    db = hostile_db(tmp_path, doc)
    # The lock is held by a "process" whose note is hostile too.
    lock = WriterLock(DatabaseFiles.at(db))
    assert lock.acquire("x")
    (tmp_path / "hostile.db.owner").write_bytes(orjson.dumps(
        {"pid": "1" + EVIL, "host": "h" + EVIL, "annotator": "a" + EVIL, "since": "s" + EVIL}))
    try:
        commands = [["info", "--db", str(db)], ["info", "--db", str(db), "--json"]]
        # JSON formats share one writer (reader.formats.json_text); CoNLL is plain text.
        commands += [["export", "--db", str(db), "--format", f] for f in ("jsonl", "conll")]
        outputs = {" ".join(c[:1] + c[3:]): _on_a_terminal(c) for c in commands}
    finally:
        lock.release()
    # A damaged database whose error quotes a hostile value, and --recover's report.
    bad = tmp_path / "bad.db"
    bad.write_bytes(orjson.dumps({"format": "reader-annotations", "schema_version": 2, "seq": 0,
                                  "tables": {"spans": {"s" + EVIL: 5}}}))
    outputs["info (damaged)"] = _on_a_terminal(["info", "--db", str(bad)])
    outputs["info --recover"] = _on_a_terminal(["info", "--db", str(bad), "--recover"])
    assert b"locked by" in outputs["info"] and b"PWNED" in outputs["info"]  # the fields were shown
    assert b"s\xe2\x90\x9b]0;PWNED" in outputs["info (damaged)"]  # as placeholders (␛)
    for command, output in outputs.items():
        text = output.decode("utf-8", "replace")
        assert not CONTROL.search(text), f"`reader {command}` wrote {CONTROL.search(text).group()!r}: {text[:400]!r}"


def _screen(app) -> str:
    return "\n".join("".join(s.text for s in strip) for strip in app.screen._compositor.render_strips())  # noqa: SLF001


def test_no_dialog_draws_a_control_character_from_the_database(tmp_path):
    path, doc = _doc(tmp_path)
    db = hostile_db(tmp_path, doc)
    seen: dict[str, str] = {}

    async def go():
        app = app_for([path], [0], db_path=db, annotator="tester" + EVIL)
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_for(pilot, lambda: app.annotation.store is not None, "the store")
            await pilot.pause()
            seen["reading"] = _screen(app)
            view = focused_view(app)
            for key, name in (("t", "span list"), ("E", "entity finder"), ("R", "linked panel (entity)")):
                view.move_cursor(0)
                await pilot.press(key)
                await pilot.pause()
                seen[name] = _screen(app)
                await pilot.press("escape")
                await pilot.pause()
            view.move_cursor(20)  # in the first claim only: its link, its note and speaker
            for key, name in (("R", "linked panel (claim)"), ("enter", "claim form")):
                await pilot.press(key)
                await pilot.pause()
                seen[name] = _screen(app)
                await pilot.press("escape")
                await pilot.pause()

    run(go())
    for name, marker in (("span list", "Spans (4)"), ("entity finder", "to a corpus entity"),
                         ("linked panel (entity)", "Linked to"), ("linked panel (claim)", "Linked to"),
                         ("claim form", "Speaker")):
        assert marker in seen[name], f"the {name} did not open"
    for name in ("span list", "entity finder", "claim form"):
        assert "PWNED" in seen[name], f"the {name} did not show the hostile fields"
    for name, screen in seen.items():
        found = CONTROL.search(screen)
        assert not found, f"{name} drew {found.group()!r}"
