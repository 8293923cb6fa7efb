"""`reader info` and how the database location is chosen (--db, READER_DB, project, user dir)."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
from pathlib import Path

from reader.core.document import Document
from reader.store.database import AnnotationStore
from reader.store.location import add_db_argument, choose_db, resolve_db_path
from reader.store.model import Span

DOC = Document("d", "/d.txt", "Roscosmos e CNSA firmano nel 2021.")


def test_db_choice_precedence(tmp_path, monkeypatch):
    project = tmp_path / "project"
    (project / ".reader").mkdir(parents=True)
    (project / ".reader" / "annotations.db").write_bytes(b"")
    deep = project / "a" / "b"
    deep.mkdir(parents=True)
    monkeypatch.chdir(deep)
    assert choose_db().path == project / ".reader" / "annotations.db"
    assert "project database" in choose_db().reason
    monkeypatch.setenv("READER_DB", str(tmp_path / "env.db"))
    assert choose_db().path == tmp_path / "env.db"
    assert resolve_db_path(str(tmp_path / "cli.db")) == tmp_path / "cli.db"
    monkeypatch.delenv("READER_DB")
    monkeypatch.chdir(tmp_path)
    user = choose_db()
    assert "user data dir" in user.reason and user.path.name == "annotations.db"
    assert user.path == Path(os.environ["XDG_DATA_HOME"]) / "reader" / "annotations.db"  # set by conftest


def test_add_db_argument_gives_commands_a_db_option():
    parser = argparse.ArgumentParser()
    add_db_argument(parser)
    assert parser.parse_args(["--db", "x.db"]).db == "x.db"
    assert parser.parse_args([]).db is None


def test_info_shows_the_database_how_it_was_chosen_and_its_counts(tmp_path, reader_cmd):
    path = tmp_path / "annotations.db"
    with AnnotationStore.open(path) as store:
        store.ensure_document(DOC)
        store.add_span(Span("d", 0, 9, "entity", "ORG", "Roscosmos"))
        store.add_span(Span("d", 12, 16, "entity", "ORG", "CNSA"))
        store.add_span(Span("d", 0, 33, "claim", "CLAIM", DOC.text[:33]))
    out = subprocess.run([*reader_cmd, "info", "--db", str(path), "--json"], capture_output=True, text=True,
                         check=True).stdout
    info = json.loads(out)
    assert info["database"] == str(path) and info["chosen_by"] == "--db on the command line"
    assert info["read_only"] is False and info["documents"] == 1
    assert info["spans_by_kind"] == {"entity": 2, "claim": 1}
    assert info["spans_by_label"] == {"CLAIM": 1, "ORG": 2}
    text = subprocess.run([*reader_cmd, "info", "--db", str(path)], capture_output=True, text=True, check=True).stdout
    assert "spans      3 (claim 1, entity 2; 0 to review)" in text


def test_info_says_who_holds_the_lock(tmp_path, reader_cmd, monkeypatch):
    path = tmp_path / "annotations.db"
    monkeypatch.setenv("READER_DB", str(path))
    with AnnotationStore.open(path, annotator="rana") as store:
        store.ensure_document(DOC)
        out = subprocess.run([*reader_cmd, "info"], capture_output=True, text=True, check=True).stdout
    assert "chosen by  the READER_DB environment variable" in out
    assert "locked by pid" in out and "rana" in out


def test_info_on_a_database_not_yet_created(tmp_path, reader_cmd):
    out = subprocess.run([*reader_cmd, "info", "--db", str(tmp_path / "new.db")], capture_output=True,
                         text=True, check=True).stdout
    assert "not created yet" in out and not (tmp_path / "new.db").exists()
