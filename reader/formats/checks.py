"""The checks every exporter and importer makes, in one place.

Exporters call `checked_text` for every span they write: a span whose offsets no longer
cover its text fails the export loudly instead of writing wrong training data.
Importers call `span_problem` for every span they read and reject the file on any reason.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from reader.formats.problems import ExportError
from reader.store.model import CLAIM_LABEL, SPAN_KINDS, STANCES, ClaimAttributes, DocumentRecord, Span


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


def kind_of_label(label: str) -> str:
    """The span kind a label implies in formats that carry only labels: CLAIM or entity."""
    return "claim" if label == CLAIM_LABEL else "entity"


def span_problem(
    text: str,
    start: object,
    end: object,
    label: object,
    kind: object,
    span_text: object | None,
    labels: Collection[str] | None,
) -> str | None:
    """Why a span read from a file is unacceptable for `text`, or None when it is fine.

    `span_text` None means the format carries no covered text to compare; `labels` None
    accepts any entity label (no schema), otherwise entity labels must be in it."""
    if not isinstance(start, int) or not isinstance(end, int) or isinstance(start, bool) or isinstance(end, bool):
        return f"offsets must be integers, got start={start!r} end={end!r}"
    if start < 0 or end > len(text):
        return f"offsets [{start}, {end}) out of range: the text has {len(text)} characters"
    if end <= start:
        return f"end {end} is not after start {start}"
    if kind not in SPAN_KINDS:
        return f"unknown span kind {kind!r} (expected one of {', '.join(SPAN_KINDS)})"
    if not isinstance(label, str) or not label:
        return f"missing label in span [{start}, {end})"
    if kind == "claim" and label != CLAIM_LABEL:
        return f"claim span [{start}, {end}) has label {label!r}, expected {CLAIM_LABEL}"
    if kind == "entity" and labels is not None and label not in labels:
        return f"unknown label {label!r} (the label schema has {', '.join(sorted(labels))})"
    covered = text[start:end]
    if span_text is not None and covered != span_text:
        return f"text mismatch at [{start}, {end}): the document has {covered!r}, the record says {span_text!r}"
    return None


def attrs_problem(attrs: Any) -> str | None:
    """Why claim attributes read from a file are unacceptable, or None when they are fine."""
    if not isinstance(attrs, dict):
        return "attrs must be an object"
    claim = ClaimAttributes.from_dict(attrs)
    if claim.stance is not None and claim.stance not in STANCES:
        return f"stance must be one of {', '.join(STANCES)}, got {claim.stance!r}"
    if claim.checkworthy is not None and not isinstance(claim.checkworthy, bool):
        return f"checkworthy must be true or false, got {claim.checkworthy!r}"
    if claim.speaker is not None and not isinstance(claim.speaker, str):
        return "speaker must be a span id"
    if not isinstance(claim.note, str):
        return "note must be a string"
    return None
