"""Where the reader left off (AnnotationStore.reading_state / save_reading_state): kept
across a reopen, never on the undo stack, malformed records left out."""

from __future__ import annotations

from reader.store.database import VIEWS, AnnotationStore


def test_panes_and_cursors_survive_a_reopen_and_are_not_undone(tmp_path):
    db = tmp_path / "a.db"
    store = AnnotationStore.open(db, annotator="t")
    store.save_reading_state(["b", "a"], {"a": 12, "b": 0, "c": 40})
    store.save_reading_state(["a"], {"a": 15})  # b closed, keeps its cursor
    assert store.undo() is None  # nothing to undo: where the reader is is not an annotation
    store.close()
    again = AnnotationStore.open(db, annotator="t")
    try:
        assert again.reading_state() == (["a"], {"a": 15, "b": 0, "c": 40})
    finally:
        again.close()


def test_nothing_is_written_when_nothing_changed_or_read_only(tmp_path):
    db = tmp_path / "a.db"
    store = AnnotationStore.open(db, annotator="t")
    store.save_reading_state(["a"], {"a": 3})
    size = sum(p.stat().st_size for p in tmp_path.iterdir() if p.is_file())
    store.save_reading_state(["a"], {"a": 3})
    assert sum(p.stat().st_size for p in tmp_path.iterdir() if p.is_file()) == size
    store.close()
    reader = AnnotationStore.open(db, read_only=True)
    try:
        reader.save_reading_state(["z"], {"z": 1})  # no error, no write
        assert reader.reading_state() == (["a"], {"a": 3})
    finally:
        reader.close()


def test_malformed_records_are_left_out(tmp_path):
    store = AnnotationStore.open(tmp_path / "a.db", annotator="t")
    try:
        with store.change("hand-made records", undoable=False):
            store._put(VIEWS, "ok", {"cursor": 5, "pane": 0})
            store._put(VIEWS, "bad-cursor", {"cursor": "5", "pane": 1})
            store._put(VIEWS, "bool-pane", {"cursor": 2, "pane": True})
            store._put(VIEWS, "negative", {"cursor": -1, "pane": -3})
        assert store.reading_state() == (["ok", "bad-cursor"], {"ok": 5, "bool-pane": 2})
    finally:
        store.close()
