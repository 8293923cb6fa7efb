"""One writer per database: a `filelock` lock beside it, and a note of who holds it."""

from __future__ import annotations

import os
import socket
import time

import orjson
from filelock import FileLock, Timeout

from reader.core.files import write_atomically
from reader.store.journal import DatabaseFiles


class WriterLock:
    """The database's writer lock. `acquire()` says whether this process got it; `holder()`
    describes the process that has it (from the `.owner` note it wrote)."""

    def __init__(self, files: DatabaseFiles):
        self.files = files
        self._lock = FileLock(str(files.lock), timeout=0, thread_local=False)

    def acquire(self, annotator: str = "") -> bool:
        """Take the lock without waiting; True if taken (and the owner note written)."""
        self.files.lock.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._lock.acquire(timeout=0)
        except Timeout:
            return False
        note = {"pid": os.getpid(), "host": socket.gethostname(), "annotator": annotator,
                "since": time.strftime("%Y-%m-%d %H:%M:%S")}
        try:
            write_atomically(self.files.owner, orjson.dumps(note))
        except OSError:
            pass  # a full disk: the lock holds without its note ("another process" to others)
        return True

    def holder(self) -> str:
        """'pid 123 on host (annotator, since …)', or a vaguer phrase if the note is missing."""
        try:
            note = orjson.loads(self.files.owner.read_bytes())
            who = f"pid {note['pid']} on {note['host']}"
            extra = ", ".join(x for x in (note.get("annotator"), f"since {note.get('since')}") if x)
            return f"{who} ({extra})"
        except (OSError, orjson.JSONDecodeError, KeyError, TypeError):
            return "another process"

    def release(self) -> None:
        if self._lock.is_locked:
            self.files.owner.unlink(missing_ok=True)
            self._lock.release()
