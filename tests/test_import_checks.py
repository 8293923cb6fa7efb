"""`reader import` on hostile or careless files: a clear `file[:line]: reason` and nothing
imported, never a traceback, a silently dropped file, a span counted twice or a record
overwritten; and a failed import leaves no new empty database behind."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from reader.cli import main
from reader.store.database import AnnotationStore
from reader.store.journal import DatabaseFiles

TEXT = "Russia and China signed it. NASA did not."


def _document(doc_id: str = "d", **fields) -> dict:
    record = {"record": "document", "id": doc_id, "text": TEXT, "meta": {}, "spans": [
        {"id": "s-1", "start": 0, "end": 6, "kind": "entity", "label": "GPE", "text": "Russia"}]}
    record.update(fields)
    return record


def _write_jsonl(path: Path, *records: dict) -> Path:
    # json, not orjson: orjson refuses to write JSON nested as deep as the hostile files are
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _import(path: Path, db: Path, fmt: str = "jsonl") -> int:
    return main(["import", "--format", fmt, "--db", str(db), str(path)])


def _nested(depth: int):
    value: object = "deep"
    for _ in range(depth):
        value = {"x": value}
    return value


def test_attrs_nested_500_deep_are_rejected_with_the_depth_limit(tmp_path, capsys):
    claim = {"id": "s-2", "start": 0, "end": 27, "kind": "claim", "label": "CLAIM", "text": TEXT[:27],
             "attrs": {"note": "n", "extra": _nested(500)}}
    source = _write_jsonl(tmp_path / "deep.jsonl", _document(spans=[claim]))
    db = tmp_path / "a.db"
    assert _import(source, db) == 1
    err = capsys.readouterr().err
    assert f"{source}:1:" in err and "nested more than 32 levels deep" in err
    assert not DatabaseFiles.at(db).present()


def test_meta_nested_500_deep_is_rejected(tmp_path, capsys):
    source = _write_jsonl(tmp_path / "deep.jsonl", _document(meta={"extra": _nested(500)}))
    assert _import(source, tmp_path / "a.db") == 1
    assert "nested more than 32 levels deep" in capsys.readouterr().err


def test_a_brat_ann_without_its_txt_is_an_error_not_zero_spans(tmp_path, capsys):
    collection = tmp_path / "brat"
    collection.mkdir()
    (collection / "one.txt").write_text(TEXT, encoding="utf-8")
    (collection / "one.ann").write_text("T1\tGPE 0 6\tRussia\n", encoding="utf-8")
    (collection / "two.ann").write_text("T1\tGPE 11 16\tChina\n", encoding="utf-8")
    db = tmp_path / "a.db"
    assert _import(collection, db, "brat") == 1
    err = capsys.readouterr().err
    assert f"{collection / 'two.ann'}: no two.txt beside it" in err
    assert not DatabaseFiles.at(db).present()


def test_labelstudio_regions_repeated_across_annotations_are_imported_once(tmp_path, capsys):
    region = {"id": "r1", "from_name": "label", "to_name": "text", "type": "labels",
              "value": {"start": 0, "end": 6, "text": "Russia", "labels": ["GPE"]}}
    other = {"id": "r2", "from_name": "label", "to_name": "text", "type": "labels",
             "value": {"start": 11, "end": 16, "text": "China", "labels": ["GPE"]}}
    task = {"data": {"text": TEXT, "doc_id": "d"},
            "annotations": [{"completed_by": 1, "result": [region]}, {"completed_by": 1, "result": [region, other]}]}
    source = tmp_path / "tasks.json"
    source.write_bytes(orjson.dumps([task]))
    db = tmp_path / "a.db"
    assert _import(source, db, "labelstudio") == 0
    assert "1 region(s) repeated" in capsys.readouterr().err
    with AnnotationStore.open(db, read_only=True) as store:
        assert sorted(s.text for s in store.spans()) == ["China", "Russia"]


def test_a_repeated_entity_id_in_jsonl_is_rejected_not_overwritten(tmp_path, capsys):
    source = _write_jsonl(tmp_path / "e.jsonl", _document(),
                          {"record": "entity", "id": "e-1", "type": "GPE", "name": "Russia"},
                          {"record": "entity", "id": "e-1", "type": "GPE", "name": "Russland"})
    db = tmp_path / "a.db"
    assert _import(source, db) == 1
    assert f"{source}:3: entity e-1 appears twice" in capsys.readouterr().err
    assert not DatabaseFiles.at(db).present()


@pytest.mark.parametrize("field, value", [("done", "yes"), ("title", {"a": 1}), ("meta", {"lang": 5})])
def test_a_document_field_of_the_wrong_type_is_rejected(tmp_path, capsys, field, value):
    source = _write_jsonl(tmp_path / "t.jsonl", _document(**{field: value}))
    db = tmp_path / "a.db"
    assert _import(source, db) == 1
    err = capsys.readouterr().err
    assert f"{source}:1:" in err and "must be" in err
    assert not DatabaseFiles.at(db).present()


def test_entity_aliases_that_are_not_strings_are_rejected(tmp_path, capsys):
    # The store would refuse to open a database holding them: the import refuses them first.
    source = _write_jsonl(tmp_path / "a.jsonl", _document(),
                          {"record": "entity", "id": "e-1", "type": "GPE", "name": "Russia", "aliases": [[["x"]]]})
    db = tmp_path / "a.db"
    assert _import(source, db) == 1
    assert "aliases" in capsys.readouterr().err
    assert not DatabaseFiles.at(db).present()


def test_a_failed_import_on_a_full_disk_leaves_no_new_database(tmp_path, capsys):
    if os.geteuid() != 0:
        pytest.skip("a real full disk needs a tmpfs mount, which needs root")
    disk = tmp_path / "disk"
    disk.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(disk)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        text = "Russia " * 20000  # one import change far larger than the disk
        source = _write_jsonl(tmp_path / "big.jsonl", {"record": "document", "id": "d", "text": text, "meta": {},
                                                       "spans": []})
        assert _import(source, disk / "annotations.db") == 1
        err = capsys.readouterr().err
        assert "No space left on device" in err and "Traceback" not in err
        assert sorted(p.name for p in disk.iterdir()) == []
    finally:
        subprocess.run(["umount", str(disk)], check=False)


def test_a_fifo_given_to_import_is_refused_not_waited_on(tmp_path, capsys):
    fifo = tmp_path / "tasks.jsonl"
    os.mkfifo(fifo)
    # Run in a child with a deadline: before the fix, reading the FIFO blocks forever.
    done = subprocess.run([sys.executable, "-m", "reader", "import", "--db", str(tmp_path / "a.db"), str(fifo)],
                          capture_output=True, text=True, timeout=20)
    assert done.returncode == 1
    assert f"{fifo}: not a regular file" in done.stderr
