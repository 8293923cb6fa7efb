"""Rebuilding a damaged database from what is still good: the newest snapshot that parses (the
current one, else the last good copy `.prev`) and the intact journal entries that follow it.
The damaged files are renamed aside, never deleted or overwritten."""

from __future__ import annotations

import time
from pathlib import Path

import orjson

from reader.errors import ReaderError
from reader.store.journal import DatabaseFiles, read_journal, write_atomically
from reader.store.lock import WriterLock


def _parse(path: Path) -> dict | None:
    try:
        data = orjson.loads(path.read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return None
    return data if isinstance(data, dict) else None


def recover(path: str | Path) -> str:
    """Rebuild the database at `path`; returns what was done, in one line. Raises ReaderError
    if another process holds the database or no good snapshot is left."""
    files = DatabaseFiles.at(path)
    lock = WriterLock(files)
    if not lock.acquire("recovery"):
        raise ReaderError(f"{files.snapshot} is in use by {lock.holder()}; close it before recovering")
    try:
        return _rebuild(files)
    finally:
        lock.release()


def _rebuild(files: DatabaseFiles) -> str:
    base_path, journals = files.snapshot, [files.journal]
    base = _parse(files.snapshot)
    if base is None and files.previous.exists():
        base_path, journals = files.previous, [files.previous_journal, files.journal]
        base = _parse(files.previous)
        if base is None:
            raise ReaderError(f"{files.snapshot} and its last good copy {files.previous} are both damaged; "
                              "nothing was changed")
    base_bytes = orjson.dumps(base) if base is not None else b""
    seq = int(base.get("seq", 0)) if base else 0
    entries = []
    for journal in journals:
        found, _, _ = read_journal(journal, after_seq=seq, strict=False)
        for entry in found:
            if entry["seq"] != seq + 1:
                break  # a gap: what follows cannot be replayed
            entries.append(entry)
            seq += 1
    stamp = time.strftime("%Y%m%d-%H%M%S")
    kept = []
    for damaged in (files.snapshot, files.journal):
        if damaged.exists():
            aside = damaged.with_name(f"{damaged.name}.damaged-{stamp}")
            damaged.rename(aside)
            kept.append(aside.name)
    if base_bytes:
        write_atomically(files.snapshot, base_bytes)
    write_atomically(files.journal, b"".join(orjson.dumps(e) + b"\n" for e in entries))
    source = "an empty database" if base is None else base_path.name
    return (f"{files.snapshot}: rebuilt from {source} and {len(entries)} journaled changes "
            f"(up to change {seq}); the damaged files are kept as {', '.join(kept) or 'nothing'}")
