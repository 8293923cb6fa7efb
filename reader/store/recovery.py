"""Rebuilding a damaged database from what is still good: the newest snapshot that parses
and has the right shape (the current one, else the last good copy `.prev`) and the intact
journal entries that follow it. The damaged files are renamed aside, never deleted or
overwritten; a database written by a newer reader is not touched at all."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from reader.core.files import write_atomically
from reader.errors import ReaderError
from reader.store import migrations
from reader.store.journal import SNAPSHOT_FORMAT, DatabaseFiles, encode_line, read_journal
from reader.store.lock import WriterLock
from reader.store.validation import record_problem, snapshot_problem, v1_problem


def _parse(path: Path) -> tuple[dict[str, Any] | None, str]:
    """The snapshot at `path`, or None and why it cannot be used."""
    try:
        data = orjson.loads(path.read_bytes())
    except FileNotFoundError:
        return None, "missing"
    except OSError as error:
        return None, f"unreadable ({error.strerror or error})"
    except orjson.JSONDecodeError as error:
        return None, f"not JSON ({error})"
    if not isinstance(data, dict):
        return None, f"a JSON {type(data).__name__}, not a database"
    return data, ""


def _salvage(path: Path, data: dict[str, Any]) -> tuple[dict[str, Any] | None, str, list[str]]:
    """`data` with the records that fail validation left out (they stay in the file set
    aside): the snapshot, why it is unusable (when its frame is broken), and what was left out."""
    if "format" not in data:
        problem = v1_problem(data)
        return (None, problem, []) if problem else (data, "", [])
    seq = data.get("seq", 0)
    if data.get("format") != SNAPSHOT_FORMAT or not isinstance(data.get("tables", {}), dict) \
            or not isinstance(seq, int) or isinstance(seq, bool) or seq < 0:
        return None, f"damaged ({snapshot_problem(data) or 'not a reader database'})", []
    notes: list[str] = []
    tables: dict[str, Any] = {}
    for name, table in data.get("tables", {}).items():
        if not isinstance(table, dict):
            notes.append(f"{path.name}: table {name!r} is not an object: left out")
            continue
        tables[name] = {}
        for key, record in table.items():
            problem = record_problem(name, key, record)
            if problem:
                notes.append(f"{path.name}: table {name}, record {key}: {problem}: left out")
            else:
                tables[name][key] = record
    cleaned = {**data, "tables": tables}
    if snapshot_problem({"history": data.get("history", {})}):
        notes.append(f"{path.name}: the undo history is damaged: left out")
        cleaned["history"] = {"undo": [], "redo": []}
    return cleaned, "", notes


def _refuse_newer(path: Path, data: dict[str, Any] | None) -> None:
    """Raise ReaderError (touching nothing) if `data` was written by a newer reader: it is
    not damaged, this reader just cannot read it."""
    if data is None or "format" not in data:
        return
    version = data.get("schema_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > migrations.SCHEMA_VERSION:
        raise ReaderError(
            f"{path}: written by a newer reader (schema version {version}; this one knows up to "
            f"{migrations.SCHEMA_VERSION}), not damaged; nothing was changed. Update reader to open it"
        )


def recover(path: str | Path) -> str:
    """Rebuild the database at `path`; returns what was done, in one line. Raises ReaderError
    if another process holds the database, it was written by a newer reader, or no good
    snapshot is left."""
    files = DatabaseFiles.at(path)
    lock = WriterLock(files)
    if not lock.acquire("recovery"):
        raise ReaderError(f"{files.snapshot} is in use by {lock.holder()}; close it before recovering")
    try:
        return _rebuild(files)
    finally:
        lock.release()


def _seq_of(data: dict[str, Any]) -> int | None:
    seq = data.get("seq", 0) if "format" in data else 0
    return seq if isinstance(seq, int) and not isinstance(seq, bool) and seq >= 0 else None


@dataclass
class _Candidate:
    """One way to rebuild: a base snapshot (None: empty) and the journals replayed on it."""

    base: dict[str, Any] | None
    source: str
    journals: list[Path]
    entries: list[dict[str, Any]] = field(default_factory=list)
    seq: int = 0
    notes: list[str] = field(default_factory=list)
    consistent: bool = True  # every journal line was replayed or already in the base

    def replay(self) -> "_Candidate":
        # (a base with no usable seq is not a candidate: validated before; 0 for the checker)
        self.seq = (_seq_of(self.base) or 0) if self.base is not None else 0
        for journal in self.journals:
            found = read_journal(journal, after_seq=self.seq, strict=False)
            if self.base is not None and "format" not in self.base and (found.entries or found.last_skipped is not None):
                # A plain TinyDB file (version 1) has no journal: one beside it belongs elsewhere.
                self.notes.append(f"{journal.name} cannot follow a version-1 database and is left out")
                self.consistent = False
                continue
            if found.last_skipped is not None and found.last_skipped != self.seq:
                self.notes.append(f"{journal.name} holds changes up to {found.last_skipped}, which do not "
                                  f"follow {self.source} (change {self.seq}): left out")
                self.consistent = False
            for entry in found.entries:
                if entry["seq"] != self.seq + 1:
                    self.notes.append(f"{journal.name}: change {self.seq + 1} is missing; the changes from "
                                      f"{entry['seq']} on are left out")
                    self.consistent = False
                    break
                self.entries.append(entry)
                self.seq += 1
            if found.damaged:
                self.notes.append(found.damaged + "; the lines from there on are left out")
                self.consistent = False
            if found.torn:
                self.notes.append(found.torn + " (a change never saved)")
        return self


def _rebuild(files: DatabaseFiles) -> str:
    current, why_current = _parse(files.snapshot)
    previous, why_previous = _parse(files.previous)
    _refuse_newer(files.snapshot, current)
    _refuse_newer(files.previous, previous)
    salvaged: list[str] = []
    if current is not None:
        current, why_current, salvaged = _salvage(files.snapshot, current)
    if previous is not None:
        previous, why_previous, _ = _salvage(files.previous, previous)
    # The ways to rebuild, best first; the first whose journals follow it without a gap wins,
    # else the first there is (what cannot be replayed stays in the files set aside).
    candidates = []
    if current is not None:
        candidates.append(_Candidate(current, files.snapshot.name, [files.journal], notes=salvaged,
                                     consistent=not salvaged))
    if previous is not None:
        candidates.append(_Candidate(previous, files.previous.name, [files.previous_journal, files.journal]))
    if not files.previous.exists() or files.previous_journal.exists():
        candidates.append(_Candidate(None, "an empty database", [files.previous_journal, files.journal]))
    if not candidates:
        raise ReaderError(f"{files.snapshot} and its last good copy {files.previous} are both damaged "
                          f"({why_current}; {why_previous}); nothing was changed")
    replayed = [c.replay() for c in candidates]
    chosen = next((c for c in replayed if c.consistent and (c.entries or c.base is not None)), replayed[0])
    notes = list(chosen.notes)
    if current is None and why_current != "missing":
        notes.insert(0, f"{files.snapshot.name} is {why_current}")
    stamp = time.strftime("%Y%m%d-%H%M%S")
    kept = []
    for damaged in (files.snapshot, files.journal):
        if damaged.exists():
            aside = damaged.with_name(f"{damaged.name}.damaged-{stamp}")
            damaged.rename(aside)
            kept.append(aside.name)
    # A journal never stands alone (a missing snapshot is damage): an empty base is written too.
    base = chosen.base if chosen.base is not None else {
        "format": SNAPSHOT_FORMAT, "schema_version": migrations.SCHEMA_VERSION, "seq": 0, "tables": {},
        "history": {"undo": [], "redo": []}}
    write_atomically(files.snapshot, orjson.dumps(base))
    write_atomically(files.journal, b"".join(encode_line(e) for e in chosen.entries))
    problems = ("; found: " + "; ".join(notes)) if notes else ""
    return (f"{files.snapshot}: rebuilt from {chosen.source} and {len(chosen.entries)} journaled changes "
            f"(up to change {chosen.seq}); the damaged files are kept as {', '.join(kept) or 'nothing'}{problems}")
