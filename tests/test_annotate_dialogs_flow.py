"""The dialogs in the annotation flow: relabel (r), span list (t), claim form (enter),
linked spans across panes and the linked panel (R)."""

from __future__ import annotations

import reader.tui.dialogs as dialogs
from annotate_support import AR, EN, cells_with, create_db, focused_view, keys_for, run, search, wait_for
from tui_support import app_for, write_docs


def test_relabel_span_list_and_claim_form(tmp_path):
    paths = write_docs(tmp_path, en=EN)

    async def go():
        app = app_for(paths, [0], db_path=create_db(tmp_path / "a.db"), annotator="t")
        async with app.run_test(size=(110, 24)) as pilot:
            await wait_for(pilot, lambda: app.annotation.store is not None, "the store")
            store = app.annotation.store
            view = focused_view(app)
            await pilot.press("w", "w", "2", "r")
            await wait_for(pilot, lambda: isinstance(app.screen, dialogs.LabelChooser), "the label chooser")
            await pilot.press("1")  # PERSON's key
            await wait_for(pilot, lambda: store.spans() and store.spans()[0].label == "PERSON", "the new label")

            await pilot.press("g", "i", "s", "c")
            await wait_for(pilot, lambda: len(store.spans()) == 2, "the claim")
            claim = store.spans(kind="claim")[0]
            assert view.cursor == claim.start == 0
            await pilot.press("enter")
            await wait_for(pilot, lambda: isinstance(app.screen, dialogs.ClaimForm), "the claim form")
            await pilot.press("ctrl+s")
            await wait_for(pilot, lambda: "stance" in store.span(claim.id).attrs, "the claim's attributes")

            await pilot.press("G", "t")
            await wait_for(pilot, lambda: isinstance(app.screen, dialogs.SpanList), "the span list")
            await pilot.press("down", "enter")  # the second span in text order: the entity
            await wait_for(pilot, lambda: not isinstance(app.screen, dialogs.SpanList), "the jump")
            assert view.cursor == EN.index("Roscosmos")

    run(go())


async def _two_linked_mentions(pilot, app):
    """Roscosmos in the English pane and روسكوزموس in the Arabic one, both mentions of one
    new entity; the focus ends in the Arabic pane on its mention. Returns (en, ar) views."""
    store = app.annotation.store
    en_view = focused_view(app)
    await pilot.press("w", "w", "2", "E")
    await wait_for(pilot, lambda: isinstance(app.screen, dialogs.EntityFinder), "the finder")
    await pilot.press("enter")
    await wait_for(pilot, lambda: len(store.entities()) == 1, "the entity")
    await pilot.press("tab")
    await search(pilot, app, "روسكوزموس")
    ar_view = focused_view(app)
    assert ar_view is not en_view
    await pilot.press("2", "E")
    await wait_for(pilot, lambda: isinstance(app.screen, dialogs.EntityFinder), "the finder")
    await pilot.press(*keys_for("Roscosmos"))
    await pilot.pause()
    await pilot.press("enter")  # the existing entity of that exact name comes first
    await wait_for(pilot, lambda: isinstance(app.screen, dialogs.AliasConfirm), "the alias question")
    await pilot.press("k")  # روسكوزموس becomes an alias of Roscosmos
    await wait_for(pilot, lambda: len(store.spans()) == 2 and all(s.entity_id for s in store.spans()),
                   "the second mention")
    assert len(store.entities()) == 1
    return en_view, ar_view


def test_linked_spans_are_emphasised_in_the_other_pane(tmp_path):
    paths = write_docs(tmp_path, en=EN, ar=AR)

    async def go():
        app = app_for(paths, [0, 1], db_path=create_db(tmp_path / "a.db"), annotator="t")
        async with app.run_test(size=(140, 24)) as pilot:
            await wait_for(pilot, lambda: app.annotation.store is not None, "the store")
            en_view, _ar_view = await _two_linked_mentions(pilot, app)
            await pilot.press("left", "right")  # the cursor stays on the Arabic mention
            await pilot.pause()
            assert cells_with(en_view, "reverse") == "Roscosmos"  # linked: emphasised over there
            await pilot.press("end")  # off the mention: the emphasis goes
            await pilot.pause()
            assert cells_with(en_view, "reverse") == ""

    run(go())


def test_linked_panel_jumps_to_the_mention_in_the_other_pane(tmp_path):
    paths = write_docs(tmp_path, en=EN, ar=AR)

    async def go():
        app = app_for(paths, [0, 1], db_path=create_db(tmp_path / "a.db"), annotator="t")
        async with app.run_test(size=(140, 24)) as pilot:
            await wait_for(pilot, lambda: app.annotation.store is not None, "the store")
            en_view, _ar_view = await _two_linked_mentions(pilot, app)
            await pilot.press("R")
            await wait_for(pilot, lambda: isinstance(app.screen, dialogs.LinkedPanel), "the linked panel")
            rows = app.screen.rows
            target = next(i for i, row in enumerate(rows) if row.doc_id == "en")
            await pilot.press(*["down"] * target, "enter")
            await wait_for(pilot, lambda: focused_view(app) is en_view, "the jump to the English pane")
            assert en_view.cursor == EN.index("Roscosmos")

    run(go())
