"""Annotating in the reading screen through Pilot: keys in, database and screen out."""

from __future__ import annotations

from pathlib import Path

from annotate_support import AR, EN, cells_with, create_db, focused_view, keys_for, run, search, wait_for
from tui_support import app_for, write_docs


def _app(tmp_path: Path, **texts: str):
    paths = write_docs(tmp_path, **texts)
    return app_for(paths, [0], db_path=create_db(tmp_path / "a.db"), annotator="tester")


def test_tagging_the_word_under_the_cursor_draws_it_and_undo_removes_it(tmp_path):
    async def go():
        app = _app(tmp_path, en=EN)
        async with app.run_test(size=(100, 20)) as pilot:
            await wait_for(pilot, lambda: app.annotation.store is not None, "the store")
            view = focused_view(app)
            await pilot.press("w", "w")  # onto "Roscosmos"
            await pilot.press("2")
            store = app.annotation.store
            await wait_for(pilot, lambda: len(store.spans()) == 1, "the span")
            span = store.spans()[0]
            assert (span.text, span.label, span.annotator) == ("Roscosmos", "ORG", "tester")
            await pilot.pause()
            assert cells_with(view, "italic") == "Roscosmos"
            await pilot.press("end")
            await pilot.press("u")
            await wait_for(pilot, lambda: not store.spans(), "undo")
            await pilot.pause()
            assert cells_with(view, "italic") == ""
            assert view.cursor == span.start  # undo shows where the change was
            await pilot.press("U")
            await wait_for(pilot, lambda: len(store.spans()) == 1, "redo")
            await pilot.pause()
            assert cells_with(view, "italic") == "Roscosmos"

    run(go())


def test_selection_extends_with_motions_and_snaps_to_words(tmp_path):
    async def go():
        app = _app(tmp_path, en=EN)
        async with app.run_test(size=(100, 20)) as pilot:
            await wait_for(pilot, lambda: app.annotation.store is not None, "the store")
            await pilot.press("w", "w", "right", "right")  # inside "Roscosmos"
            await pilot.press("v", "w", "w", "right")     # to inside "on"... then a claim tag
            view = focused_view(app)
            lo, hi = view.selection_range()
            assert EN[lo:hi] == "Roscosmos said on"
            assert "selecting" in str(app.screen.query_one("StatusLine").render())
            await pilot.press("c")
            store = app.annotation.store
            await wait_for(pilot, lambda: len(store.spans()) == 1, "the claim")
            assert store.spans()[0].kind == "claim" and store.spans()[0].text == "Roscosmos said on"
            # An entity inside the claim (the cursor went to the claim's start): both drawn.
            assert view.cursor == EN.index("Roscosmos")
            await pilot.press("2")
            await wait_for(pilot, lambda: len(store.spans()) == 2, "the entity")
            await pilot.pause()
            assert cells_with(view, "underline").replace(" ", "") == "Roscosmossaidon"
            assert cells_with(view, "italic") == "Roscosmos"

    run(go())


def test_precise_selection_and_delete_and_span_jumps(tmp_path):
    async def go():
        app = _app(tmp_path, en=EN)
        async with app.run_test(size=(100, 20)) as pilot:
            await wait_for(pilot, lambda: app.annotation.store is not None, "the store")
            store = app.annotation.store
            view = focused_view(app)
            await pilot.press("P", "w", "w", "v", "right", "right", "3")
            await wait_for(pilot, lambda: len(store.spans()) == 1, "a precise span")
            assert store.spans()[0].text == "Ros"
            await pilot.press("g")
            await pilot.press("right_square_bracket")
            await pilot.pause()
            assert view.cursor == store.spans()[0].start
            await pilot.press("d")
            await wait_for(pilot, lambda: not store.spans(), "the delete")

    run(go())


def test_search_ignores_harakat_and_n_goes_to_the_next_match(tmp_path):
    async def go():
        app = _app(tmp_path, ar=AR + "ثم قالت رُوسكوزموس مرة أخرى.\n")
        async with app.run_test(size=(100, 20)) as pilot:
            await wait_for(pilot, lambda: app.annotation.store is not None, "the store")
            view = focused_view(app)
            await search(pilot, app, "روسكوزموس")
            first = view.cursor
            assert view._match is not None and view.document.text[slice(*view._match)] == "روسكوزموس"
            await pilot.press("n")
            await pilot.pause()
            assert view.cursor > first
            assert view.document.text[slice(*view._match)] == "رُوسكوزموس"
            await pilot.press("N")
            await pilot.pause()
            assert view.cursor == first

    run(go())


def test_corpus_search_opens_the_document_at_the_match(tmp_path):
    async def go():
        app = _app(tmp_path, en=EN, ar=AR)
        async with app.run_test(size=(120, 24)) as pilot:
            await wait_for(pilot, lambda: app.annotation.store is not None, "the store")
            assert len(app.reading.panes) == 1
            from reader.tui.widgets.search_bar import SearchBar
            from reader.tui.widgets.search_results import SearchResults

            await pilot.press("F")
            await wait_for(pilot, lambda: isinstance(app.focused, SearchBar), "the search bar")
            await pilot.press(*keys_for("الميزانية"), "enter")
            await wait_for(pilot, lambda: isinstance(app.screen, SearchResults), "the results")
            await pilot.press("enter")
            await wait_for(pilot, lambda: len(app.reading.panes) == 2, "a pane for the match")
            await pilot.pause()
            view = focused_view(app)
            assert view.document.text[view.cursor:].startswith("الميزانية")

    run(go())


