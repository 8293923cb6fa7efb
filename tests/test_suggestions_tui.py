"""Suggestions in the reading screen through Pilot: shown in their own style, accepted,
rejected (for good) and relabelled one key at a time, then exported."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from annotate_support import cells_with, create_db, focused_view, run, wait_for
from tui_support import app_for, write_docs

TEXT = ("The agency signed the deal on 9 March 2021 for $5 million.\n\n"
        "It will cost 20 billion dollars by 2030, the agency said last year.\n")


def _app(tmp_path: Path, db: Path):
    paths = write_docs(tmp_path, en=TEXT)
    return app_for(paths, [0], db_path=db, annotator="tester")


def test_suggestions_are_accepted_rejected_and_relabelled_and_rejections_last(tmp_path, reader_cmd):
    db = create_db(tmp_path / "a.db")

    async def go():
        app = _app(tmp_path, db)
        async with app.run_test(size=(120, 30)) as pilot:
            await wait_for(pilot, lambda: app.annotation.store is not None, "the store")
            store = app.annotation.store
            view = focused_view(app)
            await pilot.press("M")
            await wait_for(pilot, lambda: app.screen.__class__.__name__ == "SuggestionsPanel", "the panel")
            panel = app.screen
            assert [s.text for s in panel.shown] == [
                "9 March 2021", "$5 million", "20 billion dollars", "2030", "last year"]
            # In the pane, dim and overlined (not italic: not spans yet).
            assert cells_with(view, "overline").replace(" ", "") == "9March2021$5million20billiondollars2030lastyear"
            assert cells_with(view, "italic") == ""

            await pilot.press("y")            # accept "9 March 2021"
            await wait_for(pilot, lambda: len(store.spans()) == 1, "the accepted span")
            await pilot.press("n")            # reject "$5 million"
            await wait_for(pilot, lambda: store.rejected_suggestions(), "the rejection")
            await pilot.press("y")            # accept "20 billion dollars"
            await wait_for(pilot, lambda: len(store.spans()) == 2, "the second span")
            await pilot.press("l")            # "2030" with another label
            await wait_for(pilot, lambda: app.screen.__class__.__name__ == "LabelChooser", "the label chooser")
            await pilot.press("down", "enter")  # from DATE to the next type, QUANTITY
            await wait_for(pilot, lambda: len(store.spans()) == 3, "the relabelled span")
            await pilot.press("A")            # the rest of this label (DATE): "last year"
            await wait_for(pilot, lambda: len(store.spans()) == 4, "accept all of a label")
            assert panel.shown == []
            await pilot.press("escape")
            await pilot.pause()
            spans = {(s.text, s.label) for s in store.spans()}
            assert spans == {("9 March 2021", "DATE"), ("20 billion dollars", "QUANTITY"),
                             ("2030", "QUANTITY"), ("last year", "DATE")}
            assert cells_with(view, "overline") == ""
            # One key, one change: undo takes back the last one only.
            await pilot.press("u")
            await wait_for(pilot, lambda: len(store.spans()) == 3, "undo of accept-all")
            await pilot.press("q")

    run(go())

    async def again():
        app = _app(tmp_path, db)
        async with app.run_test(size=(120, 30)) as pilot:
            await wait_for(pilot, lambda: app.annotation.store is not None, "the store")
            await pilot.press("M")
            await wait_for(pilot, lambda: app.screen.__class__.__name__ == "SuggestionsPanel", "the panel")
            # The rejected one stays rejected after a restart; the undone ones come back.
            assert [s.text for s in app.screen.shown] == ["last year"]
            await pilot.press("escape")
            await pilot.press("q")

    run(again())
    out = tmp_path / "out.jsonl"
    done = subprocess.run([*reader_cmd, "export", "--format", "jsonl", "--db", str(db), "-o", str(out)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    exported = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    spans = [s for record in exported for s in record.get("spans", [])]
    assert {(TEXT[s["start"]:s["end"]], s["label"]) for s in spans} == {
        ("9 March 2021", "DATE"), ("20 billion dollars", "QUANTITY"), ("2030", "QUANTITY")}
