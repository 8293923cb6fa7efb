"""Nothing in the database files is dropped without a word: a cut-off last journal line,
a snapshot that does not belong with its journal, a deleted snapshot, a flipped byte
(each journal line has a checksum) are reported; `--recover` rebuilds what it can and
never renames a database that is merely newer than this reader."""

from __future__ import annotations

import subprocess

import orjson
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


def run_info(reader_cmd, path, *extra):
    return subprocess.run([*reader_cmd, "info", "--db", str(path), *extra], capture_output=True, text=True)


def test_a_cut_off_last_journal_line_is_reported_and_its_bytes_kept(tmp_path, reader_cmd):
    path = tmp_path / "annotations.db"
    ids = build(path, 4)
    journal = tmp_path / "annotations.db.journal"
    whole = journal.read_bytes()
    journal.write_bytes(whole[:-30])  # the last change (span 4) loses its end
    shown = run_info(reader_cmd, path)
    assert shown.returncode == 0, shown.stderr
    assert f"{journal}:5: the last journal line is incomplete" in shown.stderr
    assert "spans      3" in shown.stdout
    with AnnotationStore.open(path) as store:
        assert {s.id for s in store.spans()} == set(ids[:3])
        [notice] = store.notices
        assert f"{journal}:5: the last journal line is incomplete" in notice
    [kept] = tmp_path.glob("annotations.db.journal.torn-*")
    assert kept.read_bytes() == whole[len(journal.read_bytes()):-30]
    assert kept.name in notice


def test_a_snapshot_ahead_of_its_journal_is_reported_and_recovered(tmp_path, reader_cmd):
    path = tmp_path / "annotations.db"
    ids = build(path, 3)
    snapshot = orjson.loads(path.read_bytes())
    snapshot["seq"] = 1000
    path.write_bytes(orjson.dumps(snapshot))
    with pytest.raises(CorruptDatabase, match="ends at change 4"):
        AnnotationStore.open(path)
    shown = run_info(reader_cmd, path)
    assert shown.returncode == 1 and "--recover" in shown.stderr and "Traceback" not in shown.stderr
    recovered = run_info(reader_cmd, path, "--recover")
    assert recovered.returncode == 0, recovered.stderr
    with AnnotationStore.open(path) as store:
        assert {s.id for s in store.spans()} == set(ids)
    assert list(tmp_path.glob("annotations.db.damaged-*"))


def test_a_deleted_snapshot_beside_its_last_good_copy_is_not_a_new_database(tmp_path, reader_cmd):
    path = tmp_path / "annotations.db"
    ids = build(path, 5, compact_after=3)
    path.unlink()
    shown = run_info(reader_cmd, path)
    assert shown.returncode == 1
    assert "not created yet" not in shown.stdout
    assert "missing" in shown.stderr and "--recover" in shown.stderr
    with pytest.raises(CorruptDatabase, match="missing"):
        AnnotationStore.open(path)
    assert not path.exists()  # nothing was created over it
    recovered = run_info(reader_cmd, path, "--recover")
    assert recovered.returncode == 0, recovered.stderr
    with AnnotationStore.open(path) as store:
        assert {s.id for s in store.spans()} == set(ids)


def test_recover_does_not_touch_a_database_written_by_a_newer_reader(tmp_path, reader_cmd):
    path = tmp_path / "annotations.db"
    newer = orjson.dumps({"format": "reader-annotations", "schema_version": 99, "seq": 0, "tables": {}})
    path.write_bytes(newer)
    recovered = run_info(reader_cmd, path, "--recover")
    assert recovered.returncode == 1
    assert "newer reader" in recovered.stderr and "Traceback" not in recovered.stderr
    assert path.read_bytes() == newer
    assert not list(tmp_path.glob("*damaged*"))


def _flip(journal, line: int, old: bytes, new: bytes) -> None:
    lines = journal.read_bytes().split(b"\n")
    assert old in lines[line - 1]
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    journal.write_bytes(b"\n".join(lines))


@pytest.mark.parametrize("line", [3, 5])  # in the middle, and the last line
def test_a_flipped_byte_in_a_journal_line_is_a_checksum_mismatch(tmp_path, line):
    path = tmp_path / "annotations.db"
    build(path, 4)
    journal = tmp_path / "annotations.db.journal"
    _flip(journal, line, b'"label":"ORG"', b'"label":"ORH"')  # still valid JSON
    with pytest.raises(CorruptDatabase) as caught:
        AnnotationStore.open(path)
    assert f"{journal}:{line}: checksum mismatch" in str(caught.value)


def test_recover_keeps_the_changes_before_a_flipped_byte_and_names_the_line(tmp_path, reader_cmd):
    path = tmp_path / "annotations.db"
    ids = build(path, 4)
    journal = tmp_path / "annotations.db.journal"
    _flip(journal, 4, b'"label":"ORG"', b'"label":"ORH"')
    recovered = run_info(reader_cmd, path, "--recover")
    assert recovered.returncode == 0, recovered.stderr
    assert f"{journal}:4: checksum mismatch" in recovered.stdout
    with AnnotationStore.open(path) as store:
        assert {s.id for s in store.spans()} == set(ids[:2])


def test_journals_written_before_checksums_still_load_and_take_new_lines(tmp_path):
    path = tmp_path / "annotations.db"
    ids = build(path, 3)
    journal = tmp_path / "annotations.db.journal"
    old_lines = []
    for line in journal.read_bytes().splitlines():
        entry = orjson.loads(line)
        assert "crc" in entry
        del entry["crc"]
        old_lines.append(orjson.dumps(entry) + b"\n")
    journal.write_bytes(b"".join(old_lines))
    with AnnotationStore.open(path) as store:
        assert {s.id for s in store.spans()} == set(ids)
        ids.append(store.add_span(Span("d", 60, 69, "entity", "ORG", "Roscosmos")).id)
    with AnnotationStore.open(path) as store:
        assert {s.id for s in store.spans()} == set(ids)


def test_the_tui_says_a_cut_off_change_was_left_out(tmp_path):
    import asyncio

    from tui_support import app_for, write_docs

    path = tmp_path / "annotations.db"
    build(path, 2)
    journal = tmp_path / "annotations.db.journal"
    journal.write_bytes(journal.read_bytes()[:-30])
    paths = write_docs(tmp_path, a="Roscosmos and CNSA.\n")

    async def scenario() -> list[str]:
        app = app_for(paths, [0], db_path=path, annotator="tester")
        async with app.run_test(size=(100, 30)) as pilot:
            for _ in range(100):
                await pilot.pause(0.05)
                if any("incomplete" in str(n.message) for n in app._notifications):  # noqa: SLF001
                    break
            return [str(n.message) for n in app._notifications]  # noqa: SLF001 - what is shown

    messages = asyncio.run(scenario())
    assert any(f"{journal}:3: the last journal line is incomplete" in m for m in messages), messages
