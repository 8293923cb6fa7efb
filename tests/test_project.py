"""`reader project A B`: entity spans of 000 proposed in its translation 004."""

from __future__ import annotations

import subprocess

import orjson
import pytest

from reader.annotate.compare.projection import propose
from reader.core.document import Document
from reader.store.database import AnnotationStore
from reader.store.model import Entity, Span

PEOPLE_AND_ORGS = [
    # (text in 000, label, entity name, aliases)
    ("روسكوزموس", "ORG", "Roscosmos", []),
    ("Roscosmos", "ORG", "Roscosmos", []),
    ("ناسا", "ORG", "NASA", []),
    ("ILRS", "ORG", "ILRS", []),
    ("الفضاء الصيني", "ORG", "CNSA", ["China National Space Administration", "China Space Administration"]),
    ("دميتري روجوزين", "PER", "Dmitry Rogozin", []),
    ("Dmitry Rogozin", "PER", "Dmitry Rogozin", []),
]


def seed(prefix: str) -> Document:
    from reader.commands.align import resolve

    return resolve(prefix)


@pytest.fixture
def tagged_db(tmp_path):
    """000 with every mention of its organisations and people tagged and linked."""
    a = seed("000")
    path = tmp_path / "annotations.db"
    store = AnnotationStore.open(path)
    store.ensure_document(a)
    ids: dict[str, str] = {}
    for text, label, name, aliases in PEOPLE_AND_ORGS:
        if name not in ids:
            ids[name] = store.add_entity(Entity(type=label, name=name, aliases=aliases)).id
        at = a.text.find(text)
        assert at >= 0, text
        while at >= 0:
            store.add_span(Span(doc_id=a.id, start=at, end=at + len(text), kind="entity", label=label,
                                text=text, entity_id=ids[name]))
            at = a.text.find(text, at + len(text))
    store.close()
    return path, ids


def test_project_proposes_the_organisations_and_people_in_the_translation(reader_cmd, tagged_db):
    path, ids = tagged_db
    result = subprocess.run([*reader_cmd, "project", "000", "004", "--db", str(path), "--json"],
                            capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert result.returncode == 0, result.stderr
    proposals = orjson.loads(result.stdout)["proposals"]
    b = seed("004")
    for p in proposals:
        assert b.text[p["start"]:p["end"]] == p["text"] and p["why"]
    by_text: dict[str, set[str]] = {}
    for p in proposals:
        by_text.setdefault(p["text"], set()).add(p["entity_id"])
    assert by_text["Roscosmos"] == by_text["Roskosmos"] == {ids["Roscosmos"]}
    assert by_text["NASA"] == {ids["NASA"]}
    assert by_text["ILRS"] == {ids["ILRS"]}
    assert by_text["China Space Administration"] == {ids["CNSA"]}
    # Rogozin's English mention is the misspelled "Romitin" (reader compare pairs them).
    assert by_text["Romitin"] == {ids["Dmitry Rogozin"]}
    assert next(p for p in proposals if p["text"] == "Romitin")["label"] == "PER"
    # Every NASA of the aligned body paragraphs, and nothing else.
    body = b.text[b.paragraphs[2].start:]
    assert sum(1 for p in proposals if p["text"] == "NASA") == body.count("NASA")
    assert set(by_text) == {"Roscosmos", "Roskosmos", "NASA", "ILRS", "China Space Administration", "Romitin"}


def test_apply_adds_them_as_one_undoable_change(reader_cmd, tagged_db):
    path, ids = tagged_db
    result = subprocess.run([*reader_cmd, "project", "000", "004", "--db", str(path), "--apply"],
                            capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert result.returncode == 0, result.stderr
    b = seed("004")
    store = AnnotationStore.open(path)
    try:
        added = store.spans(b.id)
        assert len(added) == len(result.stdout.strip().splitlines()) > 10
        assert {s.entity_id for s in added} == set(ids.values())
        store.undo()
        assert store.spans(b.id) == []
        # Applying again proposes nothing already there: run twice, same spans.
        store.redo()
        again = propose(seed("000"), b, store.spans(seed("000").id), store.entities(), existing=store.spans(b.id))
        assert again == []
    finally:
        store.close()


def test_no_annotations_is_a_clear_error(reader_cmd, tmp_path):
    path = tmp_path / "empty.db"
    AnnotationStore.open(path).close()
    result = subprocess.run([*reader_cmd, "project", "000", "004", "--db", str(path)], capture_output=True,
                            text=True, encoding="utf-8", timeout=120)
    assert result.returncode == 1
    assert result.stderr.strip().startswith(f"reader: {path}: no entity span of 000_")
    assert "Traceback" not in result.stderr
