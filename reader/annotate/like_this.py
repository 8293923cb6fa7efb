""""Tag all like this": propose every other occurrence of a tagged span's text.

An occurrence is a folded match (as in `reader.core.search`: harakat, hamza forms,
case and accents do not matter) of the span's text or one of its entity's aliases
that starts and ends on word boundaries. In Arabic documents an occurrence may also
sit behind proclitics (والصين when the span is الصين; للصين, whose article is
contracted; والصين when the span is the bare صين): it counts when
`reader.core.clitics.name_start` would cut the word exactly there, and the suggested
range is the name alone. Occurrences that overlap an existing span with the same
label are not proposed (that includes the source span itself when it is passed in
`existing`). The caller shows the suggestions and accepts or rejects them one by one
or all at once; `Suggestion.to_span` makes the Span.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from reader.core.clitics import name_start
from reader.core.search import Searchable, find_all, fold
from reader.core.textunits import at_word_end, at_word_start, word_at
from reader.store.model import Span, SpanKind

__all__ = ["Suggestion", "suggest_like", "entity_of"]


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A proposed span: `text == document.text[start:end]`; `source_text` is the span
    text (or alias) it was found from."""

    doc_id: str
    start: int
    end: int
    text: str
    label: str
    source_text: str

    def to_span(self, *, kind: SpanKind = "entity", annotator: str = "", entity_id: str | None = None) -> Span:
        """The Span an accepted suggestion becomes (a new id and timestamps)."""
        return Span(
            doc_id=self.doc_id, start=self.start, end=self.end, kind=kind, label=self.label,
            text=self.text, annotator=annotator, entity_id=entity_id,
        )


def _takes_clitics(document: Any) -> bool:
    """Arabic proclitics are looked for in Arabic documents (or when the language is unknown)."""
    lang = getattr(document, "lang", None)
    return lang in (None, "", "ar", "und")


def _behind_clitics(text: str, start: int, *, article: bool | None) -> bool:
    """Whether `start` is where the name begins inside its word once Arabic proclitics
    are cut (with the article kept, cut, or either when `article` is None)."""
    first = word_at(text, start)
    if first is None or first[0] == start:
        return False
    word = text[first[0]:first[1]]
    choices = (False, True) if article is None else (article,)
    return any(first[0] + name_start(word, article=a) == start for a in choices)


def _occurrences(document: Searchable, pattern: str, clitics: bool) -> list[tuple[int, int]]:
    """Ranges where `pattern` occurs as a whole word sequence or as the name behind
    Arabic proclitics."""
    text = document.text
    found = []
    for start, end in find_all(document, pattern):
        if not at_word_end(text, end) and word_at(text, end - 1) is not None:
            continue  # the match ends inside a word
        if at_word_start(text, start) or word_at(text, start) is None:
            found.append((start, end))
        elif clitics and _behind_clitics(text, start, article=None):
            found.append((start, end))
    folded = fold(pattern).strip()
    if clitics and folded.startswith("ال") and len(folded) > 2:
        # ل + ال is written لل: look for the name without its article behind it. With
        # the article kept, name_start only cuts that far when the article was contracted.
        for start, end in find_all(document, folded[2:]):
            if at_word_end(text, end) and _behind_clitics(text, start, article=False):
                found.append((start, end))
    return found


def suggest_like(
    source_text: str,
    label: str,
    documents: Iterable[Searchable],
    *,
    aliases: Iterable[str] = (),
    existing: Iterable[Any] = (),
) -> list[Suggestion]:
    """Every occurrence of `source_text` (or an alias) in `documents` not overlapping
    an `existing` span (anything with doc_id, start, end, label) with the same `label`;
    in document order, then text order; each range proposed once."""
    taken: dict[str, list[tuple[int, int]]] = {}
    for span in existing:
        if span.label == label:
            taken.setdefault(span.doc_id, []).append((span.start, span.end))
    patterns = [p for p in dict.fromkeys([source_text, *aliases]) if fold(p).strip()]
    suggestions: list[Suggestion] = []
    for document in documents:
        clitics = _takes_clitics(document)
        blocked = taken.get(document.id, [])
        seen: set[tuple[int, int]] = set()
        proposed: list[tuple[int, int, str]] = []
        for pattern in patterns:
            for start, end in _occurrences(document, pattern, clitics):
                if (start, end) in seen or any(s < end and start < e for s, e in blocked):
                    continue
                seen.add((start, end))
                proposed.append((start, end, pattern))
        proposed.sort(key=lambda p: (p[0], -p[1]))
        kept_end = -1
        for start, end, pattern in proposed:
            if start < kept_end:
                continue  # overlapping alias matches: keep the earliest, then the longest
            kept_end = end
            suggestions.append(
                Suggestion(document.id, start, end, document.text[start:end], label, pattern)
            )
    return suggestions


def entity_of(span: Any, entities: Iterable[Any]) -> Any | None:
    """The entity whose names "tag all like this" also looks for: the one `span` is
    linked to, else the only entity of the span's label with a name or alias equal to the
    span's text once folded (so a Roscosmos span not linked yet still finds روسكوزموس
    and Roskosmos through that entity's aliases). None when there is none or several."""
    from reader.annotate.entity_finder import EntityIndex

    entities = list(entities)
    if span.entity_id:
        return next((e for e in entities if e.id == span.entity_id), None)
    found = [e for e in EntityIndex(entities).exact(span.text) if e.type == span.label]
    return found[0] if len(found) == 1 else None
