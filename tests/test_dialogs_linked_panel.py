"""LinkedPanel on a real AnnotationStore: an entity's mentions everywhere, a claim's links."""

from __future__ import annotations

from dialog_support import PENDING, drive, run

from reader.core.document import Document
from reader.store.database import AnnotationStore
from reader.store.model import ClaimLink, Entity, Span
from reader.tui.dialogs import LinkedPanel

AR = "قالت وكالة روسكوزموس إن ميزانية روسيا الفضائية هي الثالثة في العالم.\n\nوتعمل روسكوزموس مع الصين."
EN = "Roscosmos said that Russia's space budget is the second largest in the world."


def doc(doc_id: str, text: str, title: str) -> Document:
    return Document(id=doc_id, path=f"{doc_id}.txt", text=text, meta={"title": title})


def span_at(document: Document, text: str, label: str, kind: str = "entity", nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = document.text.index(text, start + 1)
    return Span(doc_id=document.id, start=start, end=start + len(text), kind=kind, label=label, text=text)


def annotated(tmp_path):
    """A store with Roscosmos mentioned three times in two documents and two linked claims."""
    ar, en = doc("ar", AR, "ميزانية الفضاء"), doc("en", EN, "Space budget")
    store = AnnotationStore.open(tmp_path / "a.db", annotator="t")
    for d in (ar, en):
        store.ensure_document(d)
    entity = store.add_entity(Entity("ORG", "Roscosmos"))
    mentions = [store.add_span(span_at(ar, "روسكوزموس", "ORG")), store.add_span(span_at(ar, "روسكوزموس", "ORG", nth=1)),
                store.add_span(span_at(en, "Roscosmos", "ORG"))]
    for m in mentions:
        store.link_mention(m.id, entity.id)
    ar_claim = store.add_span(span_at(ar, "ميزانية روسيا الفضائية هي الثالثة في العالم", "CLAIM", kind="claim"))
    en_claim = store.add_span(span_at(en, "Russia's space budget is the second largest in the world", "CLAIM",
                                      kind="claim"))
    store.add_link(ClaimLink(source=ar_claim.id, target=en_claim.id, type="contradicts"))
    return store, {"ar": ar, "en": en}, mentions, (ar_claim, en_claim)


def test_an_entity_mention_lists_the_entity_and_every_mention_and_enter_jumps(tmp_path):
    store, documents, mentions, _ = annotated(tmp_path)
    with store:
        result, shown = run(drive(LinkedPanel(mentions[0], store, documents), "down", "down", "enter", size=(120, 30)))
    assert result == ("en", mentions[2].start)
    assert "Roscosmos (ORG)" in shown
    assert "3 mentions in 2 document(s)" in shown
    assert "Space budget" in shown and "Roscosmos said that Russia" in shown


def test_the_entity_aliases_added_by_linking_are_shown(tmp_path):
    store, documents, mentions, _ = annotated(tmp_path)
    with store:
        _, shown = run(drive(LinkedPanel(mentions[2], store, documents), "escape"))
    assert "also: ﺱﻮﻣﺯﻮﻜﺳﻭﺭ" in shown  # the Arabic alias, shaped and in display order


def test_a_claim_lists_its_links_with_type_and_direction_from_both_ends(tmp_path):
    store, documents, _, (ar_claim, en_claim) = annotated(tmp_path)
    with store:
        result, shown = run(drive(LinkedPanel(ar_claim, store, documents), "enter", size=(120, 30)))
        assert result == ("en", en_claim.start)
        assert "contradicts →" in shown and "second largest" in shown
        result, shown = run(drive(LinkedPanel(en_claim, store, documents), "enter", size=(120, 30)))
        assert result == ("ar", ar_claim.start)
        assert "contradicts ←" in shown


def test_documents_not_loaded_are_read_from_the_store(tmp_path):
    store, documents, mentions, _ = annotated(tmp_path)
    with store:
        result, shown = run(drive(LinkedPanel(mentions[0], store, {"ar": documents["ar"]}), "up", "enter",
                                  size=(120, 30)))
    assert result == ("en", mentions[2].start)
    assert "Space budget" in shown  # the title kept in the store's DocumentRecord


def test_an_unlinked_mention_says_so_and_enter_does_nothing(tmp_path):
    store, documents, _, _ = annotated(tmp_path)
    with store:
        loose = store.add_span(span_at(documents["ar"], "الصين", "GPE"))
        result, shown = run(drive(LinkedPanel(loose, store, documents), "enter"))
    assert result is PENDING
    assert "not linked to a corpus entity" in shown
