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

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Protocol

from reader.core.search import NormalizedText, fold, normalized
from reader.core.textunits import MARK_CLASS


#: Where a span made from a suggestion keeps its origin (in `Span.attrs`).
SOURCE_ATTR, SCORE_ATTR = "suggested_by", "score"


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

    def to_span(self, *, label: str | None = None, annotator: str = "") -> Any:
        """The entity span an accepted suggestion becomes (with `label` if the user changed
        it), linked to its entity when it came from one, its origin kept in its attrs."""
        from reader.store.model import Span

        return Span(
            doc_id=self.doc_id, start=self.start, end=self.end, kind="entity", label=label or self.label,
            text=self.text, annotator=annotator, entity_id=self.entity_id if label in (None, self.label) else None,
            attrs={SOURCE_ATTR: self.source, SCORE_ATTR: round(self.score, 3)},
        )

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
    """A regex that matches any of `entries` as they read once folded, any run of spaces
    between their words, longest first (so "كانون الثاني" wins over a shorter name it
    starts with).

    The alternatives are merged into a trie ("ab(?:c|d)" rather than "abc|abd"): the
    rules are tried at every position of a document, and Python's `re` would otherwise
    try each of a few hundred words in turn before moving on."""
    trie: dict[str, Any] = {}
    for entry in entries:
        words = fold(entry).split()
        if not words:
            continue
        node = trie
        for char in " ".join(words):
            node = node.setdefault(char, {})
        node[""] = {}
    return "(?:" + _trie_pattern(trie) + ")"


def _trie_pattern(node: dict[str, Any]) -> str:
    """The regex of a trie node: a character class where every branch is one character
    long, an alternation (longest first) otherwise; "" marks the end of an entry."""
    branches = []
    ends = "" in node
    for char in sorted(c for c in node if c):
        head = " +" if char == " " else re.escape(char)
        branches.append(head + _trie_pattern(node[char]))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    # Greedy "?" tries the longer entry first, the shorter one when it cannot continue.
    return f"(?:{body})?" if ends else body


#: Proclitics before a word: Arabic و ف then ب ل ك; Hebrew ו ב ל מ ה כ ש (and a maqaf or
#: hyphen after them before digits, "ב-2021"). They are matched but left out of the span.
CLITICS = r"(?:[\u0648\u0641]?[\u0628\u0644\u0643]?|[\u05d5\u05d1\u05dc\u05de\u05d4\u05db\u05e9]{1,2}[-\u05be]?)"


def compile_rule(body: str) -> re.Pattern[str]:
    """A pattern that finds `body` (with a group `x`, the span) as whole words of folded
    text, behind optional proclitics."""
    return re.compile(rf"(?<!\w){CLITICS}(?P<x>{body})(?!\w)")


def spans_of(
    norm: NormalizedText, pattern: re.Pattern[str], pos: int = 0, endpos: int | None = None,
) -> Iterator[tuple[re.Match[str], int, int]]:
    """Each match of `pattern` in the folded text with its group `x` in original
    offsets; a match whose edge falls inside one character's folded expansion is skipped.
    Word edges were checked on the folded text, which keeps every letter and digit in
    place; what folding dropped after the last letter (its marks, a tatweel: "هـ") is
    part of the span, so that it never ends inside a word."""
    text = norm.original
    for match in pattern.finditer(norm.folded, pos, len(norm.folded) if endpos is None else endpos):
        mapped = norm.to_original(*match.span("x"))
        if mapped is not None:
            trailing = _TRAILING.match(text, mapped[1])
            assert trailing is not None  # (a starred pattern matches everywhere)
            end = trailing.end()
            yield match, mapped[0], end


#: What folding drops that may follow a word's last letter: marks and tatweel.
_TRAILING = re.compile(f"[{MARK_CLASS}\u0640]*")


#: Punctuation that whitespace splitting leaves on a word ("ديسمبر،", "(2021)").
_PUNCTUATION = "\"'()[]{}<>«»“”‘’.,;:!?،؛؟…-–—/\u05be\u05f3\u05f4"
def word_forms(token: str) -> set[str]:
    """`token` (a whitespace-separated piece of folded text) as the word a lexicon could
    list: punctuation around it dropped, and without one or two proclitics (والعام,
    ובשנה), the contracted article restored (للعام → العام)."""
    word = token.strip(_PUNCTUATION)
    forms = {word, word[1:], word[2:]}
    if word.startswith("لل"):
        forms.add("ال" + word[2:])
    forms.discard("")
    return forms


def anchored_regions(
    text: str, anchors: frozenset[str], *, words: tuple[int, int], digits: tuple[int, int] | None,
) -> list[tuple[int, int]]:
    """The parts of folded `text` where a rule can match: around each word whose form is
    in `anchors` (`words` = how far a match may reach before and after such a word) and
    each run of digits (`digits`, likewise; None: digits anchor nothing), merged where
    they overlap.

    Every rule's match holds such a word or a number, so running the rules only there
    finds the same matches (tests/test_suggestions_rules.py checks it against whole-text
    runs) and spares trying a few hundred alternatives at every position of a document
    in which dates and amounts are a few dozen words. `str.split`, set lookups on the
    distinct words, and `str.find` and a digit-led regex do the scanning at C speed."""
    spans: list[tuple[int, int]] = []
    before, after = words
    for token in set(text.split()):
        if not word_forms(token) & anchors:
            continue
        at = text.find(token)
        while at != -1:
            spans.append((max(0, at - before), at + len(token) + after))
            at = text.find(token, at + len(token))
    if digits is not None:
        before, after = digits
        spans.extend((max(0, m.start() - before), m.end() + after) for m in _DIGITS.finditer(text))
    spans.sort()
    regions: list[tuple[int, int]] = []
    for lo, hi in spans:
        if regions and lo <= regions[-1][1]:
            if hi > regions[-1][1]:
                regions[-1] = (regions[-1][0], hi)
        else:
            regions.append((lo, hi))
    return [(lo, min(hi, len(text))) for lo, hi in regions]


_DIGITS = re.compile(r"\d+")


def spans_in(norm: NormalizedText, pattern: re.Pattern[str], regions: list[tuple[int, int]]) -> Iterator[tuple[re.Match[str], int, int]]:
    """`spans_of` over the `regions` of the folded text only (see `anchored_regions`)."""
    for lo, hi in regions:
        yield from spans_of(norm, pattern, lo, hi)


def folded(text: str) -> NormalizedText:
    """The folded text with its way back (built once per text by `reader.core.search`)."""
    return normalized(_Keyed(text, text_key(text)))


@dataclass(frozen=True, slots=True)
class _Keyed:
    """A text with its content hash: what `reader.core.search.normalized` caches by."""

    text: str
    sha256: str
    id: str = ""


_LAST_KEY: tuple[str, str] | None = None


def text_key(text: str) -> str:
    """The sha256 of `text`, remembered for the last text asked about: every recognizer
    of one document asks for the same string (hashing 10 MB takes ~50 ms a time)."""
    global _LAST_KEY
    if _LAST_KEY is not None and _LAST_KEY[0] is text:
        return _LAST_KEY[1]
    key = hashlib.sha256(text.encode("utf-8")).hexdigest()
    _LAST_KEY = (text, key)
    return key
