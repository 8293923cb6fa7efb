"""The library screen on a small test App: rows, filter, marks, open, store counts."""

from __future__ import annotations

import asyncio
import functools
from dataclasses import dataclass
from pathlib import Path

from textual.app import App

from reader.core.loading import load_documents
from reader.tui.bindings import APP_BINDINGS
from reader.tui.keymap import resolve_keymap
from reader.tui.keymap_mixin import KeymapMixin
from reader.tui.screens.library import DocumentList, LibraryScreen


def sync(test):
    @functools.wraps(test)
    def run(*args, **kwargs):
        return asyncio.run(test(*args, **kwargs))

    return run


class LibraryApp(KeymapMixin, App):
    BINDINGS = APP_BINDINGS

    def __init__(self, documents, store=None, keymap=None) -> None:
        super().__init__()
        self.documents = documents
        self.store = store
        self.keymap_choice = keymap
        self.opened: list[list[str]] = []

    def on_mount(self) -> None:
        if self.keymap_choice:
            self.apply_resolved_keymap(resolve_keymap(self.keymap_choice, config_path=Path("/nonexistent/config.toml")))
        self.push_screen(LibraryScreen(self.documents, self.store), self.opened.append)


def corpus(tmp_path: Path, **texts: str):
    for name, text in texts.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    return load_documents([tmp_path]).documents


def shown_ids(screen: LibraryScreen) -> list[str]:
    listing = screen.query_one(DocumentList)
    return [screen.documents[i].id for i in listing.rows]


def rows_text(app: App) -> str:
    return "\n".join("".join(s.text for s in strip) for strip in app.screen._compositor.render_strips())


