"""TinyDB, made durable and O(1) per change, through its own extension points.

- `JournalStorage` is a TinyDB `Storage`: the tables live in memory; `read()` hands TinyDB the
  live dict. It never rewrites the database on a change: each change is one journal line
  (reader.store.journal), fsync'd before the call returns.
- `JournaledTable` is the `TinyDB.table_class`: its `_update_table` runs TinyDB's own updaters
  on the live table through a `RecordingTable`, which notes the records they touch, instead of
  copying the whole table twice as `Table._update_table` does (O(n) per write).
- A change groups the record writes of one store operation (`with storage.change(...)`): one
  journal line, undone and redone as a unit. Each write carries the record before and after,
  which is all undo needs.

The undo/redo stacks are a function of the journal (a change pushes, an undo entry pops to the
redo stack, a redo pops back), so replaying the journal on open restores them; compaction keeps
them in the snapshot.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping, MutableMapping
from contextlib import contextmanager
from os import PathLike
from typing import Any, Callable

import orjson
from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from reader.core.files import write_atomically
from reader.errors import ReaderError
from reader.store import migrations
from reader.store.validation import tables_problem
from reader.store.journal import (
    SNAPSHOT_FORMAT,
    CorruptDatabase,
    DatabaseFiles,
    JournalWriter,
    now_iso,
    read_state,
    write_snapshot,
)

#: [table, key, record before (None: absent), record after (None: removed)]
Write = list[Any]
#: Called for every record write as it happens (and with before/after swapped on rollback).
WriteListener = Callable[[str, str, Any, Any], None]

#: how many changes undo can reach back
HISTORY_LIMIT = 1000
#: compact (new snapshot, empty journal) on open/close once the journal has this many lines
COMPACT_AFTER_LINES = 20_000


def _copy(record: Any) -> Any:
    return orjson.loads(orjson.dumps(record))


class ReadOnlyDatabase(ReaderError):
    """A write to a store opened read-only."""


class NotSaved(ReaderError):
    """The journal could not be written (a full disk, an I/O error): the change was rolled
    back in memory and the journal still ends with the last saved change."""


class RecordingTable(MutableMapping[str, Any]):
    """A live TinyDB table dict that remembers, per key it touches, the record as it was."""

    def __init__(self, raw: dict[str, Any]):
        self.raw = raw
        self._before: dict[str, bytes | None] = {}

    def _touch(self, key: str) -> None:
        if key not in self._before:
            self._before[key] = orjson.dumps(self.raw[key]) if key in self.raw else None

    def __getitem__(self, key: str) -> Any:
        value = self.raw[key]
        self._touch(key)  # TinyDB's update() mutates the record it gets in place
        return value

    def __setitem__(self, key: str, value: Any) -> None:
        self._touch(key)
        self.raw[key] = value

    def __delitem__(self, key: str) -> None:
        self._touch(key)
        del self.raw[key]

    def __contains__(self, key: object) -> bool:
        return key in self.raw

    def __iter__(self) -> Iterator[str]:
        return iter(list(self.raw))

    def __len__(self) -> int:
        return len(self.raw)

    def writes(self, table: str) -> list[Write]:
        """The records that changed, as writes with private copies of before and after; the live
        table gets its own copy too, so nobody outside holds a reference into the database."""
        found: list[Write] = []
        for key, before in self._before.items():
            after = orjson.dumps(self.raw[key]) if key in self.raw else None
            if after == before:
                continue
            if after is not None:
                self.raw[key] = orjson.loads(after)
            found.append([table, key, None if before is None else orjson.loads(before),
                          None if after is None else orjson.loads(after)])
        return found

    def restore(self) -> None:
        """Put every touched record back as it was (the updater raised)."""
        for key, before in self._before.items():
            if before is None:
                self.raw.pop(key, None)
            else:
                self.raw[key] = orjson.loads(before)


class JournaledTable(Table):
    """A TinyDB table whose writes cost O(records changed), each journaled by JournalStorage.

    Document ids are the records' own string ids: insert `tinydb.table.Document(record, doc_id=id)`.
    """

    # TinyDB types document ids as int; it only ever passes ours through this class.
    document_id_class = str  # type: ignore[assignment]  # see the line above

    def _get_next_id(self) -> int:
        raise TypeError("insert records as tinydb.table.Document(record, doc_id=<their id>)")

    def _update_table(self, updater: Callable[[dict[int, Mapping[Any, Any]]], None]) -> None:
        storage: JournalStorage = self._storage  # type: ignore[assignment]  # AnnotationDB always gives one
        storage.check_writable()
        raw = storage.read().setdefault(self.name, {})
        recording = RecordingTable(raw)
        try:
            # TinyDB's updaters use only the mapping interface of the table they are given
            # (get, set, delete, iterate), which RecordingTable has; its keys are our string ids.
            updater(recording)  # type: ignore[arg-type]  # (see above)
        except BaseException:
            recording.restore()
            raise
        finally:
            self.clear_cache()
        storage.record(recording.writes(self.name))


class AnnotationDB(TinyDB):
    """TinyDB on a JournalStorage with JournaledTables."""

    table_class = JournaledTable
    default_storage_class = None  # type: ignore[assignment]  # always given explicitly: no default

    def drop_table(self, name: str) -> None:
        self.table(name).truncate()

    def drop_tables(self) -> None:
        for name in list(self.tables()):
            self.drop_table(name)


class JournalStorage(Storage):
    """The tables in memory, the snapshot and journal on disk (see the module docstring)."""

    def __init__(self, path: str | PathLike[str], *, read_only: bool = False, read_only_reason: str = "", history_limit: int = HISTORY_LIMIT):
        self.files = DatabaseFiles.at(path)
        self.read_only = read_only
        self.read_only_reason = read_only_reason
        self.history_limit = history_limit
        self.listeners: list[WriteListener] = []
        self._lock = threading.RLock()
        self._pending: list[Write] | None = None
        self._pending_meta: dict[str, Any] = {}
        self.migrated_from: int | None = None

        state = read_state(self.files)
        #: what the user should be told although the database opened (a torn last line)
        self.notices: list[str] = list(state.notices)
        snapshot = state.snapshot or {}
        version = migrations.schema_version_of(snapshot, where=str(self.files.snapshot)) if state.snapshot else migrations.SCHEMA_VERSION
        if version == 1:
            self.tables, self.seq, history = dict(snapshot), 0, {}
        else:
            self.tables = snapshot.get("tables", {})
            self.seq = int(snapshot.get("seq", 0))
            history = snapshot.get("history", {})
        self.undo_stack: list[dict[str, Any]] = history.get("undo", [])
        self.redo_stack: list[dict[str, Any]] = history.get("redo", [])
        for entry in state.entries:
            self._replay(entry)
        if version < migrations.SCHEMA_VERSION:
            self.tables = migrations.migrate(self.tables, version)
            self.undo_stack, self.redo_stack = [], []  # their records have the old shape
            self.migrated_from = version
            problem = tables_problem(self.tables)
            if problem:
                raise CorruptDatabase(f"{self.files.snapshot}: a version-{version} database that cannot be "
                                      f"migrated ({problem}); nothing was changed")

        self._journal: JournalWriter | None = None
        if not read_only:
            if self.migrated_from is not None:
                backup = self.files.snapshot.with_name(f"{self.files.snapshot.name}.v{version}.bak")
                if not backup.exists():
                    write_atomically(backup, self.files.snapshot.read_bytes())
                self.compact()
            elif state.snapshot is None:
                self.compact()  # a new database: the file exists from the start
            self._journal = JournalWriter(self.files.journal, intact_end=state.journal_end, size=state.journal_size)
            if self._journal.set_aside is not None:
                self.notices = [f"{n}; its bytes are kept in {self._journal.set_aside}" for n in self.notices]
            self._journal.lines = len(state.entries)
            if self._journal.lines >= COMPACT_AFTER_LINES:
                try:
                    self.compact()
                except NotSaved:
                    pass  # a full disk: the journal still holds every change

    # -- TinyDB's Storage interface ------------------------------------------------------------
    def read(self) -> dict[str, dict[str, Any]]:
        """The live tables (TinyDB reads records from them; JournaledTable writes through them)."""
        return self.tables

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        raise TypeError("JournalStorage journals record writes; write through JournaledTable")

    def close(self) -> None:
        if self._journal is not None:
            if self._journal.lines >= COMPACT_AFTER_LINES:
                try:
                    self.compact()
                except NotSaved:
                    pass  # the journal holds every change; compaction waits for the next open
            self._journal.close()
            self._journal = None

    # -- changes -------------------------------------------------------------------------------
    def check_writable(self) -> None:
        """Raise ReadOnlyDatabase (saying who holds the lock) unless changes can be saved."""
        if self.read_only:
            raise ReadOnlyDatabase(self.read_only_reason or f"{self.files.snapshot} is open read-only")
        if self._journal is None:
            raise ReaderError(f"{self.files.snapshot} is closed")

    @contextmanager
    def change(self, description: str, annotator: str, *, undoable: bool = True, barrier: bool = False) -> Iterator[None]:
        """Group the writes made inside into one change: one journal line, fsync'd when the
        block ends (nested blocks join the outer one). If the block raises, or the journal
        cannot be written, every write is rolled back in memory and nothing is journaled.
        `undoable=False`: not on the undo stack; `barrier=True`: also clears the stacks (the
        change rewrote records that earlier entries would restore wrongly)."""
        with self._lock:
            if self._pending is not None:
                yield
                return
            self.check_writable()
            self._pending = []
            self._pending_meta = {"description": description, "annotator": annotator,
                                  "undoable": undoable, "barrier": barrier}
            try:
                yield
            except BaseException:
                writes, self._pending = self._pending, None
                self._rollback(writes)
                raise
            writes, self._pending = self._pending, None
            if writes:
                entry = {"kind": "change", **self._pending_meta, "writes": writes}
                self._commit(entry, applied=writes)

    def record(self, writes: list[Write]) -> None:
        """Writes a JournaledTable made: part of the open change, or a change of their own."""
        for table, key, before, after in writes:
            self._notify(table, key, before, after)
        if self._pending is not None:
            self._pending.extend(writes)
        elif writes:
            with self._lock:
                self._commit({"kind": "change", "description": "write", "annotator": "",
                              "undoable": True, "barrier": False, "writes": writes}, applied=writes)

    def _commit(self, entry: dict[str, Any], *, applied: list[Write]) -> None:
        entry = {"seq": self.seq + 1, "time": now_iso(), **entry}
        try:
            assert self._journal is not None
            self._journal.append(entry)
        except OSError as error:
            self._rollback(applied)
            raise NotSaved(
                f"{self.files.journal}: “{entry.get('description', 'the change')}” was NOT saved "
                f"({error.strerror or error}); it was taken back, and everything saved before it is "
                "intact. Free some space (or fix the disk) and do it again"
            ) from None
        self.seq += 1
        self._track_history(entry)

    def _rollback(self, writes: list[Write]) -> None:
        for table, key, before, after in reversed(writes):
            self._put(table, key, before)
            self._notify(table, key, after, before)

    def _put(self, table: str, key: str, record: Any) -> None:
        raw = self.tables.setdefault(table, {})
        if record is None:
            raw.pop(key, None)
        else:
            raw[key] = _copy(record)

    def _notify(self, table: str, key: str, before: Any, after: Any) -> None:
        for listener in self.listeners:
            listener(table, key, before, after)

    def _apply(self, writes: list[Write], *, notify: bool) -> None:
        for table, key, before, after in writes:
            self._put(table, key, after)
            if notify:
                self._notify(table, key, before, after)

    def _replay(self, entry: dict[str, Any]) -> None:
        self._apply(entry.get("writes", []), notify=False)
        self.seq = entry["seq"]
        self._track_history(entry)

    # -- undo / redo ---------------------------------------------------------------------------
    def _track_history(self, entry: dict[str, Any]) -> None:
        """Move the undo/redo stacks as `entry` says; the one place their rules live."""
        kind = entry.get("kind", "change")
        if kind == "undo":
            if self.undo_stack and self.undo_stack[-1]["seq"] == entry.get("of"):
                self.redo_stack.append(self.undo_stack.pop())
        elif kind == "redo":
            if self.redo_stack and self.redo_stack[-1]["seq"] == entry.get("of"):
                self.undo_stack.append(self.redo_stack.pop())
        elif entry.get("barrier"):
            self.undo_stack.clear()
            self.redo_stack.clear()
        elif entry.get("undoable", True):
            self.undo_stack.append(entry)
            del self.undo_stack[: -self.history_limit]
            self.redo_stack.clear()

    def undo(self, annotator: str) -> dict[str, Any] | None:
        """Revert the latest change still on the undo stack; returns that change (None if none)."""
        return self._step("undo", annotator)

    def redo(self, annotator: str) -> dict[str, Any] | None:
        """Re-apply the latest undone change; returns it (None if nothing to redo)."""
        return self._step("redo", annotator)

    def _step(self, kind: str, annotator: str) -> dict[str, Any] | None:
        with self._lock:
            self.check_writable()
            stack = self.undo_stack if kind == "undo" else self.redo_stack
            if not stack:
                return None
            change = stack[-1]
            if kind == "undo":
                writes = [[t, k, after, before] for t, k, before, after in reversed(change["writes"])]
            else:
                writes = [list(w) for w in change["writes"]]
            for table, key, expected, _ in writes:
                if self.tables.get(table, {}).get(key) != expected:
                    raise ReaderError(
                        f"cannot {kind} “{change['description']}”: {table} {key} was changed outside the history"
                    )
            self._apply(writes, notify=True)
            self._commit({"kind": kind, "of": change["seq"], "description": change["description"],
                          "annotator": annotator, "writes": writes}, applied=writes)
            return change

    # -- compaction ----------------------------------------------------------------------------
    def snapshot_data(self) -> dict[str, Any]:
        return {
            "format": SNAPSHOT_FORMAT,
            "schema_version": migrations.SCHEMA_VERSION,
            "seq": self.seq,
            "tables": self.tables,
            "history": {"undo": self.undo_stack, "redo": self.redo_stack},
        }

    def compact(self) -> None:
        """Write the whole database as a new snapshot and start an empty journal (O(n): done on
        open and close when the journal is long, never on a save)."""
        with self._lock:
            if self.read_only:
                raise ReadOnlyDatabase(self.read_only_reason or f"{self.files.snapshot} is open read-only")
            try:
                write_snapshot(self.files, self.snapshot_data())
            except OSError as error:
                # Nothing is lost: the old snapshot and the journal are still in place.
                raise NotSaved(f"{self.files.snapshot}: cannot write a new snapshot "
                               f"({error.strerror or error}); the database is unchanged") from None
            if self._journal is not None:
                self._journal.restart()

    @property
    def journal_lines(self) -> int:
        return self._journal.lines if self._journal else 0
