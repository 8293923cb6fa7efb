"""Search that ignores what readers ignore: harakat and niqqud, tatweel, the alef/hamza
variants, ى/ي, ة/ه, Persian ی/ک, Latin case and accents. Offsets are always in the
ORIGINAL text.

How text is folded (`fold`), one character at a time so that every folded character
comes from exactly one original character:
- NFD, then combining marks are dropped (harakat, niqqud, accents; أ إ آ ؤ ئ become
  ا ا ا و ي because NFD splits off their hamza or madda), then `str.casefold`
  (ß → ss, İ → i̇ → i);
- ٱ → ا, ى ی → ي, ک → ك, ة ۃ → ه, ہ ۀ → ه;
- tatweel and format characters (ZWNJ, ZWJ, LRM/RLM and other bidi controls, soft
  hyphen) vanish, so می‌خواهم and میخواهم match;
- decimal digits of any script become ASCII (٢٠٢١ and ۲۰۲۱ match 2021);
- whitespace other than a newline becomes a space.
A query is folded the same way; a run of spaces in it matches any run of spaces in the
text, never a newline: matches stay inside a paragraph.

`NormalizedText` holds the folded text and, for each folded character, the index of
the original character it came from. A match is mapped back to `[first original
char, last original char + 1)`, then widened over marks that follow it (a final
letter's shadda and fatha belong to the match). A match that would start or end
inside the expansion of one original character (the "s" of "ß") is skipped: its
original slice would not fold to the query.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from reader.core.textunits import MARK_CLASS

if TYPE_CHECKING:
    import numpy as np

__all__ = [
    "fold",
    "NormalizedText",
    "normalized",
    "compile_query",
    "find_all",
    "find_next",
    "search_corpus",
    "Searchable",
]

# Letters folded onto one representative after NFD and mark stripping.
_LETTER_FOLDS = {
    "\u0671": "\u0627",  # ٱ alef wasla → ا
    "\u0649": "\u064a",  # ى alef maqsura → ي
    "\u06cc": "\u064a",  # ی Farsi yeh → ي
    "\u06a9": "\u0643",  # ک keheh → ك
    "\u0629": "\u0647",  # ة teh marbuta → ه
    "\u06c3": "\u0647",  # ۃ teh marbuta goal → ه
    "\u06c1": "\u0647",  # ہ heh goal → ه
    "\u06d5": "\u0647",  # ە (the base of ۀ after NFD) → ه
}
_TATWEEL = "\u0640"


def _fold_char(char: str) -> str:
    """The folded form of one character (possibly empty or several characters)."""
    if char == "\n":
        return char
    if char == _TATWEEL or unicodedata.category(char) == "Cf":
        return ""
    if char.isspace():
        return " "
    out = []
    for part in unicodedata.normalize("NFD", char):
        if unicodedata.category(part)[0] == "M":
            continue
        for c in unicodedata.normalize("NFD", part.casefold()):
            if unicodedata.category(c)[0] == "M":
                continue
            c = _LETTER_FOLDS.get(c, c)
            digit = unicodedata.decimal(c, None)
            out.append(str(digit) if digit is not None else c)
    return "".join(out)


class _FoldTable(dict[int, str]):
    """A `str.translate` table filled on first sight of each code point."""

    def __missing__(self, code: int) -> str:
        folded = _fold_char(chr(code))
        self[code] = folded
        return folded


_TABLE = _FoldTable()


def fold(text: str) -> str:
    """`text` folded for matching (see the module docstring)."""
    return text.translate(_TABLE)


class _FoldArrays:
    """The fold table as numpy lookup arrays indexed by code point, for whole documents:
    `lengths[c]` folded characters, `chars[j][c]` the j-th of them. Filled from `_TABLE`
    for the code points met so far."""

    def __init__(self) -> None:
        import numpy as np

        self.known = np.zeros(0x110000, dtype=bool)
        self.lengths = np.ones(0x110000, dtype=np.uint8)
        self.chars = [np.arange(0x110000, dtype=np.uint32)]

    def learn(self, codes: "np.ndarray") -> None:
        """Add the folds of every code point in `codes` not met before."""
        import numpy as np

        unseen = codes[~self.known[codes]]
        for code in np.unique(unseen).tolist():
            folded = _TABLE[code]
            self.lengths[code] = len(folded)
            while len(self.chars) < len(folded):
                self.chars.append(np.zeros(0x110000, dtype=np.uint32))
            for j, char in enumerate(folded):
                self.chars[j][code] = ord(char)
            self.known[code] = True


_ARRAYS: _FoldArrays | None = None


@dataclass(frozen=True, eq=False)
class NormalizedText:
    """A document's text folded for search, with the way back to original offsets.

    `origin[i]` is the original index of folded character `i` (None when folding kept
    every length, so that folded and original offsets coincide).
    """

    original: str
    folded: str
    origin: Any  # numpy int32 array or None

    @classmethod
    def build(cls, text: str) -> "NormalizedText":
        """Fold `text` (the same result as `fold(text)`, computed on arrays for speed)
        and record where each folded character came from."""
        import numpy as np

        global _ARRAYS
        if _ARRAYS is None:
            _ARRAYS = _FoldArrays()
        arrays = _ARRAYS
        codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
        arrays.learn(codes)
        lengths = arrays.lengths[codes]
        first = arrays.chars[0][codes]
        odd = np.flatnonzero(lengths != 1)
        if odd.size == 0:
            return cls(text, first.tobytes().decode("utf-32-le"), None)
        if not bool((lengths[odd] > 1).any()):
            # Only deletions (marks, tatweel, ZWNJ): the common case, done sparsely.
            folded = np.delete(first, odd)
            origin = np.delete(np.arange(codes.size, dtype=np.int32), odd)
            return cls(text, folded.tobytes().decode("utf-32-le"), origin)
        ends = np.cumsum(lengths, dtype=np.int64)
        starts = ends - lengths
        out = np.empty(int(ends[-1]), dtype=np.uint32)
        for j, chars in enumerate(arrays.chars):
            has = lengths > j
            out[starts[has] + j] = chars[codes[has]]
        # origin: each original character's index at its first folded position, carried
        # forward over the rest of its expansion by a running sum of the differences.
        kept = np.flatnonzero(lengths)
        steps = np.zeros(out.size, dtype=np.int32)
        steps[starts[kept[:1]]] = kept[:1]
        steps[starts[kept[1:]]] = kept[1:] - kept[:-1]
        origin = np.cumsum(steps, dtype=np.int32)
        return cls(text, out.tobytes().decode("utf-32-le"), origin)

    def to_original(self, start: int, end: int) -> tuple[int, int] | None:
        """The original range of the folded range `[start, end)` (end widened over the
        marks that follow), or None if an edge falls inside one character's expansion."""
        if end <= start:
            return None
        origin = self.origin
        if origin is None:
            first, last = start, end - 1
        else:
            first, last = int(origin[start]), int(origin[end - 1])
            if start > 0 and int(origin[start - 1]) == first:
                return None
            if end < len(origin) and int(origin[end]) == last:
                return None
        m = _TRAILING_MARKS.match(self.original, last + 1)
        return first, m.end() if m else last + 1

    def to_folded(self, offset: int) -> int:
        """The first folded index whose original index is at or after `offset`."""
        if self.origin is None:
            return max(0, min(offset, len(self.folded)))
        import numpy as np

        return int(np.searchsorted(self.origin, offset, side="left"))


