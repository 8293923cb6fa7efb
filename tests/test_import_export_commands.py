"""`reader import` and `reader export` end to end on real database files in tmp_path."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import orjson
import pytest

from reader.cli import main
from reader.formats import format_module
from reader.formats.output import write_dump
from reader.store.database import AnnotationStore
from test_formats_common import link_keys, sample_set, span_keys

ROOT = Path(__file__).parent.parent


def seeded_db(tmp_path: Path):
    """A database holding the sample set, imported through `reader import`."""
    sample = sample_set()
    source = tmp_path / "sample.jsonl"
    write_dump(format_module("jsonl").dump(sample), source, False)
    db = tmp_path / "a.db"
    assert main(["import", str(source), "--db", str(db)]) == 0
    return sample, db


def snapshot(db: Path):
    store = AnnotationStore.open(db, read_only=True)
    try:
        return store.snapshot()
    finally:
        store.close()


def test_import_then_export_jsonl_gives_back_the_same_annotations(tmp_path):
    sample, db = seeded_db(tmp_path)
    stored = snapshot(db)
    assert sorted(s.id for s in stored.spans) == sorted(s.id for s in sample.spans)
    assert span_keys(stored) == span_keys(sample) and link_keys(stored) == link_keys(sample)
    out = tmp_path / "out.jsonl"
    assert main(["export", "--db", str(db), "-o", str(out)]) == 0
    again = format_module("jsonl").load(out)
    assert span_keys(again) == span_keys(sample)
    assert sorted(e.id for e in again.entities) == sorted(e.id for e in sample.entities)


@pytest.mark.parametrize("name", ["prodigy", "doccano", "labelstudio", "brat", "conll"])
def test_every_format_exports_from_and_imports_into_a_database(tmp_path, name):
    sample, db = seeded_db(tmp_path)
    out = tmp_path / f"export-{name}"
    kind = ["--kind", "entity"] if name == "conll" else []
    assert main(["export", "--db", str(db), "--format", name, "-o", str(out), *kind]) == 0
    fresh = tmp_path / "b.db"
    assert main(["import", "--db", str(fresh), "--format", name, str(out)]) == 0
    options = {"with_attrs": False, "with_entity": False}
    expected = [k for k in span_keys(sample, **options) if not kind or k[3] == "entity"]
    assert span_keys(snapshot(fresh), **options) == expected


def test_export_filters_by_kind_label_and_document(tmp_path, capsys):
    sample, db = seeded_db(tmp_path)
    assert main(["export", "--db", str(db), "--kind", "entity", "--label", "GPE", "ORG", "--doc", "news/ar-1"]) == 0
    records = [orjson.loads(line) for line in capsys.readouterr().out.splitlines()]
    documents = [r for r in records if r["record"] == "document"]
    assert [d["id"] for d in documents] == ["news/ar-1"]
    assert {(s["kind"], s["label"]) for s in documents[0]["spans"]} == {("entity", "GPE"), ("entity", "ORG")}


def test_export_of_an_unknown_document_fails_with_a_message(tmp_path, capsys):
    _, db = seeded_db(tmp_path)
    assert main(["export", "--db", str(db), "--doc", "nope"]) == 1
    assert "no document nope" in capsys.readouterr().err


def test_brat_export_needs_an_output_directory(tmp_path, capsys):
    _, db = seeded_db(tmp_path)
    assert main(["export", "--db", str(db), "--format", "brat"]) == 2
    assert "-o PATH" in capsys.readouterr().err


def test_rejected_import_leaves_the_database_unchanged(tmp_path, capsys):
    sample, db = seeded_db(tmp_path)
    before = snapshot(db)
    bad = tmp_path / "bad.jsonl"
    line = format_module("jsonl").dump(sample_set()).single.splitlines()[0]
    record = orjson.loads(line)
    record["spans"][0]["end"] = len(record["text"]) + 5
    bad.write_text(orjson.dumps(record).decode() + "\n", encoding="utf-8")
    assert main(["import", "--db", str(db), str(bad)]) == 1
    err = capsys.readouterr().err
    assert f"{bad}:1:" in err and "out of range" in err and "Traceback" not in err
    after = snapshot(db)
    assert span_keys(after) == span_keys(before) and len(after.documents) == len(before.documents)


def test_import_rejects_labels_outside_the_schema(tmp_path, capsys):
    path = tmp_path / "d.jsonl"
    path.write_text(orjson.dumps({"doc_id": "x", "text": "Roscosmos agreed", "label": [[0, 9, "SPACESHIP"]]}).decode() + "\n", encoding="utf-8")
    assert main(["import", "--db", str(tmp_path / "c.db"), "--format", "doccano", str(path)]) == 1
    assert "unknown label 'SPACESHIP'" in capsys.readouterr().err


def test_the_installed_command_exports_to_stdout_without_a_progress_bar_in_a_pipe(tmp_path):
    _, db = seeded_db(tmp_path)
    env = {**os.environ, "READER_DB": str(db)}
    run = subprocess.run([str(ROOT / ".venv" / "bin" / "reader"), "export", "--format", "prodigy"],
                         capture_output=True, env=env, timeout=60)
    assert run.returncode == 0, run.stderr.decode()
    tasks = [orjson.loads(line) for line in run.stdout.decode("utf-8").splitlines()]
    assert len(tasks) == 3
    err = run.stderr.decode().splitlines()
    assert "\x1b" not in run.stderr.decode() and all(line.startswith("reader: ") for line in err)
    assert err[-1].startswith("reader: exported 3 documents")
    assert any("3 link(s) not exported" in line for line in err)
