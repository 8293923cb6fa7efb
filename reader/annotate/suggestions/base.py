"""What every recognizer shares: the suggestion, the recognizer interface, and patterns
matched on folded text.

A recognizer looks at one document's text and proposes spans (`Found`); it never writes
anything. `reader.annotate.suggestions.suggest_document` runs several, drops what
overlaps a span the user made or a suggestion the user rejected, keeps the longest of
overlapping proposals, and returns `Suggestion`s that carry their source and score.

Rules are matched on the document's folded text (`reader.core.search.NormalizedText`:
harakat, hamza forms, ة/ه, ی/ي, case and every script's digits folded away) and the
matches mapped back to original offsets, so "العامَ الماضي" and "۲۰۲۱" need no pattern
of their own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Protocol

from reader.core.search import NormalizedText, fold, normalized
from reader.core.textunits import MARK_CLASS


@dataclass(frozen=True, slots=True)
class Found:
    """A recognizer's proposal in one text: `[start, end)` in original offsets."""

    start: int
    end: int
    label: str
    score: float
    entity_id: str | None = None


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A proposed span of a document: `text == document.text[start:end]`, with where it
    came from (`source`: "date", "quantity", "entity", "model:NAME") and how sure that
    source is (`score`, 0 to 1)."""

    doc_id: str
    start: int
    end: int
    text: str
    label: str
    source: str
    score: float
    entity_id: str | None = None

    @property
    def key(self) -> tuple[str, int, int, str]:
        """What identifies a suggestion across runs (a rejection is remembered by it)."""
        return (self.doc_id, self.start, self.end, self.label)

    def to_json(self) -> dict[str, object]:
        """The object `reader suggest --json` prints."""
        return {
            "doc": self.doc_id, "start": self.start, "end": self.end, "text": self.text,
            "label": self.label, "source": self.source, "score": round(self.score, 3),
        }


class Recognizer(Protocol):
    """Finds spans of some labels in a text. `source` names it in every suggestion."""

    source: str
    labels: frozenset[str]

    def find(self, text: str, lang: str) -> Iterable[Found]:
        """Proposals in `text` (a document's canonical text, language `lang`)."""
        ...


def alternation(entries: Iterable[str]) -> str:
    """A regex alternation of `entries` as they read once folded: longest first (so
    "كانون الثاني" wins over a shorter name it starts with), any run of spaces between
    words."""
    folded = {" ".join(fold(entry).split()) for entry in entries}
    folded.discard("")
    ordered = sorted(folded, key=lambda e: (-len(e), e))
    return "(?:" + "|".join(" +".join(re.escape(w) for w in e.split(" ")) for e in ordered) + ")"


#: Proclitics before a word: Arabic و ف then ب ل ك; Hebrew ו ב ל מ ה כ ש (and a maqaf or
#: hyphen after them before digits, "ב-2021"). They are matched but left out of the span.
CLITICS = r"(?:[\u0648\u0641]?[\u0628\u0644\u0643]?|[\u05d5\u05d1\u05dc\u05de\u05d4\u05db\u05e9]{1,2}[-\u05be]?)"


def compile_rule(body: str) -> re.Pattern[str]:
    """A pattern that finds `body` (with a group `x`, the span) as whole words of folded
    text, behind optional proclitics."""
    return re.compile(rf"(?<!\w){CLITICS}(?P<x>{body})(?!\w)")


def spans_of(norm: NormalizedText, pattern: re.Pattern[str]) -> Iterator[tuple[re.Match[str], int, int]]:
    """Each match of `pattern` in the folded text with its group `x` in original
    offsets; a match whose edge falls inside one character's folded expansion is skipped.
    Word edges were checked on the folded text, which keeps every letter and digit in
    place; what folding dropped after the last letter (its marks, a tatweel: "هـ") is
    part of the span, so that it never ends inside a word."""
    text = norm.original
    for match in pattern.finditer(norm.folded):
        mapped = norm.to_original(*match.span("x"))
        if mapped is not None:
            end = _TRAILING.match(text, mapped[1]).end()
            yield match, mapped[0], end


#: What folding drops that may follow a word's last letter: marks and tatweel.
_TRAILING = re.compile(f"[{MARK_CLASS}\u0640]*")


def folded(text: str) -> NormalizedText:
    """The folded text with its way back (cached per text by `reader.core.search`)."""
    return normalized(text)
