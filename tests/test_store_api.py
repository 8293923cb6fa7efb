"""The AnnotationStore API on a real database file: validation, durability on reopen,
entities across scripts, claim links, import all-or-nothing, counts."""

from __future__ import annotations

import pytest

from reader.core.document import Document
from reader.errors import ReaderError
from reader.store.database import AnnotationStore
from reader.store.model import AnnotationSet, ClaimLink, DocumentRecord, Entity, Span

EN = "Roscosmos and CNSA will build a lunar station. Roscosmos said the station opens in 2035."
AR = "وقالت روسكوزموس إن المحطة القمرية ستفتح عام 2035."


def span_of(doc: Document, text: str, kind="entity", label="ORG", nth=0, **kw) -> Span:
    at = -1
    for _ in range(nth + 1):
        at = doc.text.index(text, at + 1)
    return Span(doc.id, at, at + len(text), kind, label, text, **kw)


@pytest.fixture
def docs():
    return Document("en-1", "/n/en-1.txt", EN), Document("ar-1", "/n/ar-1.txt", AR)


@pytest.fixture
def store(tmp_path, docs):
    store = AnnotationStore.open(tmp_path / "annotations.db", annotator="rana")
    for doc in docs:
        store.ensure_document(doc)
    yield store
    store.close()


def test_reopen_sees_every_acknowledged_change(tmp_path, docs):
    en, ar = docs
    path = tmp_path / "annotations.db"
    with AnnotationStore.open(path, annotator="rana") as store:
        store.ensure_document(en)
        a = store.add_span(span_of(en, "Roscosmos"))
        b = store.add_span(span_of(en, "CNSA"))
        store.update_span(b.id, label="PROGRAM")
        store.delete_span(a.id)
        store.set_done(en.id, True)
    with AnnotationStore.open(path) as reopened:
        assert [s.id for s in reopened.spans(en.id)] == [b.id]
        assert reopened.span(b.id).label == "PROGRAM"
        assert reopened.document(en.id).done is True
        assert reopened.document(en.id).text == EN


def test_add_span_refuses_text_that_does_not_match_the_document(store, docs):
    en, _ = docs
    with pytest.raises(ReaderError, match="the record says 'Roskosmos'"):
        store.add_span(Span(en.id, 0, 9, "entity", "ORG", "Roskosmos"))
    with pytest.raises(ReaderError, match="out of range"):
        store.add_span(Span(en.id, 80, 200, "entity", "ORG", EN[80:200]))
    with pytest.raises(ReaderError, match="not in the database"):
        store.add_span(Span("nowhere", 0, 1, "entity", "ORG", "R"))
    assert store.spans() == []


def test_spans_may_overlap_and_nest(store, docs):
    en, _ = docs
    outer = store.add_span(span_of(en, "Roscosmos and CNSA will build a lunar station.", "claim", "CLAIM"))
    inner = store.add_span(span_of(en, "Roscosmos"))
    both = store.add_span(span_of(en, "CNSA"))
    assert [s.id for s in store.spans(en.id)] == [outer.id, inner.id, both.id]
    assert [s.id for s in store.spans(en.id, kind="entity")] == [inner.id, both.id]


def test_mentions_in_three_scripts_link_to_one_entity(store, docs):
    en, ar = docs
    roscosmos = store.add_entity(Entity("ORG", "Roscosmos", aliases=["Roskosmos"]))
    latin = store.add_span(span_of(en, "Roscosmos"))
    arabic = store.add_span(span_of(ar, "روسكوزموس"))
    store.link_mention(latin.id, roscosmos.id)
    store.link_mention(arabic.id, roscosmos.id)
    entity = store.entity(roscosmos.id)
    assert entity.aliases == ["Roskosmos", "روسكوزموس"]
    assert {s.entity_id for s in (store.span(latin.id), store.span(arabic.id))} == {roscosmos.id}


def test_claim_speaker_must_be_an_entity_span_of_the_same_document(store, docs):
    en, ar = docs
    speaker = store.add_span(span_of(en, "Roscosmos", nth=1))
    elsewhere = store.add_span(span_of(ar, "روسكوزموس"))
    claim = span_of(en, "the station opens in 2035", "claim", "CLAIM", attrs={"speaker": elsewhere.id})
    with pytest.raises(ReaderError, match="speaker"):
        store.add_span(claim)
    claim.attrs = {"speaker": speaker.id, "stance": "reported", "checkworthy": True}
    stored = store.add_span(claim)
    assert stored.claim.speaker == speaker.id and stored.annotator == "rana"
    store.delete_span(speaker.id)
    assert store.span(stored.id).claim.speaker is None


def test_deleting_a_claim_removes_its_links(store, docs):
    en, ar = docs
    one = store.add_span(span_of(en, "the station opens in 2035", "claim", "CLAIM"))
    two = store.add_span(span_of(ar, "المحطة القمرية ستفتح عام 2035", "claim", "CLAIM"))
    link = store.add_link(ClaimLink(one.id, two.id, "same"))
    assert [l.id for l in store.links()] == [link.id]
    with pytest.raises(ReaderError, match="not a claim span"):
        store.add_link(ClaimLink(one.id, "s-missing", "supports"))
    store.delete_span(two.id)
    assert store.links() == []


def test_apply_is_all_or_nothing(store, docs):
    en, _ = docs
    good = span_of(en, "CNSA")
    bad = Span(en.id, 0, 4, "entity", "ORG", "CNSA")  # the text there is "Rosc"
    with pytest.raises(ReaderError, match="Rosc"):
        store.apply(AnnotationSet(spans=[good, bad]))
    assert store.spans() == []
    new_doc = DocumentRecord("it-1", "x", "L'agenzia Roscosmos.")
    store.apply(AnnotationSet(documents=[new_doc], spans=[good, Span("it-1", 10, 19, "entity", "ORG", "Roscosmos")]))
    assert len(store.spans()) == 2 and store.document("it-1").text == "L'agenzia Roscosmos."


def test_snapshot_carries_everything(store, docs):
    en, ar = docs
    store.add_span(span_of(en, "CNSA"))
    store.add_entity(Entity("ORG", "CNSA"))
    data = store.snapshot()
    assert {d.id for d in data.documents} == {en.id, ar.id}
    assert [s.text for s in data.spans] == ["CNSA"] and [e.name for e in data.entities] == ["CNSA"]


def test_returned_records_are_copies(store, docs):
    en, _ = docs
    claim = store.add_span(span_of(en, "the station opens in 2035", "claim", "CLAIM", attrs={"note": "x"}))
    store.span(claim.id).attrs["note"] = "changed behind the store's back"
    assert store.span(claim.id).attrs["note"] == "x"


def test_counts_by_kind_and_label(store, docs):
    en, ar = docs
    store.add_span(span_of(en, "Roscosmos"))
    store.add_span(span_of(en, "2035", label="DATE"))
    store.add_span(span_of(ar, "المحطة القمرية ستفتح عام 2035", "claim", "CLAIM"))
    counts = store.counts()
    assert counts["documents"] == 2 and counts["spans"] == 3
    assert counts["spans_by_kind"] == {"entity": 2, "claim": 1}
    assert counts["spans_by_label"] == {"CLAIM": 1, "DATE": 1, "ORG": 1}
