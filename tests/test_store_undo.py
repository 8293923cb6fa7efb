"""Undo/redo of every change, across documents and after a restart, with the annotator recorded."""

from __future__ import annotations

import orjson
import pytest

from reader.core.document import Document
from reader.store.database import AnnotationStore
from reader.store.model import Entity, Span

A = Document("a", "/a.txt", "Roscosmos signed the agreement.")
B = Document("b", "/b.txt", "La CNSA ha firmato.")


def test_undo_and_redo_cross_documents_and_survive_a_restart(tmp_path):
    path = tmp_path / "annotations.db"
    with AnnotationStore.open(path, annotator="rana") as store:
        store.ensure_document(A)
        store.ensure_document(B)
        first = store.add_span(Span("a", 0, 9, "entity", "ORG", "Roscosmos"))
        second = store.add_span(Span("b", 3, 7, "entity", "ORG", "CNSA"))
        store.update_span(first.id, label="PROGRAM")
    with AnnotationStore.open(path, annotator="rana") as store:
        assert store.undo().startswith("edit ORG")
        assert store.span(first.id).label == "ORG"
        assert store.undo().startswith("add ORG “CNSA”")
        assert store.span(second.id) is None
    with AnnotationStore.open(path, annotator="rana") as store:
        assert store.span(second.id) is None and store.span(first.id).label == "ORG"
        assert store.redo().startswith("add ORG “CNSA”")
        assert store.span(second.id).text == "CNSA"
    with AnnotationStore.open(path) as store:
        assert store.redo().startswith("edit ORG")
        assert store.span(first.id).label == "PROGRAM"
        assert store.redo() is None


def test_a_new_change_clears_redo(tmp_path):
    with AnnotationStore.open(tmp_path / "db") as store:
        store.ensure_document(A)
        store.add_entity(Entity("ORG", "Roscosmos"))
        assert store.undo() == "add entity Roscosmos (ORG)"
        store.add_entity(Entity("ORG", "CNSA"))
        assert store.redo() is None
        assert [e.name for e in store.entities()] == ["CNSA"]


def test_undo_of_a_delete_brings_back_the_span_and_its_links(tmp_path):
    from reader.store.model import ClaimLink

    with AnnotationStore.open(tmp_path / "db") as store:
        store.ensure_document(A)
        store.ensure_document(B)
        one = store.add_span(Span("a", 0, 30, "claim", "CLAIM", A.text[:30]))
        two = store.add_span(Span("b", 0, 18, "claim", "CLAIM", B.text[:18]))
        link = store.add_link(ClaimLink(one.id, two.id, "same"))
        store.delete_span(two.id)
        assert store.links() == []
        store.undo()
        assert store.span(two.id) is not None and [l.id for l in store.links()] == [link.id]


def test_registering_a_document_is_not_an_undo_step(tmp_path):
    with AnnotationStore.open(tmp_path / "db") as store:
        store.ensure_document(A)
        assert store.undo() is None
        assert store.document("a") is not None


def test_every_change_in_the_journal_names_its_annotator(tmp_path):
    path = tmp_path / "db"
    with AnnotationStore.open(path, annotator="yosef") as store:
        store.ensure_document(A)
        store.add_span(Span("a", 0, 9, "entity", "ORG", "Roscosmos"))
        store.undo()
    entries = [orjson.loads(line) for line in (tmp_path / "db.journal").read_bytes().splitlines()]
    assert [e["kind"] for e in entries] == ["change", "change", "undo"]
    assert {e["annotator"] for e in entries} == {"yosef"}


def test_undo_history_survives_compaction(tmp_path):
    path = tmp_path / "db"
    with AnnotationStore.open(path) as store:
        store.ensure_document(A)
        span = store.add_span(Span("a", 0, 9, "entity", "ORG", "Roscosmos"))
        store.compact()
    assert not (tmp_path / "db.journal").exists() or (tmp_path / "db.journal").read_bytes() == b""
    with AnnotationStore.open(path) as store:
        assert store.undo().startswith("add ORG")
        assert store.span(span.id) is None


def test_read_only_store_cannot_undo(tmp_path):
    from reader.errors import ReaderError

    path = tmp_path / "db"
    with AnnotationStore.open(path) as writer:
        writer.ensure_document(A)
        writer.add_span(Span("a", 0, 9, "entity", "ORG", "Roscosmos"))
        reader = AnnotationStore.open(path)
        assert reader.read_only
        with pytest.raises(ReaderError, match="in use by pid"):
            reader.undo()
