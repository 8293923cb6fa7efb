"""The database on disk: a JSON snapshot and, beside it, an append-only change journal.

Files for a database at `annotations.db`:

- `annotations.db`            the snapshot: every table, the undo/redo history, the last change's seq
- `annotations.db.journal`    one JSON line per change since the snapshot, each fsync'd before the
                              change is acknowledged
- `annotations.db.prev`       the previous snapshot (the last good copy) …
- `annotations.db.journal.prev` … and the journal that leads from it to the current snapshot
- `annotations.db.lock`, `annotations.db.owner`  the writer's lock and who holds it

A crash can only leave a torn *last* journal line (it was never acknowledged: the fsync that
acknowledges a change comes after the whole line is written); it is ignored, and cut off before
the next append. Anything else that does not parse is corruption: it is reported with the path
and a recovery route, and no file is touched.
"""

from __future__ import annotations

import errno
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from reader.core.files import fsync_dir, write_atomically
from reader.errors import ReaderError

SNAPSHOT_FORMAT = "reader-annotations"


class CorruptDatabase(ReaderError):
    """A database file that cannot be read as written; nothing was changed on disk."""


@dataclass(frozen=True)
class DatabaseFiles:
    """The paths that make up one database."""

    snapshot: Path

    @classmethod
    def at(cls, path: str | os.PathLike) -> "DatabaseFiles":
        return cls(Path(path).expanduser().absolute())

    def _beside(self, suffix: str) -> Path:
        return self.snapshot.with_name(self.snapshot.name + suffix)

    @property
    def journal(self) -> Path:
        return self._beside(".journal")

    @property
    def previous(self) -> Path:
        return self._beside(".prev")

    @property
    def previous_journal(self) -> Path:
        return self._beside(".journal.prev")

    @property
    def lock(self) -> Path:
        return self._beside(".lock")

    @property
    def owner(self) -> Path:
        return self._beside(".owner")

    def recovery_route(self) -> str:
        """What a user can do about a damaged database, naming the files that still hold the data."""
        if self.previous.exists():
            route = (
                f"the last good copy is {self.previous} (with the changes after it in "
                f"{self.previous_journal} and {self.journal}); "
            )
        elif self.journal.exists():
            route = f"the changes since the database was created are in {self.journal}; "
        else:
            # Not written by the reader, or its journal was removed: nothing to rebuild from.
            return (
                f"there is no last good copy and no journal beside it, so nothing to rebuild it from; "
                f"`reader info --db {self.snapshot} --recover` starts an empty database and keeps "
                "the damaged file beside it"
            )
        return (
            route + f"`reader info --db {self.snapshot} --recover` rebuilds the database from them "
            "and keeps the damaged files beside it"
        )


@dataclass
class DiskState:
    """What `read_state` found: the parsed snapshot (None if there is none yet) and the journal
    entries after it, in order. `journal_end` is the byte offset after the last intact line
    (a torn line after it is cut off before the next append)."""

    snapshot: dict[str, Any] | None
    entries: list[dict[str, Any]] = field(default_factory=list)
    journal_end: int = 0
    journal_size: int = 0


def _read_snapshot(files: DatabaseFiles) -> dict[str, Any] | None:
    path = files.snapshot
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise ReaderError(f"{path}: cannot read the database ({error.strerror})") from None
    if not raw.strip():
        raise CorruptDatabase(
            f"{path}: the database file is empty (truncated?); nothing was changed. To recover: "
            + files.recovery_route()
        )
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise CorruptDatabase(
            f"{path}: the database file is damaged ({error}); nothing was changed. To recover: "
            + files.recovery_route()
        ) from None
    if not isinstance(data, dict):
        raise CorruptDatabase(
            f"{path}: not an annotation database (a JSON {type(data).__name__}, not an object); "
            "nothing was changed. To recover: " + files.recovery_route()
        )
    return data


