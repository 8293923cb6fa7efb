"""The annotation dialogs: one modal per module, each dismissing with its result
(None on escape). Imported lazily, so start-up pays only for the dialogs opened.

- ClaimForm(span, entity_spans, schema) -> ClaimAttributes | None
- EntityFinder(span, entities, schema) -> EntityChoice | None
- AliasConfirm(question) -> "keep" | "drop" | "split" | None
- LinkTypeChooser(source, target) -> "same" | "supports" | "contradicts" | None
- LabelChooser(schema, current) -> label | None
- LinkedPanel(span, store, documents) -> (doc_id, offset) | None
- SuggestionReview(suggestions, documents) -> list[Suggestion] | None
- SuggestionsPanel(document, suggestions, schema, act=...) -> None (decides as keys are pressed)
- SpanList(spans, document) -> span id | None
- RelationsDialog(document, relations, documents, decide=...) -> (doc id, other id) | None
- DocumentChooser(rows, more=...) -> doc id | None
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_WHERE = {
    "ClaimForm": "claim_form",
    "EntityFinder": "entity_finder",
    "EntityChoice": "entity_finder",
    "AliasConfirm": "alias_confirm",
    "LinkTypeChooser": "link_type",
    "LabelChooser": "label_chooser",
    "LinkedPanel": "linked_panel",
    "SuggestionReview": "suggestion_review",
    "SuggestionsPanel": "suggestions",
    "SpanList": "span_list",
    "RelationsDialog": "relations",
    "DocumentChooser": "document_chooser",
    "DocumentRow": "document_chooser",
    "Dialog": "base",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