@sync
async def test_every_document_is_listed_with_size_and_direction(tmp_path):
    docs = corpus(tmp_path, alpha="The moon station plan.\n", beta="محطة أبحاث القمر الدولية\n")
    app = LibraryApp(docs)
    async with app.run_test(size=(100, 20)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        assert shown_ids(screen) == ["alpha", "beta"]
        text = rows_text(app)
        assert "The moon station plan." in text
        assert " rtl " in text and " ltr " in text
        assert "2 documents" in text


@sync
async def test_without_a_store_counts_show_a_dash(tmp_path):
    docs = corpus(tmp_path, alpha="Some text.\n")
    app = LibraryApp(docs)
    async with app.run_test(size=(100, 10)) as pilot:
        await pilot.pause()
        row = next(line for line in rows_text(app).splitlines() if "Some text." in line)
        assert row.count("–") == 2


@sync
async def test_typing_filters_by_title_id_path_and_language(tmp_path):
    docs = corpus(tmp_path, moon="Lunar station news.\n", mars="Rover lands on Mars.\n", sun="Solar wind report.\n")
    app = LibraryApp(docs)
    async with app.run_test(size=(100, 20)) as pilot:
        screen = app.screen
        await pilot.press("r", "o", "v")  # typing on the list starts the filter
        assert screen.filter_input.value == "rov"
        assert shown_ids(screen) == ["mars"]
        screen.filter_input.value = "sun"  # an id
        await pilot.pause()
        assert shown_ids(screen) == ["sun"]
        screen.filter_input.value = str(tmp_path.name)  # a path: all three
        await pilot.pause()
        assert len(shown_ids(screen)) == 3
        screen.filter_input.value = "zzz"
        await pilot.pause()
        assert shown_ids(screen) == []
        assert "0 of 3 documents" in rows_text(app)


@sync
async def test_filter_matches_a_known_language(tmp_path):
    docs = corpus(tmp_path, a="Hello there.\n", b="Ciao a tutti.\n")
    docs[1].meta["lang"] = "it"
    app = LibraryApp(docs)
    async with app.run_test() as pilot:
        app.screen.filter_input.value = "it"
        await pilot.pause()
        assert shown_ids(app.screen) == ["b"]


@sync
async def test_enter_opens_the_highlighted_document(tmp_path):
    docs = corpus(tmp_path, a="First.\n", b="Second.\n", c="Third.\n")
    app = LibraryApp(docs)
    async with app.run_test() as pilot:
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.opened == [["b"]]


@sync
async def test_space_marks_several_and_enter_opens_them_in_order(tmp_path):
    docs = corpus(tmp_path, a="First.\n", b="Second.\n", c="Third.\n")
    app = LibraryApp(docs)
    async with app.run_test() as pilot:
        await pilot.press("end", "space", "home", "space")  # c then a
        assert "2 marked" in rows_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert app.opened == [["c", "a"]]


@sync
async def test_space_twice_unmarks(tmp_path):
    docs = corpus(tmp_path, a="First.\n", b="Second.\n")
    app = LibraryApp(docs)
    async with app.run_test() as pilot:
        await pilot.press("space")  # marks a, moves to b
        assert "1 marked" in rows_text(app)
        await pilot.press("up", "space")  # unmarks a, moves to b
        assert "marked" not in rows_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert app.opened == [["b"]]  # nothing marked: the highlighted one


@sync
async def test_filter_then_enter_in_the_filter_opens_the_match(tmp_path):
    docs = corpus(tmp_path, a="Apples.\n", b="Bananas.\n")
    app = LibraryApp(docs)
    async with app.run_test() as pilot:
        await pilot.press("slash", "b", "a", "n", "enter")
        await pilot.pause()
        assert app.opened == [["b"]]


@sync
async def test_escape_leaves_the_filter_then_closes_with_nothing(tmp_path):
    docs = corpus(tmp_path, a="Apples.\n")
    app = LibraryApp(docs)
    async with app.run_test() as pilot:
        await pilot.press("slash", "x", "escape")
        assert app.screen.document_list.has_focus
        await pilot.press("escape")
        await pilot.pause()
        assert app.opened == [[]]


@sync
async def test_vim_keymap_moves_in_the_library(tmp_path):
    docs = corpus(tmp_path, a="A.\n", b="B.\n", c="C.\n", d="D.\n")
    app = LibraryApp(docs, keymap="vim")
    async with app.run_test() as pilot:
        await pilot.press("j", "j", "k")
        assert app.screen.document_list.current.id == "b"
        await pilot.press("G")
        assert app.screen.document_list.current.id == "d"
        await pilot.press("g", "g")
        assert app.screen.document_list.current.id == "a"
        assert app.screen.filter_input.value == ""  # g g did not start the filter
        await pilot.press("2", "j", "enter")
        await pilot.pause()
        assert app.opened == [["c"]]


@sync
async def test_languages_are_detected_for_visible_rows_only(tmp_path):
    texts = {f"d{i:03}": "This is an English sentence about the moon station.\n" for i in range(60)}
    docs = corpus(tmp_path, **texts)
    app = LibraryApp(docs)
    async with app.run_test(size=(100, 12)) as pilot:
        # The detection worker starts after the first refresh: wait for it to start and end.
        for _ in range(50):
            await pilot.pause()
            await app.workers.wait_for_complete()
            detected = [d.id for d in docs if "lang" in d.__dict__]
            if detected:
                break
        await pilot.pause()
        detected = [d.id for d in docs if "lang" in d.__dict__]
        assert 0 < len(detected) < 20
        assert "en" in rows_text(app)


@dataclass
class Record:
    done: bool


class Store:
    """Answers like reader.store.database.AnnotationStore for what the library reads."""

    def __init__(self, spans: dict[str, int], done: set[str]) -> None:
        self._spans, self._done = spans, done

    def spans(self, doc_id):
        return [object()] * self._spans.get(doc_id, 0)

    def document(self, doc_id):
        return Record(doc_id in self._done)


@sync
async def test_counts_and_done_come_from_the_store(tmp_path):
    docs = corpus(tmp_path, a="Alpha text.\n", b="Beta text.\n")
    app = LibraryApp(docs, store=Store({"a": 7}, {"b"}))
    async with app.run_test(size=(100, 10)) as pilot:
        await pilot.pause()
        lines = rows_text(app).splitlines()
        row_a = next(line for line in lines if "Alpha text." in line)
        row_b = next(line for line in lines if "Beta text." in line)
        assert " 7 " in row_a and " no " in row_a
        assert " 0 " in row_b and " yes " in row_b
