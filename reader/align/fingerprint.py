"""What relation finding needs to know of one document, computed once per text.

A Fingerprint depends only on the document's canonical text and language, so it is cached
by sha256: the same article loaded under another id or path is not read twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from reader.align.anchors import anchor_positions, words
from reader.core.document import Document

#: Word n-grams ("shingles") of this length make near-duplicate sets: re-wrapping keeps
#: them all, rewriting a sentence changes most of them.
SHINGLE_WORDS = 3
#: Words shorter than this are mostly function words, shared by unrelated articles.
CONTENT_WORD_MIN = 4


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """Sets and positions that relation scoring compares.

    `anchor_places` maps each anchor to its relative positions (offset / text length,
    0 to 1) in the document; single-digit numbers are left out (too common to tell).
    """

    sha256: str
    lang: str
    length: int
    shingles: frozenset[str]
    content_words: frozenset[str]
    anchor_places: dict[str, tuple[float, ...]]

    @property
    def anchors(self) -> frozenset[str]:
        return frozenset(self.anchor_places)


def fingerprint(document: Document) -> Fingerprint:
    """The Fingerprint of `document` (cached by content hash and language)."""
    return _fingerprint(document.sha256, document.lang, document.text)


@lru_cache(maxsize=65536)
def _fingerprint(sha256: str, lang: str, text: str) -> Fingerprint:
    tokens = words(text)
    shingles = frozenset(
        " ".join(tokens[i:i + SHINGLE_WORDS]) for i in range(max(len(tokens) - SHINGLE_WORDS + 1, 1))
    )
    content = frozenset(t for t in tokens if len(t) >= CONTENT_WORD_MIN and not t.startswith("#"))
    size = max(len(text), 1)
    places: dict[str, list[float]] = {}
    for anchor, offset in anchor_positions(text):
        if anchor.startswith("#") and len(anchor) < 3:
            continue
        places.setdefault(anchor, []).append(offset / size)
    return Fingerprint(
        sha256, lang, len(text), shingles, content,
        {anchor: tuple(spots) for anchor, spots in places.items()},
    )
