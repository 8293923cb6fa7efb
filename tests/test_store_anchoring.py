"""When a source file changed, spans are re-anchored by their text and context, or flagged for
review; never silently moved, never dropped."""

from __future__ import annotations

from reader.core.document import Document
from reader.store.database import AnnotationStore
from reader.store.model import Span

OLD = "Roscosmos signed the deal. Later, Roscosmos said the station opens in 2035."


def annotate(tmp_path, nth: int = 1, word: str = "Roscosmos"):
    store = AnnotationStore.open(tmp_path / "annotations.db")
    store.ensure_document(Document("d", "/d.txt", OLD))
    at = -1
    for _ in range(nth + 1):
        at = OLD.index(word, at + 1)
    span = store.add_span(Span("d", at, at + len(word), "entity", "ORG", word))
    return store, span


def test_insertion_before_the_span_moves_it_by_its_context(tmp_path):
    store, span = annotate(tmp_path)
    new = "MOSCOW (agencies) — " + OLD
    record, review = store.ensure_document(Document("d", "/d.txt", new))
    moved = store.span(span.id)
    assert review == [] and record.text == new
    assert moved.start == span.start + len("MOSCOW (agencies) — ")
    assert new[moved.start : moved.end] == "Roscosmos" and moved.status == "ok"
    # the second occurrence, not the first: the context told them apart
    assert new[: moved.start].endswith("Later, ")
    store.close()


def test_a_duplicated_span_text_with_the_same_context_is_flagged_for_review(tmp_path):
    store, span = annotate(tmp_path)
    new = OLD + "\n" + OLD  # the article pasted twice: both copies have the span's whole context
    _, review = store.ensure_document(Document("d", "/d.txt", new))
    flagged = store.span(span.id)
    assert [s.id for s in review] == [span.id]
    assert flagged.status == "review" and "occurs" in flagged.review_reason
    assert (flagged.start, flagged.end, flagged.text) == (span.start, span.end, span.text)  # not moved
    store.close()


def test_a_deleted_span_text_is_flagged_not_dropped(tmp_path):
    store, span = annotate(tmp_path, nth=0, word="2035")
    new = OLD.replace("2035", "the next decade")
    _, review = store.ensure_document(Document("d", "/d.txt", new))
    assert [s.id for s in review] == [span.id]
    kept = store.span(span.id)
    assert kept.status == "review" and "no longer" in kept.review_reason and kept.text == "2035"
    store.close()


def test_review_survives_reopen_and_is_cleared_by_fixing_the_offsets(tmp_path):
    store, span = annotate(tmp_path, nth=0, word="2035")
    new = OLD.replace("opens in 2035", "opens in 2036")
    store.ensure_document(Document("d", "/d.txt", new))
    store.close()
    with AnnotationStore.open(tmp_path / "annotations.db") as store:
        _, review = store.ensure_document(Document("d", "/d.txt", new))
        assert [s.id for s in review] == [span.id]
        at = new.index("2036")
        fixed = store.update_span(span.id, start=at, end=at + 4)
        assert fixed.status == "ok" and fixed.text == "2036"
        assert store.ensure_document(Document("d", "/d.txt", new))[1] == []


def test_a_duplicated_span_text_with_different_context_is_moved_to_the_matching_one(tmp_path):
    store, span = annotate(tmp_path)
    new = OLD + " Roscosmos denied it."
    _, review = store.ensure_document(Document("d", "/d.txt", new))
    assert review == [] and store.span(span.id).start == span.start
    store.close()


def test_unchanged_source_leaves_spans_alone(tmp_path):
    store, span = annotate(tmp_path)
    _, review = store.ensure_document(Document("d", "/d.txt", OLD))
    assert review == [] and store.span(span.id) == span
    store.close()
