"""A full disk never costs a change that was shown as saved: a failed journal write is
cut back to the last whole line, the user is told the change did not save, and the
database in memory does not keep it."""

from __future__ import annotations

import errno
import os
import subprocess
from pathlib import Path

import pytest

from reader.core.document import Document
from reader.errors import ReaderError
from reader.store.database import AnnotationStore
from reader.store.model import Span
from reader.store.storage import NotSaved

TEXT = "Roscosmos and CNSA. " * 20
DOC = Document("d", "/d.txt", TEXT)


def _span(k: int) -> Span:
    return Span("d", k * 20, k * 20 + 9, "entity", "ORG", "Roscosmos")


class FullDisk:
    """os.write on the journal's descriptor writes `room` bytes at most, then fails with
    ENOSPC, as a nearly full disk does (the first call is a short write)."""

    def __init__(self, monkeypatch, store: AnnotationStore, room: int, *, fail_sync: bool = False):
        self.real_write = os.write
        self.real_sync = os.fdatasync
        self.store = store
        self.room = room
        self.fail_sync = fail_sync
        monkeypatch.setattr(os, "write", self.write)
        monkeypatch.setattr(os, "fdatasync", self.fdatasync)

    def _journal_fd(self) -> int | None:
        writer = self.store._storage._journal
        return writer._fd if writer else None

    def write(self, fd, data):
        if fd != self._journal_fd() or self.room is None:
            return self.real_write(fd, data)
        if self.room <= 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        count = self.real_write(fd, bytes(data[: self.room]))
        self.room -= count
        return count

    def fdatasync(self, fd):
        if self.fail_sync and fd == self._journal_fd():
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        return self.real_sync(fd)

    def free(self) -> None:
        self.room = None
        self.fail_sync = False


@pytest.mark.parametrize("failure", ["short write", "no space at all", "failed fdatasync"])
def test_a_failed_journal_write_is_cut_back_and_reported_and_later_changes_survive(tmp_path, monkeypatch, failure):
    path = tmp_path / "annotations.db"
    store = AnnotationStore.open(path)
    store.ensure_document(DOC)
    saved = [store.add_span(_span(0)).id]
    disk = FullDisk(monkeypatch, store, room={"short write": 40, "no space at all": 0, "failed fdatasync": None}[failure],
                    fail_sync=failure == "failed fdatasync")
    with pytest.raises(NotSaved) as caught:
        store.add_span(_span(1))
    message = str(caught.value)
    assert "not saved" in message.lower() and str(path) in message
    assert {s.id for s in store.spans()} == set(saved)  # memory does not keep the unsaved change
    journal = path.with_name("annotations.db.journal").read_bytes()
    assert journal.endswith(b"\n")  # cut back to the last whole line
    disk.free()
    saved.append(store.add_span(_span(2)).id)
    saved.append(store.add_span(_span(3)).id)
    store.close()
    with AnnotationStore.open(path) as again:
        assert {s.id for s in again.spans()} == set(saved)


def test_undo_on_a_full_disk_is_taken_back_too(tmp_path, monkeypatch):
    path = tmp_path / "annotations.db"
    store = AnnotationStore.open(path)
    store.ensure_document(DOC)
    kept = store.add_span(_span(0)).id
    disk = FullDisk(monkeypatch, store, room=10)
    with pytest.raises(ReaderError, match="(?i)not saved"):
        store.undo()
    assert [s.id for s in store.spans()] == [kept]
    disk.free()
    assert store.undo() is not None
    store.close()
    with AnnotationStore.open(path) as again:
        assert again.spans() == []


def _mount_tmpfs(where: Path, size: str) -> None:
    where.mkdir()
    if os.geteuid() != 0:
        pytest.skip("a real full disk needs a tmpfs mount, which needs root (the injected ENOSPC tests cover the logic)")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({done.stderr.strip()}); the injected ENOSPC tests cover the logic")


def _fill(directory: Path) -> Path:
    """Fill the file system of `directory` to the last byte; returns the filler file."""
    filler = directory / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:
        for chunk in (1 << 16, 4096, 1):
            while True:
                try:
                    if os.write(fd, b"x" * chunk) < chunk:
                        break
                except OSError:
                    break
    finally:
        os.close(fd)
    return filler


def test_on_a_real_full_tmpfs_every_change_shown_as_saved_is_there_after_reopening(tmp_path):
    disk = tmp_path / "disk"
    _mount_tmpfs(disk, "512k")
    try:
        text = "Roscosmos " * 1500  # span lines of several kB: longer than a page's slack
        path = disk / "annotations.db"
        saved: list[str] = []
        refused = 0
        store = AnnotationStore.open(path)
        store.ensure_document(Document("d", "/d.txt", text))

        def add(k: int) -> None:
            nonlocal refused
            start = (k * 10) % 10000
            try:
                saved.append(store.add_span(Span("d", start, start + 4999, "entity", "ORG", text[start:start + 4999])).id)
            except NotSaved:
                refused += 1

        for k in range(3):
            add(k)
        filler = _fill(disk)
        for k in range(3, 8):
            add(k)
        assert refused == 5, "the disk was full: no change can have been saved"
        filler.unlink()
        for k in range(8, 11):
            add(k)
        store.close()
        assert len(saved) == 6
        with AnnotationStore.open(path) as again:
            assert {s.id for s in again.spans()} == set(saved)
    finally:
        subprocess.run(["umount", str(disk)], check=False)


def test_the_tui_says_a_tag_was_not_saved_and_does_not_draw_it(tmp_path, monkeypatch):
    import asyncio

    from annotate_support import create_db, focused_view, wait_for
    from tui_support import app_for, write_docs

    paths = write_docs(tmp_path, en="Russia and Roscosmos signed it.\n")
    db = create_db(tmp_path / "a.db")

    async def scenario() -> tuple[list[str], int, int]:
        app = app_for(paths, [0], db_path=db, annotator="tester")
        async with app.run_test(size=(100, 20)) as pilot:
            await wait_for(pilot, lambda: app.annotation.store is not None, "the store")
            store = app.annotation.store
            await pilot.pause()
            disk = FullDisk(monkeypatch, store, room=40)  # a short write, then ENOSPC
            focused_view(app).move_cursor(0)
            await pilot.press("3")  # tag "Russia" GPE: the disk refuses
            await wait_for(pilot, lambda: any("not saved" in str(n.message).lower() for n in app._notifications),
                           "the message")
            refused = len(store.spans())
            disk.free()
            await pilot.press("3")
            await wait_for(pilot, lambda: len(store.spans()) == 1, "the saved tag")
            return [str(n.message) for n in app._notifications], refused, len(store.spans())

    messages, refused, saved = asyncio.run(scenario())
    assert refused == 0 and saved == 1
    assert any("No space left on device" in m for m in messages)
    with AnnotationStore.open(db) as store:
        assert [s.text for s in store.spans()] == ["Russia"]
