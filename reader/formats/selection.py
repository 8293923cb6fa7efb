"""Choosing what to export: `--kind`, `--label`, `--doc` applied to an AnnotationSet."""

from __future__ import annotations

from collections.abc import Collection

from reader.store.model import AnnotationSet, ClaimLink, Span


def select(
    annotations: AnnotationSet,
    kinds: Collection[str] | None = None,
    labels: Collection[str] | None = None,
    doc_ids: Collection[str] | None = None,
) -> AnnotationSet:
    """A new AnnotationSet with the documents in `doc_ids`, the spans of those documents
    whose kind is in `kinds` and label in `labels` (None or empty: no restriction), the
    links whose two ends are both kept, and the entities those spans mention (all
    entities when nothing is filtered, so an unfiltered export rebuilds everything)."""
    kinds, labels, doc_ids = set(kinds or ()), set(labels or ()), set(doc_ids or ())
    documents = [d for d in annotations.documents if not doc_ids or d.id in doc_ids]
    kept_docs = {d.id for d in documents}
    spans = [
        s for s in annotations.spans
        if s.doc_id in kept_docs and (not kinds or s.kind in kinds) and (not labels or s.label in labels)
    ]
    span_ids = {s.id for s in spans}
    links = [l for l in annotations.links if l.source in span_ids and l.target in span_ids]
    if kinds or labels or doc_ids:
        mentioned = {s.entity_id for s in spans if s.entity_id}
        entities = [e for e in annotations.entities if e.id in mentioned]
    else:
        entities = list(annotations.entities)
    return AnnotationSet(documents=documents, spans=spans, entities=entities, links=links)


def spans_by_document(annotations: AnnotationSet) -> dict[str, list[Span]]:
    """doc id -> its spans sorted by (start, -end, label, id): the order every export writes."""
    grouped: dict[str, list[Span]] = {d.id: [] for d in annotations.documents}
    for span in annotations.spans:
        grouped.setdefault(span.doc_id, []).append(span)
    for spans in grouped.values():
        spans.sort(key=lambda s: (s.start, -s.end, s.label, s.id))
    return grouped


def links_within_documents(annotations: AnnotationSet) -> tuple[dict[str, list[ClaimLink]], int]:
    """Claim links grouped by the document both their ends are in, and the number of
    links between documents (which per-document formats cannot carry: callers warn)."""
    span_doc = {span.id: span.doc_id for span in annotations.spans}
    within: dict[str, list[ClaimLink]] = {}
    across = 0
    for link in annotations.links:
        if span_doc.get(link.source) == span_doc.get(link.target):
            within.setdefault(span_doc[link.source], []).append(link)
        else:
            across += 1
    return within, across
