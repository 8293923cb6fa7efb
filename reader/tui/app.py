"""ReaderApp: the Textual application that `reader [PATH...]` opens.

Start-up stays lean: the reading screen paints first; the keymap is applied right after
the first paint (read then too, unless `reader --keymap` read it before the screen
opened), and the annotation database is opened in a worker thread then.
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Literal

from textual.app import App, SystemCommand

from reader.core.lazy_loading import find_document
from reader.annotate.session import AnnotationSession
from reader.tui.bindings import APP_BINDINGS
from reader.tui.keymap_mixin import KeymapMixin
from reader.annotate.relations import CorpusRelations
from reader.tui.screens.reading import ReadingScreen
from reader.tui.terminal import BidiModeSwitch, TerminalBidi, driver_with_bidi_mode, tty_size
from reader.tui.type_ahead import TypeAheadMixin

if TYPE_CHECKING:
    from reader.core.document import Document
    from reader.store.database import AnnotationStore
    from reader.tui.keymap import ResolvedKeymap


#: Above this many documents, relations are not searched when the corpus opens.
AUTO_RELATIONS_MAX = 1000

def toast_text_width(screen_width: int) -> int:
    """Cells a line of a toast holds on a screen `screen_width` cells wide: Textual's
    Toast is 60 cells wide, at most half of its rack (the screen less the rack's
    scrollbar, 2), less its border (1) and padding (2). tests/test_notifications.py
    measures it on a running app."""
    return max(8, min(60, (screen_width - 2) // 2) - 3)


# Textual calls the on_key of every class in the MRO (both mixins' run); the two differ
# only in one being a coroutine, which Textual also accepts.
class ReaderApp(TypeAheadMixin, KeymapMixin, App):  # type: ignore[misc]  # (see above)
    """Documents side by side. ``shown``: indices into ``documents`` of the first panes."""

    TITLE = "reader"
    BINDINGS = [*APP_BINDINGS]  # a list of its own: Textual types it list[Binding | tuple]
    _control_filter: Any = None  # made on first use (get_line_filters)

    # Toasts stack above the status line and the key bar (two rows), never over the
    # status line: it shows the pending step (a count, "g", a claim link) being typed.
    CSS = """
    ToastRack { margin-bottom: 2; }
    """

    def __init__(
        self,
        documents: list[Document],
        shown: list[int] | None = None,
        *,
        db_path: Path | None = None,
        keymap: str | None = None,
        resolved_keymap: ResolvedKeymap | None = None,
        terminal_bidi: TerminalBidi = "app",
        annotator: str = "",
        problems: list[str] | None = None,
    ) -> None:
        # Set before App.__init__, which asks get_driver_class() for the driver.
        self.bidi_mode = BidiModeSwitch(terminal_bidi)
        super().__init__()
        self.documents = documents
        self.shown = shown if shown else [0]
        self.db_path = db_path
        self.keymap_name = keymap
        #: The keymap when the caller has read it already (`reader --keymap` does, to
        #: report an unusable one before the screen opens); else read after the first paint.
        self._resolved_keymap = resolved_keymap
        self.annotator = annotator or _login_name()
        self.annotation = AnnotationSession(None, self.annotator)  # the bundled label schema
        self.load_problems = list(problems or [])
        self.store: AnnotationStore | None = None
        self.database_state = "no database"
        self.show_invisibles = False
        self.reading: ReadingScreen | None = None
        #: Relations among the documents (filled by a worker after the first paint) and
        #: the user's decisions on them; `relations_ready` once they are computed.
        self.relations = CorpusRelations()
        self.relations_ready = False
        #: Whether relations were searched (not above AUTO_RELATIONS_MAX until asked),
        #: and whether a search is running.
        self.relations_searched = False
        self.relations_searching = False

    def run(self, *args: Any, **kwargs: Any) -> Any:
        """Run the app (Textual's ``App.run``); returns the value the app exited with.

        Everything the imports made (modules, classes, tables) lives until the process
        ends: ``gc.freeze`` moves it out of the collector's reach, so the collections
        made while reading only scan what the app itself allocates. Until the first
        paint the collector is off (the `reader` command has it off from the import of
        this module: ``reader.commands.open.reader_app``): what is built then (screen,
        widgets, styles, the first layouts) lives on too, and the ~70 collections it set
        off cost ~4 ms. Tests (``run_test``) skip this.
        """
        gc.freeze()
        gc.disable()
        try:
            return super().run(*args, **kwargs)
        finally:
            gc.enable()

    def get_driver_class(self):
        """Textual's driver for this platform, sending the bidi mode sequences (see terminal.py)."""
        return driver_with_bidi_mode(super().get_driver_class(), self.bidi_mode)

    @property
    def order(self) -> Literal["visual", "logical"]:
        """Layout order for the panes: visual unless the terminal does the bidi."""
        return "visual" if self.bidi_mode.terminal_bidi == "app" else "logical"

    def get_line_filters(self):
        """Textual's filters, then the one that keeps control characters (from a database,
        a file name, anywhere) off the terminal (reader.tui.safe_output)."""
        from reader.tui.safe_output import ControlCharacters

        if self._control_filter is None:
            self._control_filter = ControlCharacters()
        return [*super().get_line_filters(), self._control_filter]

    def get_default_screen(self) -> ReadingScreen:
        """The reading screen is the app's base screen (no empty default screen to paint first)."""
        self.reading = ReadingScreen(self.documents, self.shown, order=self.order, show_invisibles=self.show_invisibles)
        return self.reading

    def notify(self, message: str, *, title: str = "", severity="information",
               timeout: float | None = None, markup: bool = True) -> None:
        """Every notification goes through here (widgets' notify calls the app's).
        Messages quote document text, titles and file names: never markup, and laid out
        as paragraphs are, by the bidi engine and without control characters: a line of
        the message holding right-to-left text is wrapped to the toast's width first and
        each screen line then reordered (UAX #9's order: a long Arabic notice starts on
        its first line, at the right edge), leaving the toast nothing to wrap; a
        left-to-right line is only sanitized, and the toast wraps it."""
        from reader.bidi.layout import display_line, layout_texts
        from reader.tui.dialogs.display import has_rtl

        width = toast_text_width(self.size.width)
        rows: list[str] = []
        for line in str(message).split("\n"):
            if self.order != "visual" or not has_rtl(line):
                # Nothing to reorder (or the terminal reorders): the toast may wrap it.
                rows.append(display_line(line, order=self.order))
                continue
            rtl, laid = layout_texts(line, width, order=self.order)
            for text, cells, _start, _end in laid:
                rows.append(" " * (width - cells) + text if rtl else text)
        super().notify("\n".join(rows), title=display_line(title, order=self.order) if title else "",
                       severity=severity, timeout=timeout, markup=False)

    def on_mount(self) -> None:
        # After the first paint: the keymap files, load problems and the database.
        self.call_after_refresh(self._first_paint_done)
        # Back from ctrl+z (`fg`) the terminal's screen is blank, and Textual (8.2)
        # repaints only what changed: nothing.
        self.app_resume_signal.subscribe(self, lambda _app: self.action_redraw())

    def _first_paint_done(self) -> None:
        gc.enable()  # off since `run` (start-up makes objects that live on)
        self._after_first_paint()

    def _after_first_paint(self) -> None:
        self._recheck_terminal_size()
        self._apply_keymap()
        for problem in self.load_problems[:3]:
            self.notify(problem, severity="warning", timeout=8)
        self._open_store()
        self._find_relations()
        self.run_worker(_import_text_rules, thread=True, group="warm-up")

    def _recheck_terminal_size(self) -> None:
        """A terminal resized while the app was starting (a tmux window given its size
        just after creation, a window manager settling) signals it before Textual listens:
        that SIGWINCH is lost and the app would keep its first size. Ask once more."""
        if self.is_headless:
            return
        from textual import events
        from textual.geometry import Size

        measured = tty_size(sys.__stderr__, sys.__stdout__)  # Textual draws on stderr
        if measured is None:
            return
        columns, lines = measured
        if (columns, lines) != tuple(self.size):
            size = Size(columns, lines)
            self.post_message(events.Resize(size, size))

    def _apply_keymap(self) -> None:
        """Apply ``--keymap`` (and the user's overrides); a keymap the user named that cannot
        be used ends the app with the reason (exit code 2)."""
        from reader.errors import ReaderError
        from reader.tui.keymap import resolve_keymap

        try:
            resolved = self._resolved_keymap or resolve_keymap(self.keymap_name)
        except ReaderError as error:
            if self.keymap_name:  # the user asked for this keymap: say why it cannot be used
                self.exit(return_code=2, message=f"reader: {error}")
            else:
                self.notify(f"{error}; using the default bindings", severity="warning", timeout=10)
            return
        self.apply_resolved_keymap(resolved)
        for problem in resolved.problems:
            self.notify(problem, severity="warning", timeout=10)

    # ------------------------------------------------------------------ database

    def _open_store(self) -> None:
        # An existing database opens now, in a thread; a new one is created by the first
        # change (reading alone writes no files and takes no lock).
        if self.db_path is not None and not _database_present(self.db_path):
            self.annotation.opener = self._create_store
            self._set_database_state(f"{Path(self.db_path).name}: new, created by the first change")
            return
        if self.db_path is None:
            self._set_database_state("no database")
            return
        self.run_worker(self._open_store_in_thread, thread=True, exclusive=True, group="store")

    def _open_store_in_thread(self) -> None:
        try:
            from reader.store.database import AnnotationStore

            assert self.db_path is not None  # _open_store starts this thread only with a path
            store = AnnotationStore.open(self.db_path, annotator=self.annotator)
        except Exception as error:  # noqa: BLE001 - shown to the user, the reading goes on
            self.call_from_thread(self._set_database_state, "database error")
            self.call_from_thread(self.notify, str(error), severity="error", timeout=10)
            return
        self.call_from_thread(self._store_opened, store)

    def _create_store(self) -> AnnotationStore:
        """Open (create) the database for the first change; returns the store."""
        from reader.store.database import AnnotationStore

        assert self.db_path is not None  # the opener is set only with a path
        store = AnnotationStore.open(self.db_path, annotator=self.annotator)
        self._store_opened(store)
        return store

    def _store_opened(self, store: AnnotationStore) -> None:
        self.store = store
        self._relation_decisions_changed()
        self.annotation.attach(store)
        if store.lock_message:
            self.notify(store.lock_message, severity="warning", timeout=10)
        for notice in getattr(store, "notices", ()):
            self.notify(notice, severity="warning", timeout=15)
        if self.reading is not None and self.reading.is_mounted:
            for pane in self.reading.panes:
                pane.view._register_document()
                pane.view.refresh()
            self.call_later(self._restore_reading_state, store)
        self.refresh_database_state()

    async def _restore_reading_state(self, store: AnnotationStore) -> None:
        """Open the panes the database says were open, with each document's cursor."""
        try:
            panes, cursors = store.reading_state()
        except Exception as error:  # noqa: BLE001 - where the reader was is a convenience
            self.notify(f"where you left off could not be read: {error}", severity="warning")
            return
        if (panes or cursors) and self.reading is not None:
            await self.reading.restore(panes, cursors)

    def _save_reading_state(self) -> None:
        """Note the open panes and the cursors in the database (if one is open)."""
        store = self.store
        if store is None or self.reading is None or not self.reading.is_mounted:
            return
        try:
            store.save_reading_state(*self.reading.reading_state())
        except Exception as error:  # noqa: BLE001 - never lose the session over this
            self.notify(f"where you are could not be saved: {error}", severity="warning")

    def on_reading_screen_panes_changed(self, message: Any) -> None:
        self._save_reading_state()

    async def action_quit(self) -> None:
        self._save_reading_state()
        self.exit()

    def refresh_database_state(self) -> None:
        """Show the store's save state (saved / unsaved / read-only) in the status line."""
        store = self.store
        if store is None:
            state = "no database"
        elif getattr(store, "read_only", False):
            state = f"{store.path.name}: read-only"
        else:
            state = f"{store.path.name}: {'saved' if store.saved else 'saving…'}"
        self._set_database_state(state)
        if self.reading is not None and self.reading.is_mounted:
            self.reading.show_done(self.annotation.is_done)
        # An undo or redo in a pane may have taken back a relation decision.
        if store is not None and store.relation_decisions() != self.relations.decisions:
            self._relation_decisions_changed()

    def _set_database_state(self, state: str) -> None:
        self.database_state = state
        if self.reading is not None and self.reading.is_mounted:
            self.reading.set_database_state(state)
            # Who is recorded on each change; without a database nothing is recorded.
            self.reading.set_annotator(self.annotation.annotator if self.db_path is not None else "")

    # ------------------------------------------------------------------ relations

    def _find_relations(self) -> None:
        if len(self.documents) > AUTO_RELATIONS_MAX:
            # Finding relations reads and fingerprints every document (language detection
            # included) in a thread that shares the interpreter with the UI: on a large
            # corpus that would make the first minutes sluggish. The user asks for it.
            self._relations_found([], searched=False)
            self.notify(f"{len(self.documents)} documents: relations between them are not searched "
                        f"automatically above {AUTO_RELATIONS_MAX}; ctrl+p → \"Find relations\" "
                        "searches them (about 1 s of CPU per 1,000 documents)", timeout=8)
        elif len(self.documents) > 1:
            self._start_relations_search()

    def _start_relations_search(self) -> None:
        self.relations_searching = True
        self.run_worker(self._find_relations_in_thread, thread=True, exclusive=True, group="relations")

    def get_system_commands(self, screen: Any) -> Iterable[SystemCommand]:
        """The command palette: Textual's commands, and the relation search when the
        corpus was too large for it to start by itself."""
        yield from super().get_system_commands(screen)
        if len(self.documents) > 1 and not self.relations_searched and not self.relations_searching:
            yield SystemCommand(
                "Find relations",
                f"Look for translations and duplicates among the {len(self.documents)} documents "
                "(the screen may be slow until it ends)",
                self.action_find_relations,
            )

    def action_find_relations(self) -> None:
        """Search the relations between all documents now (in a thread), if not done."""
        if self.relations_searched or self.relations_searching or len(self.documents) < 2:
            return
        self.notify(f"searching relations among {len(self.documents)} documents…", timeout=5)
        self._start_relations_search()

    def _find_relations_in_thread(self) -> None:
        """Judge every pair (or every candidate pair of a large corpus) with the verdict
        cache on disk under the user cache directory, so a corpus opened again is quick."""
        try:
            from reader.align.cache import RelationCache, default_cache_path
            from reader.align.relations import find_relations

            found = find_relations(self.documents, cache=RelationCache(default_cache_path()))
        except Exception as error:  # noqa: BLE001 - relations are a help; the reading goes on
            self.call_from_thread(self._relations_failed, error)
            return
        self.call_from_thread(self._relations_found, found)
        if len(self.documents) > AUTO_RELATIONS_MAX:  # asked for: say it is done
            self.call_from_thread(self.notify, f"relations found: {len(found)}", timeout=6)

    def _relations_failed(self, error: Exception) -> None:
        self.relations_searching = False
        self.notify(f"relations between documents not found: {error}", severity="warning", timeout=8)

    def _relations_found(self, found: list[Any], searched: bool = True) -> None:
        self.relations = CorpusRelations(found, self.relations.decisions)
        self.relations_ready = True
        self.relations_searched = searched
        self.relations_searching = False
        self._relation_decisions_changed()

    def current_relations(self) -> CorpusRelations:
        """The relations with the store's decisions as they are now (an undo may have changed them)."""
        if self.store is not None:
            self.relations.decisions = self.store.relation_decisions()
        return self.relations

    def decide_relation(self, relation: Any, decision: str | None) -> None:
        """Store the user's ``decision`` on ``relation`` ("confirmed", "rejected", None:
        forget it); creates the database if this is its first change. Raises ReaderError
        when there is no database to keep it in."""
        store = self.annotation.require_store()
        if decision is None:
            store.clear_relation_decision(relation.key)
        else:
            store.set_relation_decision(relation.key, relation.a, relation.b, relation.kind, decision)
        self.relations.decide(relation, decision)
        self.refresh_database_state()
        self._relation_decisions_changed()

    def _relation_decisions_changed(self) -> None:
        """Tell the screens that relations or decisions changed (pairing, library markers)."""
        self.current_relations()
        if self.reading is not None and self.reading.is_mounted:
            self.reading.relations_changed()
        for screen in self.screen_stack:
            changed = getattr(screen, "relations_changed", None)
            if changed is not None and screen is not self.reading:
                changed(self.relations if self.relations_ready else None)

    def on_unmount(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None

    # ------------------------------------------------------------------ actions

    def action_redraw(self) -> None:
        """Paint the whole screen again (after line noise over SSH, another program
        writing to the terminal, or a resume)."""
        self.screen.refresh()

    def action_toggle_invisibles(self) -> None:
        self.show_invisibles = not self.show_invisibles
        if self.reading is not None:
            self.reading.set_show_invisibles(self.show_invisibles)

    def action_help(self) -> None:
        from reader.tui.screens.help import HelpScreen

        self.push_screen(HelpScreen(self, schema=self.annotation.schema))

    def action_library(self) -> None:
        from reader.tui.screens.library import LibraryScreen

        relations = self.current_relations() if self.relations_ready else None
        self.push_screen(LibraryScreen(self.documents, self.store, relations=relations), self._open_from_library)

    async def _open_from_library(self, result: Any) -> None:
        """Open what the library returned: a document, or several side by side."""
        if result is None:
            return
        chosen = result if isinstance(result, (list, tuple)) else [result]
        for item in chosen:
            # The library dismisses with document ids; older callers passed documents.
            document = find_document(self.documents, item) if isinstance(item, str) else item
            if document is not None and self.reading is not None:
                await self.reading.open_document(document)


def _import_text_rules() -> None:
    """Import the word and sentence rules (reader.core.textunits builds them on import,
    ~15 ms) while the user looks at the first screen, so the first word motion or
    selection does not wait for them; they are not needed for the first paint."""
    import reader.tui.text_motions  # noqa: F401


def _login_name() -> str:
    """The login name (recorded on every change when no --annotator is given)."""
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""



def _database_present(path: Any) -> bool:
    """True if any file of the database is there (a deleted snapshot beside its last good
    copy or journal is a damaged database, reported on open, not a new one)."""
    from reader.store.journal import DatabaseFiles

    return DatabaseFiles.at(path).present()
