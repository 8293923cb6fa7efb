"""A damaged database is reported with its path and a recovery route, and left untouched;
`reader info --recover` rebuilds it from the last good copy and the journal."""

from __future__ import annotations

import subprocess

import pytest

from reader.core.document import Document
from reader.store.database import AnnotationStore
from reader.store.journal import CorruptDatabase
from reader.store.model import Span

DOC = Document("d", "/d.txt", "Roscosmos and CNSA. " * 20)


def build(path, spans: int, *, compact_after: int | None = None) -> list[str]:
    ids = []
    with AnnotationStore.open(path) as store:
        store.ensure_document(DOC)
        for k in range(spans):
            ids.append(store.add_span(Span("d", k * 20, k * 20 + 9, "entity", "ORG", "Roscosmos")).id)
            if compact_after is not None and k + 1 == compact_after:
                store.compact()
    return ids


def test_truncated_snapshot_is_reported_with_path_and_route_and_not_touched(tmp_path):
    path = tmp_path / "annotations.db"
    build(path, 3, compact_after=2)
    damaged = path.read_bytes()[:40]
    path.write_bytes(damaged)
    with pytest.raises(CorruptDatabase) as caught:
        AnnotationStore.open(path)
    message = str(caught.value)
    assert str(path) in message and str(path) + ".prev" in message and "--recover" in message
    assert path.read_bytes() == damaged


def test_garbage_in_the_middle_of_the_journal_is_reported_with_its_line(tmp_path):
    path = tmp_path / "annotations.db"
    build(path, 3)
    journal = tmp_path / "annotations.db.journal"
    lines = journal.read_bytes().splitlines(keepends=True)
    lines[1] = b"\x00\x00garbage\n"
    damaged = b"".join(lines)
    journal.write_bytes(damaged)
    with pytest.raises(CorruptDatabase, match=r"annotations\.db\.journal:2: a damaged journal line"):
        AnnotationStore.open(path)
    assert journal.read_bytes() == damaged


def test_a_torn_last_journal_line_is_ignored_and_cut(tmp_path):
    path = tmp_path / "annotations.db"
    ids = build(path, 2)
    journal = tmp_path / "annotations.db.journal"
    journal.write_bytes(journal.read_bytes() + b'{"seq": 4, "kind": "chan')
    with AnnotationStore.open(path) as store:
        assert {s.id for s in store.spans()} == set(ids)
        store.add_span(Span("d", 60, 69, "entity", "ORG", "Roscosmos"))
    with AnnotationStore.open(path) as store:
        assert len(store.spans()) == 3


def test_empty_database_file_is_reported(tmp_path):
    path = tmp_path / "annotations.db"
    path.write_bytes(b"")
    with pytest.raises(CorruptDatabase, match="empty"):
        AnnotationStore.open(path)
    assert path.read_bytes() == b""


def test_recover_rebuilds_from_the_last_good_copy_and_both_journals(tmp_path, reader_cmd):
    path = tmp_path / "annotations.db"
    ids = build(path, 5, compact_after=3)  # .prev = empty db; .journal.prev = 1..4; journal = 5..6
    path.write_bytes(b'{"format": "reader-ann')
    result = subprocess.run([*reader_cmd, "info", "--db", str(path), "--recover"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "rebuilt from annotations.db.prev" in result.stdout
    kept = list(tmp_path.glob("annotations.db.damaged-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == b'{"format": "reader-ann'
    with AnnotationStore.open(path) as store:
        assert {s.id for s in store.spans()} == set(ids)


def test_cli_reports_a_damaged_database_in_one_line(tmp_path, reader_cmd):
    path = tmp_path / "annotations.db"
    path.write_bytes(b"[1, 2")
    result = subprocess.run([*reader_cmd, "info", "--db", str(path)], capture_output=True, text=True)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and str(path) in result.stderr and "--recover" in result.stderr


def test_the_recovery_route_names_only_files_that_exist(tmp_path):
    # A damaged file the reader never wrote (no journal, no last good copy) is not said
    # to have its changes in a journal.
    alone = tmp_path / "alone.db"
    alone.write_bytes(b'{"broken')
    with pytest.raises(CorruptDatabase) as caught:
        AnnotationStore.open(alone)
    message = str(caught.value)
    assert "no journal" in message and ".journal" not in message.replace("no journal", "")
    assert "--recover" in message
    # One the reader wrote, not compacted yet: the journal holds every change.
    journaled = tmp_path / "journaled.db"
    build(journaled, 2)
    journaled.write_bytes(b'{"broken')
    with pytest.raises(CorruptDatabase) as caught:
        AnnotationStore.open(journaled)
    assert str(journaled) + ".journal" in str(caught.value) and ".prev" not in str(caught.value)
