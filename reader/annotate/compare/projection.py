"""Projection of entity spans across an aligned translation (`reader project A B`).

For each entity span of A, the corresponding text in B's aligned paragraphs: the same
number, the same Latin name, a Latin name whose sound matches the span's words in another
script (روسكوزموس → Roscosmos), a name or alias of the entity the span is linked to, or
the name the comparison pairs with it as misspelled (Rogozin → Romitin). Each proposal
keeps the span's label and entity and says why. Nothing is written here: `apply` adds
accepted proposals to a store as one undoable change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Iterable, Sequence

from rapidfuzz.distance import Levenshtein

from reader.align.anchors import latin_word_spans
from reader.align.paragraphs import Alignment, align_paragraphs
from reader.annotate.compare.discrepancies import compare_documents
from reader.annotate.compare.gazetteer import Gazetteer, shipped
from reader.annotate.compare.lexicon import lexicon, tokenize
from reader.annotate.compare.names import OTHER_SCRIPT_WORD, skeleton
from reader.annotate.compare.numbers import number_mentions
from reader.core.clitics import name_start
from reader.core.document import Document
from reader.core.search import NormalizedText, fold
from reader.store.model import Entity, Span

if TYPE_CHECKING:
    from reader.store.database import AnnotationStore

#: A run of B's Latin words must sound this much like the span (stricter than compare's
#: SOUND_MATCH: a proposal adds a span, where a comparison only holds back a report).
PROJECT_SOUND_MATCH = 0.8
_POSSESSIVE = re.compile(r"['’]s$")


@dataclass(frozen=True, slots=True)
class Proposal:
    source: str          # the span of A it comes from
    doc_id: str          # B
    start: int
    end: int
    text: str
    label: str
    entity_id: str | None
    why: str

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "start": self.start, "end": self.end, "text": self.text,
                "label": self.label, "entity_id": self.entity_id, "why": self.why}


def propose(
    a: Document, b: Document, spans: Sequence[Span], entities: Iterable[Entity] = (), *,
    existing: Sequence[Span] = (), alignment: Alignment | None = None, gazetteer: Gazetteer | None = None,
) -> list[Proposal]:
    """Proposals in B for the entity `spans` of A (see the module docstring), in B's text
    order; none where B already has a span of that label at those offsets."""
    alignment = alignment or align_paragraphs(a, b)
    by_id = {e.id: e for e in entities}
    gazetteer = (gazetteer or shipped()).with_entities(by_id.values())
    misspelled = _misspelled(a, b, alignment, gazetteer)
    taken = {(s.start, s.end, s.label) for s in existing}
    seen: set[tuple[int, int]] = set()
    proposals: list[Proposal] = []
    for span in spans:
        if span.kind != "entity" or span.doc_id != a.id:
            continue
        paragraph = a.paragraph_at(span.start)
        if paragraph is None:
            continue
        for j in alignment.partner("a", paragraph.index):
            target = b.paragraphs[j]
            for start, end, why in _counterparts(span, target.text, target.start, b.lang, by_id.get(span.entity_id or ""), misspelled):
                if (start, end) in seen or (start, end, span.label) in taken:
                    continue
                seen.add((start, end))
                proposals.append(Proposal(span.id, b.id, start, end, b.text[start:end], span.label, span.entity_id, why))
    # One proposal per stretch of B: a word inside a longer proposal (China inside China
    # Space Administration) goes.
    proposals = [p for p in proposals if not any(q is not p and q.start <= p.start and p.end <= q.end
                                                  and (q.end - q.start) > (p.end - p.start) for q in proposals)]
    proposals.sort(key=lambda p: (p.start, p.end))
    return proposals


def _misspelled(a: Document, b: Document, alignment: Alignment, gazetteer: Gazetteer) -> list[tuple[int, int, int, int]]:
    """(A start, A end, B start, B end) of the names the comparison pairs as misspelled."""
    found = []
    for d in compare_documents(a, b, alignment=alignment, gazetteer=gazetteer).discrepancies:
        if d.kind == "name" and d.a is not None and d.b is not None:
            found.append((d.a.start, d.a.end, d.b.start, d.b.end))
    return found


def _counterparts(span: Span, text: str, offset: int, lang: str, entity: Entity | None,
                  misspelled: list[tuple[int, int, int, int]]) -> list[tuple[int, int, str]]:
    found: list[tuple[int, int, str]] = []
    # The same number.
    span_numbers = number_mentions(tokenize(span.text), lexicon(lang))
    if span_numbers:
        values = frozenset().union(*(m.values for m in span_numbers))
        for m in number_mentions(tokenize(text, offset), lexicon(lang)):
            if m.values & values:
                found.append((m.start, m.end, "same number"))
    latin_b = [(offset + s, offset + s + len(w), w) for s, e in latin_word_spans(text)
               for w in [_POSSESSIVE.sub("", text[s:e])]]
    # The same Latin name (ILRS, Roscosmos written in Latin on both sides).
    span_latin = [span.text[s:e] for s, e in latin_word_spans(span.text)]
    if span_latin:
        found += [(s, e, "same Latin name") for s, e in _runs(latin_b, lambda w: fold(w) in {fold(x) for x in span_latin})]
    letters = sum(1 for ch in text if ch.isalpha())
    if sum(len(w) for _, _, w in latin_b) * 2 > letters:
        # In Latin-script text a name is capitalised: "said", "in" never join one.
        latin_b = [item for item in latin_b if item[2][:1].isupper()]
    # Latin words of B that sound like the whole span said in another script.
    words = [m.group() for m in OTHER_SCRIPT_WORD.finditer(span.text)]
    if words:
        sound = skeleton("".join(w[name_start(w):] for w in words))
        if len(sound) >= 2:
            found += [(s, e, "transliteration") for s, e in _sounding(latin_b, sound, len(words) + 1)]
    # A name or alias of the linked entity.
    if entity is not None:
        # Folded as search folds (harakat, alef forms, case); offsets mapped back.
        norm = NormalizedText.build(text)
        for form in {entity.name, *entity.aliases}:
            key = " ".join(fold(form).split())
            if len(key) < 2:
                continue
            for hit in re.finditer(rf"(?<!\w){re.escape(key)}(?!\w)", norm.folded):
                where = norm.to_original(hit.start(), hit.end())
                if where is not None:
                    found.append((offset + where[0], offset + where[1], "alias of the linked entity"))
    # The name the comparison pairs with it (spelled differently).
    for a0, a1, b0, b1 in misspelled:
        if a0 < span.end and span.start < a1 and offset <= b0 < offset + len(text):
            found.append((b0, b1, "spelled differently (reader compare)"))
    return found


def _sounding(words: list[tuple[int, int, str]], sound: str, most: int) -> list[tuple[int, int]]:
    """Runs of up to `most` adjacent words whose joined skeleton sounds like `sound`."""
    found = []
    for k in range(len(words)):
        best, best_score = None, 0.0
        for n in range(1, most + 1):
            run = words[k : k + n]
            if len(run) < n or any(b[0] - a[1] > 1 for a, b in zip(run, run[1:])):
                break
            k_sound = skeleton("".join(w for _, _, w in run))
            score = 1.0 if k_sound == sound else Levenshtein.normalized_similarity(k_sound, sound) if len(sound) >= 3 else 0.0
            if score >= PROJECT_SOUND_MATCH and score > best_score:  # ties: the shorter run
                best, best_score = (run[0][0], run[-1][1]), score
        if best is not None:
            found.append(best)
    return found


def _runs(words: list[tuple[int, int, str]], keep: Callable[[str], bool]) -> list[tuple[int, int]]:
    """Adjacent kept words (separated by one space) as (start, end) runs: Zhang Kejian."""
    runs: list[list[int]] = []
    last_end = None
    for start, end, word in words:
        if keep(word):
            if runs and last_end is not None and start - last_end <= 1:
                runs[-1][1] = end
            else:
                runs.append([start, end])
            last_end = end
        else:
            last_end = None
    return [(s, e) for s, e in runs]


def apply(store: AnnotationStore, b: Document, proposals: Sequence[Proposal], *, description: str | None = None) -> list[Span]:
    """Add `proposals` to `store` (an AnnotationStore) as spans of `b`, one undoable change."""
    store.ensure_document(b)
    added = []
    with store.change(description or f"project {len(proposals)} spans into {b.id}"):
        for p in proposals:
            added.append(store.add_span(Span(doc_id=b.id, start=p.start, end=p.end, kind="entity",
                                             label=p.label, text=p.text, entity_id=p.entity_id)))
    return added


def counterparts_of(a: Document, b: Document, alignment: Alignment, start: int, end: int,
                    entity: Entity | None = None) -> list[tuple[int, int]]:
    """Where B says what A says at [start, end) (a word or a span under the cursor): the
    same rules as the proposals, in B's paragraphs aligned with the one holding it."""
    paragraph = a.paragraph_at(start)
    if paragraph is None or start >= end:
        return []
    probe = Span(doc_id=a.id, start=start, end=end, kind="entity", label="-", text=a.text[start:end],
                 entity_id=entity.id if entity else None)
    found: list[tuple[int, int]] = []
    for j in alignment.partner("a", paragraph.index):
        target = b.paragraphs[j]
        for s, e, _ in _counterparts(probe, target.text, target.start, b.lang, entity, []):
            if (s, e) not in found:
                found.append((s, e))
    return found