_TRAILING_MARKS = re.compile(f"[{MARK_CLASS}]*")


class Searchable(Protocol):
    """A document as the search reads it (read-only: frozen views qualify too)."""

    @property
    def id(self) -> str: ...

    @property
    def text(self) -> str: ...

    @property
    def sha256(self) -> str: ...


_CACHE: "OrderedDict[str, NormalizedText]" = OrderedDict()
_CACHE_BUDGET = 64_000_000  # characters of original text kept folded


def normalized(document: "str | Searchable") -> NormalizedText:
    """The `NormalizedText` of a Document (or a plain text), built once per content
    hash and kept in a small LRU cache bounded by total text size."""
    if isinstance(document, str):
        text = document
        key = hashlib.sha256(text.encode("utf-8")).hexdigest()
    else:
        text, key = document.text, document.sha256
    found = _CACHE.get(key)
    if found is not None:
        _CACHE.move_to_end(key)
        return found
    built = NormalizedText.build(text)
    _CACHE[key] = built
    total = sum(len(n.original) for n in _CACHE.values())
    while total > _CACHE_BUDGET and len(_CACHE) > 1:
        _, dropped = _CACHE.popitem(last=False)
        total -= len(dropped.original)
    return built


def compile_query(query: str) -> re.Pattern[str] | None:
    """The pattern that finds `query` in folded text, or None if it folds to nothing."""
    parts = fold(query).split()
    if not parts:
        return None
    return re.compile(" +".join(re.escape(p) for p in parts))


def _matches(
    norm: NormalizedText, pattern: re.Pattern[str], pos: int = 0, endpos: int | None = None
) -> Iterable[tuple[int, int, int]]:
    """`(folded start, original start, original end)` of each non-overlapping match from
    `pos`; after a match that cuts a character's expansion, the search resumes one
    folded character later instead of after it."""
    endpos = len(norm.folded) if endpos is None else endpos
    while True:
        m = pattern.search(norm.folded, pos, endpos)
        if m is None:
            return
        span = norm.to_original(*m.span())
        if span is None:
            pos = m.start() + 1
            continue
        yield m.start(), span[0], span[1]
        pos = m.end()


def find_all(document: "str | Searchable", query: str) -> list[tuple[int, int]]:
    """Every non-overlapping match of `query` as `(start, end)` in original offsets."""
    pattern = compile_query(query)
    if pattern is None:
        return []
    return [(start, end) for _, start, end in _matches(normalized(document), pattern)]


def find_next(
    document: "str | Searchable", query: str, offset: int, backward: bool = False, wrap: bool = False
) -> tuple[int, int] | None:
    """The first match starting after `offset` (or, backward, the last one starting
    before it); with `wrap`, continue from the other end. None if there is none."""
    pattern = compile_query(query)
    if pattern is None:
        return None
    norm = normalized(document)
    if not backward:
        for _, start, end in _matches(norm, pattern, norm.to_folded(offset + 1)):
            return start, end
        return find_next(document, query, -1) if wrap and offset >= 0 else None
    limit = norm.to_folded(offset)
    # A match starting before `limit` ends at most this far after it (spaces aside).
    reach = len(pattern.pattern) + 1024
    window = 4096
    while True:
        lo = max(0, limit - window)
        last = None
        # Matches must start before `limit` but may end after it.
        for folded_start, start, end in _matches(norm, pattern, lo, min(len(norm.folded), limit + reach)):
            if folded_start >= limit:
                break
            last = (start, end)
        if last is not None:
            return last
        if lo == 0:
            break
        window *= 8
    if wrap and offset <= len(norm.original):
        return find_next(document, query, len(norm.original) + 1, backward=True)
    return None


def search_corpus(documents: Iterable[Searchable], query: str) -> list[tuple[str, int, int]]:
    """Every match of `query` in each document, as `(doc_id, start, end)` in document
    order then text order."""
    hits: list[tuple[str, int, int]] = []
    for document in documents:
        hits.extend((document.id, start, end) for start, end in find_all(document, query))
    return hits
