"""End to end through Pilot on the seeds: tag, link entities and claims across panes,
undo/redo, quit, reopen on the same database, export JSONL with `reader export`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


from annotate_support import LiveStore, focus_doc, focused_view, keys_for, run, search, wait_for, wait_for_store
from tui_support import app_for

ROSCOSMOS_AR = "روسكوزموس"
CLAIM_000 = "المرتبة الثالثة"  # the space budget ranks third
CLAIM_004 = "ranked second"    # ... second in the English translation


def _dialog(name: str):
    import reader.tui.dialogs as dialogs

    return getattr(dialogs, name)


async def _choose_entity(pilot, app, typed: str | None, row: int) -> None:
    """E on the mention; type ``typed`` (if any) over the pre-filled span text; enter on
    result ``row`` (the finder lists "create «typed»", then "create «span text»" when they
    differ, or the matching entities first when one matches the typed name well)."""
    finder = _dialog("EntityFinder")
    await pilot.press("E")
    await wait_for(pilot, lambda: isinstance(app.screen, finder), "the entity finder")
    if typed is not None:
        await pilot.press(*keys_for(typed))
        await pilot.pause()
    await pilot.press(*["down"] * row, "enter")
    await wait_for(pilot, lambda: not isinstance(app.screen, finder), "the entity finder to close")


async def _annotate(pilot, app) -> None:
    store = LiveStore(app)  # the database file is created by the first tag
    assert app.annotation.store is None and not Path(app.db_path).exists()
    status = str(app.screen.query_one("StatusLine").render())
    assert "created by the first change" in status and "· e2e" in status
    # 000: روسكوزموس as ORG (2), linked to a new entity "Roscosmos".
    await focus_doc(pilot, app, "000")
    await search(pilot, app, ROSCOSMOS_AR)
    await pilot.press("2")
    await wait_for(pilot, lambda: len(store.spans()) == 1, "the ORG span in 000")
    await _choose_entity(pilot, app, "Roscosmos", 0)  # create «Roscosmos», named as typed
    await wait_for(pilot, lambda: len(store.entities()) == 1, "the new entity")
    assert store.entities()[0].name == "Roscosmos"

    # 004: "Roscosmos" as ORG, linked to the same entity (found by its name).
    await focus_doc(pilot, app, "004")
    await search(pilot, app, "Roscosmos")
    await pilot.press("2")
    await wait_for(pilot, lambda: len(store.spans()) == 2, "the ORG span in 004")
    await _choose_entity(pilot, app, None, 0)  # the existing entity named Roscosmos
    await wait_for(pilot, lambda: all(s.entity_id for s in store.spans()), "the second mention linked")

    # The budget-rank claims: third in 000, second in 004, linked as contradicts.
    chooser = _dialog("LinkTypeChooser")
    await focus_doc(pilot, app, "000")
    await search(pilot, app, CLAIM_000)
    await pilot.press("i", "s", "c")
    await wait_for(pilot, lambda: len(store.spans(kind="claim")) == 1, "the claim in 000")
    await pilot.press("C")
    await focus_doc(pilot, app, "004")
    await search(pilot, app, CLAIM_004)
    await pilot.press("i", "s", "c")
    await wait_for(pilot, lambda: len(store.spans(kind="claim")) == 2, "the claim in 004")
    await pilot.press("C")
    await wait_for(pilot, lambda: isinstance(app.screen, chooser), "the link type chooser")
    await pilot.press("x")
    await wait_for(pilot, lambda: len(store.links()) == 1, "the claim link")

    # Undo and redo the last step: the link goes and comes back.
    await pilot.press("u")
    await wait_for(pilot, lambda: not store.links(), "undo of the link")
    await pilot.press("U")
    await wait_for(pilot, lambda: len(store.links()) == 1, "redo of the link")
    assert store.saved


def test_tag_link_undo_reopen_and_export_the_seeds(tmp_path: Path):
    db = tmp_path / "annotations.db"

    async def first_session():
        app = app_for(None, db_path=db, annotator="e2e")
        async with app.run_test(size=(160, 45)) as pilot:
            await wait_for_store(pilot, app)
            await _annotate(pilot, app)
            await pilot.press("q")
        assert not app.is_running

    async def second_session():
        app = app_for(None, db_path=db, annotator="e2e")
        async with app.run_test(size=(160, 45)) as pilot:
            await wait_for_store(pilot, app)
            store = app.annotation.store
            assert len(store.spans()) == 4 and len(store.links()) == 1
            # The reopened panes draw the stored spans: the cursor moves onto them with ].
            await focus_doc(pilot, app, "000")
            view = focused_view(app)
            await pilot.press("right_square_bracket")
            await pilot.pause()
            assert view.cursor in {s.start for s in store.spans(view.document.id)}

    run(first_session())
    run(second_session())

    done = subprocess.run([sys.executable, "-m", "reader", "export", "--format", "jsonl", "--db", str(db)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    records = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    documents = {r["id"]: r for r in records if r["record"] == "document"}
    entities = [r for r in records if r["record"] == "entity"]
    links = [r for r in records if r["record"] == "link"]

    spans = [(doc_id, s) for doc_id, d in documents.items() for s in d["spans"]]
    assert len(spans) == 4
    for doc_id, span in spans:
        assert documents[doc_id]["text"][span["start"]:span["end"]] == span["text"]
        assert span["annotator"] == "e2e"
    by_text = {(doc_id[:3], s["text"]): s for doc_id, s in spans}
    ar = by_text[("000", ROSCOSMOS_AR)]
    en = by_text[("004", "Roscosmos")]
    assert ar["label"] == en["label"] == "ORG"

    assert len(entities) == 1
    entity = entities[0]
    assert entity["name"] == "Roscosmos" and ar["entity_id"] == en["entity_id"] == entity["id"]
    assert ROSCOSMOS_AR in entity["aliases"]

    claims = {doc_id[:3]: s for doc_id, s in spans if s["kind"] == "claim"}
    assert "الثالثة" in claims["000"]["text"] and "second" in claims["004"]["text"]
    assert len(links) == 1
    link = links[0]
    assert (link["source"], link["target"], link["type"]) == (claims["000"]["id"], claims["004"]["id"], "contradicts")
