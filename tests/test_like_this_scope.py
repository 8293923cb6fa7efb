""""Tag all like this" (*): the entity's names in every script, the open documents by
default and the corpus on request, and each suggestion's document named by title and
path (Pilot, real store)."""

from __future__ import annotations

import reader.tui.dialogs as dialogs
from annotate_support import create_db, run, search, wait_for
from reader.store.database import AnnotationStore
from reader.store.model import Entity
from tui_support import app_for, screen_lines, write_docs

EN = "Roscosmos said so. Later Roskosmos agreed.\n"
AR = "وقالت روسكوزموس إن المحطة جاهزة.\n"
OTHER = "A closed document where Roscosmos is named too.\n"


def _db_with_roscosmos(tmp_path):
    db = create_db(tmp_path / "a.db")
    store = AnnotationStore.open(db, annotator="setup")
    try:
        store.add_entity(Entity("ORG", "Roscosmos", ["روسكوزموس", "Roskosmos"], id="e-roscosmos"))
    finally:
        store.close()
    return db


async def _review(pilot, app):
    await wait_for(pilot, lambda: app.annotation.store is not None, "the store")
    await pilot.press("2")  # ORG on "Roscosmos" (not linked to the entity)
    await wait_for(pilot, lambda: app.annotation.store.spans(), "the span")
    await pilot.press("asterisk")
    await wait_for(pilot, lambda: isinstance(app.screen, dialogs.SuggestionReview), "the review")
    return app.screen


def test_an_unlinked_mention_finds_the_entity_in_other_scripts_through_its_aliases(tmp_path):
    paths = write_docs(tmp_path, en=EN, ar=AR)
    db = _db_with_roscosmos(tmp_path)

    async def go():
        app = app_for(paths, [0, 1], db_path=db, annotator="t")
        async with app.run_test(size=(160, 30)) as pilot:
            review = await _review(pilot, app)
            assert {(s.doc_id, s.text) for s in review.suggestions} == {("en", "Roskosmos"), ("ar", "روسكوزموس")}
            await pilot.press("a", "ctrl+s")
            store = app.annotation.store
            await wait_for(pilot, lambda: len(store.spans()) == 3, "the accepted spans")
            assert all(s.entity_id == "e-roscosmos" for s in store.spans() if s.text != "Roscosmos")

    run(go())


def test_suggestions_come_from_the_open_documents_and_the_corpus_only_on_request(tmp_path):
    paths = write_docs(tmp_path, en=EN, ar=AR, other=OTHER)
    db = _db_with_roscosmos(tmp_path)

    async def go():
        app = app_for(paths, [0, 1], db_path=db, annotator="t")
        async with app.run_test(size=(160, 30)) as pilot:
            review = await _review(pilot, app)
            assert "other" not in {s.doc_id for s in review.suggestions}
            text = "\n".join(screen_lines(app))
            assert "2 open documents of 3" in text
            await pilot.press("c")
            await wait_for(pilot, lambda: "other" in {s.doc_id for s in review.suggestions}, "the corpus")
            assert "looked in all 3 documents" in "\n".join(screen_lines(app))

    run(go())


def test_each_suggestion_shows_its_documents_title_and_path_so_duplicates_differ(tmp_path):
    app = app_for(None, [0, 1], db_path=create_db(tmp_path / "a.db"), annotator="t")  # seeds 000 and 001

    async def go():
        async with app.run_test(size=(160, 40)) as pilot:
            await wait_for(pilot, lambda: app.annotation.store is not None, "the store")
            await search(pilot, app, "ناسا")
            await pilot.press("2", "asterisk")
            await wait_for(pilot, lambda: isinstance(app.screen, dialogs.SuggestionReview), "the review")
            review = app.screen
            titles = {app.documents[0].title, app.documents[1].title}
            assert len(titles) == 1  # 001 is a duplicate of 000
            text = "\n".join(screen_lines(app))
            files = {d.path.rsplit("/", 1)[-1] for d in app.documents[:2]}
            for name in files:
                assert name in text
            first = review.suggestions[0].doc_id
            path = next(d.path for d in app.documents if d.id == first)
            assert any(line.find(path.rsplit("/", 2)[-2] + "/" + path.rsplit("/", 1)[-1]) >= 0 for line in text.split("\n"))

    run(go())
