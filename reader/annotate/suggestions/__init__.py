"""Suggestions before the annotator starts: spans a machine can propose without a model
(dates, quantities, the entities already in the database) and, when the user has one,
their own spaCy model. Nothing here writes: `suggest_document` proposes, the caller (the
`reader suggest` command, the reading screen) accepts or rejects through the store.

Each recognizer is a module behind one interface (`base.Recognizer`); `recognizers`
builds the set a command asks for.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from typing import Any

from reader.annotate.suggestions.base import Found, Recognizer, Suggestion

__all__ = ["Found", "Recognizer", "Suggestion", "recognizers", "suggest_document"]


def recognizers(
    *, entities: Iterable[Any] = (), model: str | None = None, schema: Any = None,
) -> list[Recognizer]:
    """The rule recognizers, the known-entity recognizer over `entities`, and the spaCy
    pipeline `model` (labels mapped by `schema`'s `[model_labels]`) when one is named."""
    from reader.annotate.suggestions.dates import DateRecognizer
    from reader.annotate.suggestions.known_entities import KnownEntityRecognizer
    from reader.annotate.suggestions.quantities import QuantityRecognizer

    found: list[Recognizer] = [DateRecognizer(), QuantityRecognizer()]
    entities = list(entities)
    if entities:
        found.append(KnownEntityRecognizer(entities))
    if model:
        from reader.annotate.suggestions.spacy_model import SpacyRecognizer, label_map

        if schema is None:
            from reader.store.labels import load_schema

            schema = load_schema()
        found.append(SpacyRecognizer(model, label_map(schema.labels, schema.model_labels)))
    return found


def suggest_document(
    document: Any,
    recognizers: Sequence[Recognizer],
    *,
    labels: Iterable[str] | None = None,
    existing: Iterable[Any] = (),
    rejected: Iterable[tuple[str, int, int, str]] = (),
) -> list[Suggestion]:
    """The suggestions for `document` (anything with `id`, `text`, `lang`), in text order.

    Only `labels` (all when None). Nothing that overlaps an `existing` span (what the user
    made: anything with start and end) or repeats a `rejected` suggestion (`Suggestion.key`).
    Of overlapping proposals the longest is kept, then the best scored, then the earliest
    recognizer's ("يوم الثلاثاء 14 مارس 2023" over "يوم الثلاثاء" inside it).
    """
    wanted = None if labels is None else set(labels)
    text, lang = document.text, getattr(document, "lang", "") or ""
    taken = sorted((s.start, s.end) for s in existing)
    refused = set(rejected)
    proposals: list[tuple[int, int, float, int, Found, str]] = []
    for rank, recognizer in enumerate(recognizers):
        if wanted is not None and not (recognizer.labels & wanted) and recognizer.labels:
            continue
        for found in recognizer.find(text, lang):
            if wanted is not None and found.label not in wanted:
                continue
            if (document.id, found.start, found.end, found.label) in refused:
                continue
            if not text[found.start:found.end].strip():
                continue
            proposals.append((found.end - found.start, found.start, found.score, rank, found, recognizer.source))
    proposals.sort(key=lambda p: (-p[0], -p[2], p[3], p[1]))
    # What is taken so far, as disjoint ranges sorted by start (the user's spans may
    # overlap each other: merged first), so that each proposal is checked by bisection.
    starts: list[int] = []
    ends: list[int] = []
    for start, end in taken:
        if ends and start < ends[-1]:
            ends[-1] = max(ends[-1], end)
        else:
            starts.append(start)
            ends.append(end)
    chosen: list[tuple[Found, str]] = []
    for _, _, _, _, found, source in proposals:
        at = bisect_right(starts, found.start)
        if at and ends[at - 1] > found.start or at < len(starts) and starts[at] < found.end:
            continue
        starts.insert(at, found.start)
        ends.insert(at, found.end)
        chosen.append((found, source))
    chosen.sort(key=lambda c: c[0].start)
    return [
        Suggestion(document.id, f.start, f.end, text[f.start:f.end], f.label, source, f.score, f.entity_id)
        for f, source in chosen
    ]
