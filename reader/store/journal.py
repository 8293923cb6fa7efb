"""The database on disk: a JSON snapshot and, beside it, an append-only change journal.

Files for a database at `annotations.db`:

- `annotations.db`            the snapshot: every table, the undo/redo history, the last change's seq
- `annotations.db.journal`    one JSON line per change since the snapshot, each fsync'd before the
                              change is acknowledged
- `annotations.db.prev`       the previous snapshot (the last good copy) …
- `annotations.db.journal.prev` … and the journal that leads from it to the current snapshot
- `annotations.db.lock`, `annotations.db.owner`  the writer's lock and who holds it

A crash can only leave a torn *last* journal line (it was never acknowledged: the fsync that
acknowledges a change comes after the whole line is written); it is left out and reported, and
the writer keeps its bytes aside and cuts it off before the next append. A failed append (a full
disk) cuts the journal back itself. Each line carries a CRC-32 of its JSON. Anything else that
does not parse, fails its checksum or has the wrong shape (reader.store.validation) is
corruption: it is reported with the path (and line) and a recovery route, and no file is touched.
"""

from __future__ import annotations

import errno
import os
import re
import time
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from reader.core.files import fsync_dir, write_atomically
from reader.errors import ReaderError
from reader.store import migrations
from reader.store.validation import entry_problem, snapshot_problem, v1_problem

SNAPSHOT_FORMAT = "reader-annotations"


class CorruptDatabase(ReaderError):
    """A database file that cannot be read as written; nothing was changed on disk."""


@dataclass(frozen=True)
class DatabaseFiles:
    """The paths that make up one database."""

    snapshot: Path

    @classmethod
    def at(cls, path: str | os.PathLike[str]) -> "DatabaseFiles":
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

    def all_paths(self) -> tuple[Path, ...]:
        """Every file the database may have (not the migration backups)."""
        return (self.snapshot, self.journal, self.previous, self.previous_journal, self.lock, self.owner)

    def present(self) -> bool:
        """True if any file of the database is there: a database whose snapshot was deleted
        but whose last good copy or journal is left is damaged, not "not created yet"."""
        return any(p.exists() for p in (self.snapshot, self.journal, self.previous, self.previous_journal))

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
    (a torn line after it is set aside and cut off before the next append). `notices` are
    what the user should be told although the database opens (a torn last line)."""

    snapshot: dict[str, Any] | None
    entries: list[dict[str, Any]] = field(default_factory=list)
    journal_end: int = 0
    journal_size: int = 0
    notices: list[str] = field(default_factory=list)


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


#: A line's checksum is its last field, over the line's JSON without it (see `encode_line`).
_CRC_TAIL = re.compile(rb',"crc":"([0-9a-f]{8})"\}$')


def encode_line(entry: dict[str, Any]) -> bytes:
    """One journal line: the entry as JSON with a last field `"crc"`, the CRC-32 (8 hex
    digits) of the same JSON without that field, so that a flipped byte is detected.
    Readers that do not check it just see one more field."""
    body = orjson.dumps(entry)
    return body[:-1] + b',"crc":"%08x"}\n' % zlib.crc32(body)


def decode_line(line: bytes, *, checksums_seen: bool) -> tuple[dict[str, Any] | None, str]:
    """The entry on one journal line (without its newline), or None and why it cannot be
    used. A line without a checksum is accepted (journals from before checksums) unless
    an earlier line of the same journal had one."""
    try:
        entry = orjson.loads(line)
    except orjson.JSONDecodeError as error:
        return None, f"a damaged journal line (not JSON: {error})"
    if not isinstance(entry, dict):
        return None, f"a damaged journal line (a JSON {type(entry).__name__}, not a change record)"
    if "crc" in entry:
        tail = _CRC_TAIL.search(line)
        if tail is None or entry["crc"] != tail.group(1).decode() \
                or zlib.crc32(line[: tail.start()] + b"}") != int(tail.group(1), 16):
            return None, "checksum mismatch: the line was changed after it was written"
        del entry["crc"]
    elif checksums_seen:
        return None, "checksum missing, although the lines before it have one"
    problem = entry_problem(entry)
    if problem:
        return None, f"not a change this reader can use: {problem}"
    return entry, ""


@dataclass
class JournalContents:
    """What `read_journal` found in one journal file."""

    entries: list[dict[str, Any]]       # the entries with seq > after_seq, in order
    end: int                            # the byte offset after the last whole, intact line
    size: int                           # the file's size (more than `end`: a torn last line)
    torn: str = ""                      # "path:line: why" for a torn last line, else ""
    damaged: str = ""                   # non-strict reading only: where and why it stopped
    last_skipped: int | None = None     # the highest seq at or below after_seq, if any
    lines: int = 0                      # whole, intact lines read


def read_journal(path: Path, *, after_seq: int, strict: bool = True, recovery: str = "") -> JournalContents:
    """The entries of journal `path` with seq > `after_seq`. A last line cut short (no
    newline: an append that never finished, so never acknowledged) is left out and named in
    `torn`. Any other damaged line raises CorruptDatabase when `strict`; otherwise reading
    stops there and `damaged` says where."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return JournalContents([], 0, 0)
    except OSError as error:
        raise ReaderError(f"{path}: cannot read the journal ({error.strerror or error})") from None
    found = JournalContents([], 0, len(raw))
    offset = 0
    checksums_seen = False
    lines = raw.split(b"\n")
    for number, line in enumerate(lines, start=1):
        line_end = offset + len(line) + 1
        complete = line_end <= len(raw)
        if not line.strip():
            if complete:
                offset = line_end
                continue
            break  # the end of the file
        entry, reason = decode_line(line, checksums_seen=checksums_seen)
        if not complete:
            # No newline: an append cut short (a crash, a full disk), never acknowledged.
            found.torn = f"{path}:{number}: the last journal line is incomplete " + (
                "(its JSON is cut short)" if entry is None else "(no end of line)")
            break
        if entry is None:
            where = f"{path}:{number}: {reason}"
            if not strict:
                found.damaged = where
                break
            raise CorruptDatabase(
                f"{where}; nothing was changed. To recover: " + recovery
            )
        checksums_seen = checksums_seen or _CRC_TAIL.search(line) is not None
        offset = line_end
        found.lines += 1
        if entry["seq"] > after_seq:
            found.entries.append(entry)
        else:
            found.last_skipped = entry["seq"]
    found.end = offset
    return found


