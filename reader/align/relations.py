"""Relations between documents: near-duplicates, translations, reports of the same event.

- duplicate: the same text, re-wrapped or lightly edited (word 3-gram Jaccard ≥ 0.5);
- translation: different languages, the anchors (names, numbers, quotes) of the sparser
  side mostly found in the other, at about the same relative place in the text;
- same-event: related but not one text: different languages sharing ≥ 3 anchors without
  the parallel order of a translation, or one language with a tenth of their content words in common.

The thresholds are explained in docs/alignment.md. Verdicts are cached by the documents'
sha256s (see reader.align.cache), so a corpus opened again pays only for what changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations
from typing import Any, Iterable, Literal

from reader.align.cache import RelationCache
from reader.align.fingerprint import Fingerprint, fingerprint
from reader.core.document import Document

RelationKind = Literal["duplicate", "translation", "same-event"]

DUPLICATE_JACCARD = 0.5
#: Anchors two documents must share before we call them related across languages.
MIN_SHARED_ANCHORS = 3
#: Fraction of the sparser side's anchors found in the other document, for a translation.
TRANSLATION_COVERAGE = 0.5
#: Fraction of shared anchors at about the same relative place, for a translation.
TRANSLATION_ORDER = 0.7
#: "About the same place": relative positions closer than this (a tenth of the text and
#: a half, since translations expand and contract unevenly).
PLACE_TOLERANCE = 0.15
#: Content-word Jaccard (words of 4+ letters) from which two same-language documents report the same event.
SAME_EVENT_WORDS = 0.10
#: Below this many documents every pair is compared; above, candidates come from indexes.
ALL_PAIRS_MAX = 60

_memory_cache = RelationCache()


@dataclass(frozen=True)
class Relation:
    """Documents `a` and `b` (ids) are related as `kind`, with `score` in [0, 1].

    `evidence` says why, in JSON-ready form (measures and shared anchors).
    """

    a: str
    b: str
    kind: RelationKind
    score: float
    evidence: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def key(self) -> str:
        """Stable identity for stored decisions: the sorted ids and the kind."""
        first, second = sorted((self.a, self.b))
        return f"{first}|{second}|{self.kind}"

    def to_dict(self) -> dict[str, Any]:
        return {"a": self.a, "b": self.b, "kind": self.kind, "score": self.score,
                "evidence": self.evidence, "key": self.key}


def jaccard(x: frozenset[str], y: frozenset[str]) -> float:
    """|x ∩ y| / |x ∪ y| (0 for two empty sets)."""
    union = len(x | y)
    return len(x & y) / union if union else 0.0


def judge(fa: Fingerprint, fb: Fingerprint) -> dict[str, Any] | None:
    """The verdict on two fingerprints: {"kind", "score", "evidence"}, or None if unrelated."""
    shingle_sim = jaccard(fa.shingles, fb.shingles)
    if shingle_sim >= DUPLICATE_JACCARD:
        return {"kind": "duplicate", "score": round(shingle_sim, 4),
                "evidence": {"shingle_jaccard": round(shingle_sim, 4)}}
    shared = sorted(fa.anchors & fb.anchors)
    languages_differ = fa.lang != fb.lang and "und" not in (fa.lang, fb.lang)
    if languages_differ:
        if len(shared) < MIN_SHARED_ANCHORS:
            return None
        sparser = min(len(fa.anchor_places), len(fb.anchor_places))
        coverage = len(shared) / sparser
        in_place = [
            anchor for anchor in shared
            if min(abs(p - q) for p in fa.anchor_places[anchor] for q in fb.anchor_places[anchor]) < PLACE_TOLERANCE
        ]
        order = len(in_place) / len(shared)
        evidence = {"shared_anchors": shared[:20], "anchor_coverage": round(coverage, 4),
                    "anchors_in_place": round(order, 4), "shingle_jaccard": round(shingle_sim, 4)}
        if coverage >= TRANSLATION_COVERAGE and order >= TRANSLATION_ORDER:
            return {"kind": "translation", "score": round(coverage * order, 4), "evidence": evidence}
        return {"kind": "same-event", "score": round(coverage, 4), "evidence": evidence}
    word_sim = jaccard(fa.content_words, fb.content_words)
    if word_sim >= SAME_EVENT_WORDS or len(shared) >= MIN_SHARED_ANCHORS:
        return {"kind": "same-event", "score": round(word_sim, 4),
                "evidence": {"content_word_jaccard": round(word_sim, 4), "shared_anchors": shared[:20],
                             "shingle_jaccard": round(shingle_sim, 4)}}
    return None


def relate(a: Document, b: Document, *, cache: RelationCache | None = None) -> Relation | None:
    """The Relation between `a` and `b`, or None; the verdict is cached by content."""
    cache = _memory_cache if cache is None else cache
    key = RelationCache.key(a.sha256, b.sha256, a.lang, b.lang)
    found, verdict = cache.get(key)
    if not found:
        verdict = judge(fingerprint(a), fingerprint(b))
        cache.put(key, verdict)
    if verdict is None:
        return None
    return Relation(a.id, b.id, verdict["kind"], verdict["score"], verdict["evidence"])


def find_relations(
    documents: Iterable[Document], *, cache: RelationCache | None = None,
) -> list[Relation]:
    """Every relation among `documents`, strongest first within each kind.

    Small sets compare every pair; larger ones only the candidates of
    reader.align.candidates (MinHash LSH and a rare-anchor index). Saves `cache` if it
    has a file.
    """
    documents = list(documents)
    if len(documents) <= ALL_PAIRS_MAX:
        pairs: Iterable[tuple[int, int]] = combinations(range(len(documents)), 2)
    else:
        from reader.align.candidates import candidate_pairs

        pairs = sorted(candidate_pairs([fingerprint(d) for d in documents]))
    relations = []
    for i, j in pairs:
        if documents[i].sha256 == documents[j].sha256 and documents[i].id == documents[j].id:
            continue
        relation = relate(documents[i], documents[j], cache=cache)
        if relation is not None:
            relations.append(relation)
    if cache is not None:
        cache.save()
    order = {"duplicate": 0, "translation": 1, "same-event": 2}
    relations.sort(key=lambda r: (order[r.kind], -r.score, r.key))
    return relations
