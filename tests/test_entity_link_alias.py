"""Linking a mention never changes an entity's names silently: a new alias is shown and
kept or dropped, and a mention typed in two scripts is offered split (Pilot, real store)."""

from __future__ import annotations

import pytest

import reader.tui.dialogs as dialogs
from annotate_support import create_db, keys_for, run, search, wait_for
from reader.core.loading import load_documents
from reader.store.database import AnnotationStore
from reader.store.model import Entity, Span
from tui_support import app_for, write_docs

TEXT = "Rogozin spoke first. Later Romitin said that روسكوزموس Roscosmos agrees.\n"


def _setup(tmp_path, mention: str, label: str, entities: list[Entity]):
    paths = write_docs(tmp_path, en=TEXT)
    db = create_db(tmp_path / "a.db")
    (document,) = load_documents([str(p) for p in paths]).documents
    store = AnnotationStore.open(db, annotator="setup")
    try:
        store.ensure_document(document)
        start = TEXT.index(mention)
        store.add_span(Span(doc_id=document.id, start=start, end=start + len(mention), kind="entity",
                            label=label, text=mention))
        for entity in entities:
            store.add_entity(entity)
    finally:
        store.close()
    return paths, db


async def _link(pilot, app, find: str, typed: str | None) -> None:
    await wait_for(pilot, lambda: app.annotation.store is not None, "the store")
    await search(pilot, app, find)
    await pilot.press("E")
    await wait_for(pilot, lambda: isinstance(app.screen, dialogs.EntityFinder), "the finder")
    if typed is not None:
        await pilot.press(*keys_for(typed))
        await pilot.pause()
    await pilot.press("enter")


@pytest.mark.parametrize("answer, aliases", [("d", []), ("k", ["Romitin"])])
def test_linking_a_new_spelling_shows_the_alias_and_the_user_keeps_or_drops_it(tmp_path, answer, aliases):
    paths, db = _setup(tmp_path, "Romitin", "PERSON", [Entity("PERSON", "Rogozin", id="e-rogozin")])

    async def go():
        app = app_for(paths, [0], db_path=db, annotator="t")
        async with app.run_test(size=(110, 30)) as pilot:
            await _link(pilot, app, "Romitin", "Rogozin")
            await wait_for(pilot, lambda: isinstance(app.screen, dialogs.AliasConfirm), "the alias question")
            assert app.screen.question.text == "Romitin"
            await pilot.press(answer)
            store = app.annotation.store
            await wait_for(pilot, lambda: store.spans()[0].entity_id == "e-rogozin", "the link")
            assert store.entity("e-rogozin").aliases == aliases

    run(go())


def test_a_two_script_mention_linked_to_an_entity_is_offered_as_one_alias_per_script(tmp_path):
    mention = "روسكوزموس Roscosmos"
    paths, db = _setup(tmp_path, mention, "ORG", [Entity("ORG", "Roscosmos", id="e-roscosmos")])

    async def go():
        app = app_for(paths, [0], db_path=db, annotator="t")
        async with app.run_test(size=(110, 30)) as pilot:
            await _link(pilot, app, "روسكوزموس", "Roscosmos")
            await wait_for(pilot, lambda: isinstance(app.screen, dialogs.AliasConfirm), "the alias question")
            assert app.screen.question.parts == ("روسكوزموس", "Roscosmos")
            assert app.screen.answers[0] == "split"  # offered first
            await pilot.press("enter")
            store = app.annotation.store
            await wait_for(pilot, lambda: store.spans()[0].entity_id == "e-roscosmos", "the link")
            assert store.entity("e-roscosmos").aliases == ["روسكوزموس"]  # never "روسكوزموس Roscosmos"

    run(go())


def test_a_new_entity_from_a_two_script_mention_asks_before_taking_a_two_script_name(tmp_path):
    mention = "روسكوزموس Roscosmos"
    paths, db = _setup(tmp_path, mention, "ORG", [])

    async def go():
        app = app_for(paths, [0], db_path=db, annotator="t")
        async with app.run_test(size=(110, 30)) as pilot:
            await _link(pilot, app, "روسكوزموس", None)  # enter: create, named after the mention
            await wait_for(pilot, lambda: isinstance(app.screen, dialogs.AliasConfirm), "the name question")
            await pilot.press("s")
            store = app.annotation.store
            await wait_for(pilot, lambda: store.entities(), "the new entity")
            (entity,) = store.entities()
            assert (entity.name, entity.aliases) == ("روسكوزموس", ["Roscosmos"])
            assert store.spans()[0].entity_id == entity.id

    run(go())