def read_state(files: DatabaseFiles) -> DiskState:
    """Read the snapshot and the journal after it. Retries if a writer compacted in between
    (the snapshot was replaced while we read), so a reader never pairs an old snapshot with a
    new journal."""
    for _ in range(5):
        before = _identity(files.snapshot)
        snapshot = _read_snapshot(files)
        _check_snapshot(files, snapshot)
        seq = snapshot.get("seq", 0) if snapshot and "format" in snapshot else 0
        journal = read_journal(files.journal, after_seq=seq, recovery=files.recovery_route())
        if _identity(files.snapshot) == before:
            break
    if snapshot is None and (files.previous.exists() or journal.lines):
        raise CorruptDatabase(
            f"{files.snapshot}: the database file is missing, but "
            + (f"its last good copy {files.previous} is there" if files.previous.exists()
               else f"its journal {files.journal} holds {journal.lines} changes")
            + " (deleted or moved?); nothing was changed. To recover: " + files.recovery_route()
        )
    if journal.last_skipped is not None and journal.last_skipped != seq:
        # Entries at or below the snapshot's seq are only there after a crash in the middle
        # of a compaction, and then they end exactly at the snapshot's seq.
        raise CorruptDatabase(
            f"{files.snapshot}: it says it holds the changes up to {seq}, but its journal {files.journal} "
            f"ends at change {journal.last_skipped}: they do not belong together, and reading them would "
            "hide the journal's changes; nothing was changed. To recover: " + files.recovery_route()
        )
    if snapshot is not None and "format" not in snapshot and journal.lines:
        raise CorruptDatabase(
            f"{files.snapshot}: a version-1 database (a plain TinyDB file) with a journal beside it "
            f"({files.journal}, {journal.lines} changes): a journal never follows a version-1 file; nothing "
            "was changed. To recover: " + files.recovery_route()
        )
    _check_sequence(files, seq, journal.entries)
    notices = []
    if journal.torn:
        notices.append(journal.torn + ": a change cut off before it was saved (a crash or a full disk) "
                       "is left out; every saved change is there")
    return DiskState(snapshot, journal.entries, journal.end, journal.size, notices)


def _check_snapshot(files: DatabaseFiles, snapshot: dict[str, Any] | None) -> None:
    """Raise CorruptDatabase unless `snapshot` has the shape of its schema version (a newer
    version is left to the store, which says so)."""
    if snapshot is None:
        return
    version = migrations.schema_version_of(snapshot, where=str(files.snapshot))
    problem: str | None
    if "format" in snapshot and snapshot["format"] != SNAPSHOT_FORMAT:
        problem = f"format {snapshot['format']!r:.40} is not {SNAPSHOT_FORMAT!r}"
    else:
        problem = snapshot_problem(snapshot) if version > 1 else v1_problem(snapshot)
    if problem:
        raise CorruptDatabase(f"{files.snapshot}: {problem}; nothing was changed. To recover: "
                              + files.recovery_route())


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
        #: where a torn last line found on open was kept before it was cut off
        self.set_aside: Path | None = None
        if size > intact_end:
            # Cut a torn last line (never acknowledged) so the next entry starts on a line of
            # its own; its bytes are kept beside the journal, never just dropped.
            with open(path, "r+b") as handle:
                handle.seek(intact_end)
                tail = handle.read()
                aside = path.with_name(f"{path.name}.torn-{time.strftime('%Y%m%d-%H%M%S')}")
                try:
                    write_atomically(aside, tail)
                    self.set_aside = aside
                except OSError:
                    pass  # a full disk: the change was never saved; the notice says it is left out
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


def now_iso() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S%z")
