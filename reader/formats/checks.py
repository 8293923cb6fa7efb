"""The checks every exporter and importer makes, in one place.

Exporters call `checked_text` for every span they write: a span whose offsets no longer
cover its text fails the export loudly instead of writing wrong training data.
Importers call `span_problem` (and `attrs_problem`) for every span they read and reject the
file on any reason; both live in reader.store.validation, which the store uses too.
"""

from __future__ import annotations

from reader.formats.problems import ExportError
from reader.store.model import CLAIM_LABEL, DocumentRecord, Span, SpanKind
# The span rules are the store's (one module for the store and every importer).
from reader.store.validation import attrs_problem, span_problem

__all__ = ["attrs_problem", "checked_text", "kind_of_label", "span_problem"]


def checked_text(document: DocumentRecord, span: Span) -> str:
    """`document.text[span.start:span.end]`, after checking it is exactly `span.text`.

    Raises ExportError naming the document, the span and what differs."""
    text = document.text
    if not 0 <= span.start < span.end <= len(text):
        raise ExportError(
            f"document {document.id}: span {span.id} [{span.start}, {span.end}) is outside the "
            f"text (0..{len(text)}); nothing was written"
        )
    covered = text[span.start:span.end]
    if covered != span.text:
        raise ExportError(
            f"document {document.id}: span {span.id} [{span.start}, {span.end}) covers {covered!r} "
            f"but records {span.text!r}; nothing was written"
        )
    return covered


def kind_of_label(label: str) -> SpanKind:
    """The span kind a label implies in formats that carry only labels: CLAIM or entity."""
    return "claim" if label == CLAIM_LABEL else "entity"