def read_journal(
    path: Path, *, after_seq: int, strict: bool = True, recovery: str = ""
) -> tuple[list[dict[str, Any]], int, int]:
    """The entries of journal `path` with seq > `after_seq`, the byte offset after the last
    intact line, and the file size. A damaged line that is not the last one raises
    CorruptDatabase when `strict` (otherwise reading stops there)."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return [], 0, 0
    entries: list[dict[str, Any]] = []
    offset = 0
    lines = raw.split(b"\n")
    last_nonblank = max((i for i, line in enumerate(lines, start=1) if line.strip()), default=0)
    for number, line in enumerate(lines, start=1):
        line_end = offset + len(line) + 1
        is_last = number == last_nonblank
        if not line.strip():
            offset = min(line_end, len(raw))
            continue
        try:
            entry = orjson.loads(line)
            if not isinstance(entry, dict) or not isinstance(entry.get("seq"), int):
                raise ValueError("not a change record")
        except (orjson.JSONDecodeError, ValueError) as error:
            if is_last:
                break  # torn by a crash mid-append: never acknowledged
            if not strict:
                break
            raise CorruptDatabase(
                f"{path}:{number}: a damaged journal line ({error}) with acknowledged changes after it; "
                "nothing was changed. To recover: " + recovery
            ) from None
        if not line_end <= len(raw):
            break  # intact JSON but no newline yet: the append was cut before its end
        offset = line_end
        if entry["seq"] > after_seq:
            entries.append(entry)
    return entries, offset, len(raw)


def read_state(files: DatabaseFiles) -> DiskState:
    """Read the snapshot and the journal after it. Retries if a writer compacted in between
    (the snapshot was replaced while we read), so a reader never pairs an old snapshot with a
    new journal."""
    for _ in range(5):
        before = _identity(files.snapshot)
        snapshot = _read_snapshot(files)
        seq = int(snapshot.get("seq", 0)) if snapshot else 0
        entries, end, size = read_journal(files.journal, after_seq=seq, recovery=files.recovery_route())
        if _identity(files.snapshot) == before:
            break
    _check_sequence(files, seq, entries)
    return DiskState(snapshot, entries, end, size)


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return st.st_ino, st.st_mtime_ns


def _check_sequence(files: DatabaseFiles, seq: int, entries: list[dict[str, Any]]) -> None:
    expected = seq + 1
    for entry in entries:
        if entry["seq"] != expected:
            raise CorruptDatabase(
                f"{files.journal}: change {expected} is missing (found {entry['seq']}): the journal does not "
                f"follow the snapshot {files.snapshot}; nothing was changed. To recover: " + files.recovery_route()
            )
        expected += 1


def write_snapshot(files: DatabaseFiles, snapshot: dict[str, Any]) -> None:
    """Make `snapshot` the database and start an empty journal; the replaced snapshot and its
    journal become the `.prev` pair. At every moment a complete snapshot is at `files.snapshot`,
    and the journal's entries up to the snapshot's seq are skipped on open, so a crash between
    any two steps loses nothing."""
    payload = orjson.dumps(snapshot)
    directory = files.snapshot.parent
    directory.mkdir(parents=True, exist_ok=True)
    if files.snapshot.exists():
        # A hard link keeps the old snapshot under .prev without a moment with no snapshot.
        link_tmp = files.previous.with_name(f".{files.previous.name}.{os.getpid()}.tmp")
        link_tmp.unlink(missing_ok=True)
        os.link(files.snapshot, link_tmp)
        os.replace(link_tmp, files.previous)
    write_atomically(files.snapshot, payload)
    if files.journal.exists():
        os.replace(files.journal, files.previous_journal)
    fsync_dir(directory)


class JournalWriter:
    """Appends change entries to the journal; `append` returns once the entry is on disk.

    `end` is the byte offset after the last whole line. An append that fails part-way (a
    short write or ENOSPC on a full disk, a failed fdatasync) cuts the file back to `end`
    before it raises; if even that fails, the writer stays `dirty` and cuts it before the
    next append, which fails rather than glue a change to a half line."""

    def __init__(self, path: Path, *, intact_end: int, size: int):
        self.path = path
        if size > intact_end:
            # Cut a torn last line (never acknowledged) so the next entry starts on a line of its own.
            with open(path, "r+b") as handle:
                handle.truncate(intact_end)
                os.fsync(handle.fileno())
        self._fd: int | None = None
        self.end = 0
        self.dirty = False
        self.lines = 0

    def _open(self) -> int:
        if self._fd is None:
            created = not self.path.exists()
            self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            self.end = os.fstat(self._fd).st_size
            if created:
                fsync_dir(self.path.parent)
        return self._fd

    def append(self, entry: dict[str, Any]) -> None:
        """Write `entry` as one line and fsync (fdatasync) it. Raises OSError if the disk
        refuses; the journal then ends with the last whole line, as before the call."""
        line = encode_line(entry)
        fd = self._open()
        if self.dirty:
            self._cut()
        try:
            written = 0
            while written < len(line):
                count = os.write(fd, line[written:])
                if count <= 0:
                    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
                written += count
            os.fdatasync(fd)
        except OSError:
            self.dirty = True
            try:
                self._cut()
            except OSError:
                pass  # still dirty: cut before the next append (and a torn last line on open)
            raise
        self.end += len(line)
        self.lines += 1

    def _cut(self) -> None:
        """Truncate the journal back to its last whole line, durably."""
        assert self._fd is not None
        os.ftruncate(self._fd, self.end)
        os.fsync(self._fd)
        self.dirty = False

    def restart(self) -> None:
        """Forget the file handle after compaction moved the journal aside."""
        self.close()
        self.lines = 0

    def close(self) -> None:
        if self._fd is not None:
            if self.dirty:
                try:
                    self._cut()
                except OSError:
                    pass  # the next open sees a torn last line and reports it
            os.close(self._fd)
            self._fd = None


def encode_line(entry: dict[str, Any]) -> bytes:
    """One journal line: the entry as JSON and a newline."""
    return orjson.dumps(entry) + b"\n"


def now_iso() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S%z")