def test_done_and_status_line_show_saved_and_annotator(tmp_path):
    async def go():
        app = _app(tmp_path, en=EN)
        async with app.run_test(size=(100, 20)) as pilot:
            await wait_for(pilot, lambda: app.annotation.store is not None, "the store")
            await pilot.press("D")
            store = app.annotation.store
            document = focused_view(app).document
            await wait_for(pilot, lambda: store.document(document.id) is not None and store.document(document.id).done,
                           "the document marked done")
            status = str(app.screen.query_one("StatusLine").render())
            assert "saved" in status and "tester" in status
            await pilot.press("u")
            await wait_for(pilot, lambda: not store.document(document.id).done, "undo of done")

    run(go())


def test_escape_cancels_a_pending_claim_link(tmp_path):
    async def go():
        app = _app(tmp_path, en=EN)
        async with app.run_test(size=(100, 20)) as pilot:
            await wait_for(pilot, lambda: app.annotation.store is not None, "the store")
            await pilot.press("i", "s", "c", "C")
            await wait_for(pilot, lambda: app.annotation.pending_link is not None, "the pending link")
            assert "linking claim" in str(app.screen.query_one("StatusLine").render())
            await pilot.press("escape")
            await pilot.pause()
            assert app.annotation.pending_link is None
            assert "linking claim" not in str(app.screen.query_one("StatusLine").render())

    run(go())


def test_library_shows_done_and_the_highlighted_documents_labels(tmp_path):
    async def go():
        app = _app(tmp_path, en=EN, ar=AR)
        async with app.run_test(size=(120, 24)) as pilot:
            await wait_for(pilot, lambda: app.annotation.store is not None, "the store")
            await pilot.press("w", "w", "2", "i", "s", "c", "D")
            store = app.annotation.store
            await wait_for(pilot, lambda: len(store.spans()) == 2 and store.document("en").done, "tags and done")
            await pilot.press("L")
            await pilot.pause()
            status = str(app.screen.query_one("#library-status").render())
            assert "1/2 done" in status and "CLAIM 1, ORG 1" in status
            await pilot.press("down")
            await pilot.pause()
            assert "this one: no spans" in str(app.screen.query_one("#library-status").render())

    run(go())


def _styles_of(view, text: str) -> list:
    return [segment.style for y in range(view.size.height) for segment in view.render_line(y)
            if segment.text == text]


def test_no_color_draws_spans_with_attributes_only(tmp_path, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")

    async def go():
        app = _app(tmp_path, en=EN)
        async with app.run_test(size=(100, 20)) as pilot:
            await wait_for(pilot, lambda: app.annotation.store is not None, "the store")
            await pilot.press("w", "w", "2", "end")
            await wait_for(pilot, lambda: len(app.annotation.store.spans()) == 1, "the span")
            await pilot.pause()
            (style,) = _styles_of(focused_view(app), "Roscosmos")
            assert style.italic and (style.color is None or style.color == focused_view(app).rich_style.color)

    run(go())


def test_vim_keymap_searches_backward_with_question_mark_and_redoes_with_ctrl_r(tmp_path):
    async def go():
        paths = write_docs(tmp_path, en=EN)
        app = app_for(paths, [0], db_path=create_db(tmp_path / "a.db"), annotator="tester", keymap="vim")
        async with app.run_test(size=(100, 20)) as pilot:
            await wait_for(pilot, lambda: app.annotation.store is not None, "the store")
            from reader.tui.widgets.search_bar import SearchBar

            view = focused_view(app)
            await pilot.press("G", "question_mark")
            await wait_for(pilot, lambda: isinstance(app.focused, SearchBar), "the search bar")
            assert app.focused.backward
            await pilot.press(*keys_for("the"), "enter")
            await wait_for(pilot, lambda: view._match is not None, "the match")
            assert view.cursor == EN.lower().rindex("the")
            store = app.annotation.store
            await pilot.press("T", "2")  # vim: T then the label's key tags (digits are counts)
            await wait_for(pilot, lambda: len(store.spans()) == 1, "the tag")
            await pilot.press("u")
            await wait_for(pilot, lambda: not store.spans(), "undo")
            await pilot.press("ctrl+r")
            await wait_for(pilot, lambda: len(store.spans()) == 1, "redo with ctrl+r")

    run(go())


def test_spans_needing_review_after_a_source_change_are_announced(tmp_path):
    from reader.core.loading import load_documents
    from reader.store.database import AnnotationStore
    from reader.store.model import Span

    (path,) = write_docs(tmp_path, en=EN)
    document = load_documents([str(path)]).documents[0]
    db = tmp_path / "a.db"
    store = AnnotationStore.open(db, annotator="before")
    store.ensure_document(document)
    start = EN.index("Roscosmos")
    store.add_span(Span(document.id, start, start + 9, "entity", "ORG", "Roscosmos"))
    store.close()
    path.write_text(EN.replace("Roscosmos", "the Russian agency"), encoding="utf-8")  # the mention is gone

    async def go():
        app = app_for([path], [0], db_path=db, annotator="tester")
        async with app.run_test(size=(100, 20)) as pilot:
            await wait_for(pilot, lambda: app.annotation.store is not None, "the store")
            await wait_for(pilot, lambda: any("need review" in n.message for n in app._notifications),
                           "the review notice")
            (span,) = app.annotation.store.spans()
            assert span.status == "review"

    run(go())
