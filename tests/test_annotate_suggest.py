""""Tag all like this" (*) through Pilot: suggestions across documents, reviewed, added
linked to the source's entity, undone in one step."""

from __future__ import annotations

import pytest

from annotate_support import create_db, focused_view, run, wait_for
from tui_support import app_for, write_docs

EN = "Roscosmos said so. Later Roscosmos agreed, and roscosmos signed.\n"
AR = "وقالت روسكوزموس إن المحطة جاهزة.\n"


def test_suggestions_are_reviewed_added_linked_and_undone_at_once(tmp_path):
    dialogs = pytest.importorskip("reader.tui.dialogs")
    review, finder = dialogs.SuggestionReview, dialogs.EntityFinder
    paths = write_docs(tmp_path, en=EN, ar=AR)

    async def go():
        app = app_for(paths, [0], db_path=create_db(tmp_path / "a.db"), annotator="sugg")
        async with app.run_test(size=(120, 30)) as pilot:
            await wait_for(pilot, lambda: app.annotation.store is not None, "the store")
            store = app.annotation.store
            view = focused_view(app)
            assert view.document.text == EN
            await pilot.press("2", "E")
            await wait_for(pilot, lambda: isinstance(app.screen, finder), "the entity finder")
            await pilot.press("enter")  # create «Roscosmos» (ORG)
            await wait_for(pilot, lambda: store.spans() and store.spans()[0].entity_id, "the link")
            source = store.spans()[0]
            # The entity is also known by its Arabic name (as if linked in another document).
            store.update_entity(source.entity_id, aliases=["روسكوزموس"])

            await pilot.press("asterisk")
            await wait_for(pilot, lambda: isinstance(app.screen, review), "the suggestion review")
            # Only the open document first; c looks in the whole corpus.
            assert [(s.doc_id, s.text) for s in app.screen.suggestions] == [("en", "Roscosmos"), ("en", "roscosmos")]
            await pilot.press("c")
            await wait_for(pilot, lambda: len(app.screen.suggestions) == 3, "the corpus's suggestions")
            proposed = app.screen.suggestions
            assert [(s.doc_id, s.text) for s in proposed] == [
                ("en", "Roscosmos"), ("en", "roscosmos"), ("ar", "روسكوزموس")]
            await pilot.press("y", "n", "y", "ctrl+s")
            await wait_for(pilot, lambda: len(store.spans()) == 3, "the accepted spans")

            spans = store.spans()
            assert {(s.doc_id, s.text) for s in spans} == {("en", "Roscosmos"), ("ar", "روسكوزموس")} and \
                sorted(s.start for s in spans if s.doc_id == "en") == [0, EN.index("Later") + 6]
            assert all(s.entity_id == source.entity_id and s.label == "ORG" for s in spans)
            for span in spans:
                text = EN if span.doc_id == "en" else AR
                assert text[span.start:span.end] == span.text

            await pilot.press("u")  # one step takes both accepted spans away
            await wait_for(pilot, lambda: len(store.spans()) == 1, "undo of the suggestions")
            assert store.spans()[0].id == source.id

    run(go())
