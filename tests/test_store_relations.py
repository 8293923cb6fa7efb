"""Relation decisions in the store: confirmed/rejected by Relation.key, journaled, undoable,
kept across a restart, refused with a clear error when malformed."""

from __future__ import annotations

import orjson
import pytest

from reader.errors import ReaderError
from reader.store.database import AnnotationStore
from reader.store.migrations import SCHEMA_VERSION


def test_a_decision_is_stored_and_survives_a_restart(tmp_path):
    path = tmp_path / "annotations.db"
    with AnnotationStore.open(path, annotator="rana") as store:
        store.set_relation_decision("000|004|translation", "004", "000", "translation", "confirmed")
        store.set_relation_decision("000|001|duplicate", "000", "001", "duplicate", "rejected")
        assert store.relation_decisions() == {"000|004|translation": "confirmed", "000|001|duplicate": "rejected"}
    with AnnotationStore.open(path) as store:
        assert store.relation_decisions() == {"000|004|translation": "confirmed", "000|001|duplicate": "rejected"}


def test_a_decision_is_one_journal_line_with_its_annotator(tmp_path):
    path = tmp_path / "annotations.db"
    with AnnotationStore.open(path, annotator="rana") as store:
        store.set_relation_decision("000|003|same-event", "000", "003", "same-event", "confirmed")
        journal = store._storage.files.journal
    lines = [orjson.loads(line) for line in journal.read_bytes().splitlines() if line.strip()]
    decisions = [entry for entry in lines if entry.get("description", "").startswith("confirm same-event")]
    assert len(decisions) == 1
    assert decisions[0]["annotator"] == "rana"
    (table, key, before, after), = decisions[0]["writes"]
    assert (table, key, before) == ("relations", "000|003|same-event", None)
    assert after["decision"] == "confirmed" and after["a"] == "000" and after["b"] == "003"


def test_changing_a_decision_is_undone_to_the_previous_one(tmp_path):
    with AnnotationStore.open(tmp_path / "db") as store:
        store.set_relation_decision("000|004|translation", "000", "004", "translation", "confirmed")
        store.set_relation_decision("000|004|translation", "000", "004", "translation", "rejected")
        assert store.relation_decisions() == {"000|004|translation": "rejected"}
        assert store.undo() == "reject translation 000 ⇄ 004"
        assert store.relation_decisions() == {"000|004|translation": "confirmed"}
        assert store.undo() == "confirm translation 000 ⇄ 004"
        assert store.relation_decisions() == {}
        assert store.redo() == "confirm translation 000 ⇄ 004"
        assert store.relation_decisions() == {"000|004|translation": "confirmed"}


def test_undo_reaches_a_decision_after_a_restart(tmp_path):
    path = tmp_path / "db"
    with AnnotationStore.open(path) as store:
        store.set_relation_decision("a|b|duplicate", "a", "b", "duplicate", "rejected")
    with AnnotationStore.open(path) as store:
        assert store.undo() == "reject duplicate a ⇄ b"
        assert store.relation_decisions() == {}


def test_the_same_decision_again_adds_no_change(tmp_path):
    with AnnotationStore.open(tmp_path / "db") as store:
        store.set_relation_decision("a|b|duplicate", "a", "b", "duplicate", "confirmed")
        before = len(store.history())
        store.set_relation_decision("a|b|duplicate", "b", "a", "duplicate", "confirmed")
        assert len(store.history()) == before


def test_clearing_a_decision_is_undoable(tmp_path):
    with AnnotationStore.open(tmp_path / "db") as store:
        store.set_relation_decision("a|b|duplicate", "a", "b", "duplicate", "confirmed")
        store.clear_relation_decision("a|b|duplicate")
        assert store.relation_decisions() == {}
        store.undo()
        assert store.relation_decisions() == {"a|b|duplicate": "confirmed"}


@pytest.mark.parametrize(("key", "a", "b", "kind", "decision", "complaint"), [
    ("a|b|duplicate", "a", "b", "duplicate", "maybe", "decision 'maybe'"),
    ("a|b|cousin", "a", "b", "cousin", "confirmed", "kind 'cousin'"),
    ("b|a|duplicate", "a", "b", "duplicate", "confirmed", "expected a|b|duplicate"),
    ("a|b|translation", "a", "b", "duplicate", "confirmed", "expected a|b|duplicate"),
    ("a|a|duplicate", "a", "a", "duplicate", "confirmed", "does not name"),
])
def test_a_malformed_decision_is_refused_and_nothing_is_written(tmp_path, key, a, b, kind, decision, complaint):
    with AnnotationStore.open(tmp_path / "db") as store:
        with pytest.raises(ReaderError, match=complaint):
            store.set_relation_decision(key, a, b, kind, decision)
        assert store.relation_decisions() == {}
        assert store.history() == []


def test_a_read_only_store_refuses_a_decision(tmp_path):
    path = tmp_path / "db"
    with AnnotationStore.open(path) as store:
        store.set_relation_decision("a|b|duplicate", "a", "b", "duplicate", "confirmed")
    with AnnotationStore.open(path, read_only=True) as store:
        with pytest.raises(ReaderError):
            store.set_relation_decision("a|b|duplicate", "a", "b", "duplicate", "rejected")
        assert store.relation_decisions() == {"a|b|duplicate": "confirmed"}


def test_decisions_need_no_new_schema_version(tmp_path):
    path = tmp_path / "db"
    with AnnotationStore.open(path) as store:
        store.set_relation_decision("a|b|duplicate", "a", "b", "duplicate", "confirmed")
        store.compact()
    snapshot = orjson.loads(path.read_bytes())
    assert snapshot["schema_version"] == SCHEMA_VERSION
    assert snapshot["tables"]["relations"]["a|b|duplicate"]["decision"] == "confirmed"
