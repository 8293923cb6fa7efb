"""Words, sentences and paragraphs of a document's canonical text, for cursor motions,
text objects and selections. Offsets are code points; ranges are `[start, end)`.

What a word is (the same in every script):
- a run of letters, combining marks and digits of any script (marks stay with their
  base: harakat, Hebrew niqqud, Latin accents typed as combining marks). The Arabic
  tatweel (U+0640) is a letter to Unicode, so it stays inside the word it stretches;
- ZWNJ/ZWJ between two such runs keep them one word (Persian می‌خواهم);
- in Hebrew, geresh/gershayim (U+05F3/U+05F4, or ASCII ' and " typed for them) between
  two Hebrew letters are inside the word (צה״ל, ארה"ב, ג'ורג);
- an apostrophe between Latin letters SPLITS the word: "dell'Agenzia" is "dell" and
  "Agenzia", "China's" is "China" and "s". Selections snap to words for entity
  annotation, and an elided article or a possessive must stay outside a name; a
  selection over "O'Brien" still snaps to the whole name because both ends expand.
- the underscore and all punctuation are not word characters.

A paragraph is a line (as in `reader.core.document.split_paragraphs`); a sentence
never crosses one. Sentence ends are runs of . ! ? ؟ ۔ … (and ‼ ⁇ ⁈ ⁉ 。), optionally
followed by closing quotes or brackets, then whitespace or the end of the line. A
full stop is not an end after a one-letter word ("U.S.", "J. Smith"), after a common
Latin abbreviation ("Dr.", "ecc." is an end though: Italian puts it last), or when the
next word starts with a lower-case letter. An ellipsis follows the lower-case rule.

Every function looks at a bounded window around the offset, growing it only when a
word or sentence runs past the window's edge, so questions about one place in a 10 MB
text cost about as much as in a short one.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "word_at",
    "words_between",
    "next_word_start",
    "prev_word_start",
    "word_end",
    "at_word_start",
    "at_word_end",
    "snap_to_words",
    "sentence_at",
    "next_sentence_start",
    "prev_sentence_start",
    "paragraph_bounds",
    "next_paragraph_start",
    "prev_paragraph_start",
    "is_mark",
    "MARK_CLASS",
]


def _class_of_marks() -> str:
    """A regex character class body listing every combining mark (Mn, Mc, Me) as ranges.

    Marks live in the BMP, the SMP and the variation selectors supplement; scanning
    those planes takes about 10 ms once per process.
    """
    ranges: list[tuple[int, int]] = []
    for block in (range(0x0300, 0x20000), range(0xE0100, 0xE01F0)):
        for cp in block:
            if unicodedata.category(chr(cp))[0] == "M":
                if ranges and ranges[-1][1] == cp - 1:
                    ranges[-1] = (ranges[-1][0], cp)
                else:
                    ranges.append((cp, cp))
    return "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges
    )


MARK_CLASS = _class_of_marks()
_MARK = re.compile(f"[{MARK_CLASS}]")
_MARK_RUN = re.compile(f"[{MARK_CLASS}]*")

# Letters and digits of every script ([^\W_] is \w without the underscore) plus marks.
_WORD_CHAR = rf"(?:[^\W_]|[{MARK_CLASS}])"
_HEBREW_LETTER = "\u05d0-\u05ea"
_HEBREW_MARKS = "\u0591-\u05c7"
_JOINER = (
    r"(?:[\u200c\u200d]+"
    rf"|(?<=[{_HEBREW_LETTER}{_HEBREW_MARKS}])[\u05f3\u05f4'\"](?=[{_HEBREW_LETTER}]))"
)
_WORD = re.compile(rf"{_WORD_CHAR}+(?:{_JOINER}{_WORD_CHAR}+)*")
# A maximal run of characters that may belong to a word; runs are separated by
# characters that can never be inside one, so a run's edges are true boundaries.
_RUN = re.compile(rf"(?:{_WORD_CHAR}|[\u200c\u200d\u05f3\u05f4'\"])+")
_ONE_WORD_CHAR = re.compile(_WORD_CHAR)
_RUN_CHAR = re.compile(rf"(?:{_WORD_CHAR}|[\u200c\u200d\u05f3\u05f4'\"])")

_WINDOW = 256


def is_mark(char: str) -> bool:
    """True for a combining mark (harakat, niqqud, combining accents)."""
    return _MARK.match(char) is not None


def _run_start(text: str, offset: int) -> int:
    """The start of the word-ish run that contains `text[offset - 1]`, or `offset`."""
    start = offset
    window = 32  # most words are shorter: probe a little, then a lot
    while start > 0 and _RUN_CHAR.match(text, start - 1):
        lo = max(0, start - window)
        last = None
        for last in _RUN.finditer(text, lo, start):
            pass
        if last is None or last.end() != start:
            return start
        start = last.start()
        if start > lo:
            return start
        window *= 4
    return start


def at_word_start(text: str, offset: int) -> bool:
    """Whether a word starts at `offset`."""
    if not 0 <= offset < len(text) or not _RUN_CHAR.match(text, offset):
        return False
    if offset == 0 or not _RUN_CHAR.match(text, offset - 1):
        return _WORD.match(text, offset) is not None
    found = word_at(text, offset)
    return found is not None and found[0] == offset


def at_word_end(text: str, offset: int) -> bool:
    """Whether a word ends just before `offset`."""
    if not 0 < offset <= len(text) or not _RUN_CHAR.match(text, offset - 1):
        return False
    if offset == len(text) or not _RUN_CHAR.match(text, offset):
        return _ONE_WORD_CHAR.match(text, offset - 1) is not None
    found = word_at(text, offset - 1)
    if found is None or found[1] != offset:
        return False
    return True


def words_between(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Every word that overlaps `[lo, hi)` (whole words, even where they pass the edges)."""
    lo = _run_start(text, max(0, lo))
    n = len(text)
    hi = min(n, hi)
    while hi < n and _RUN_CHAR.match(text, hi):
        m = _RUN.match(text, hi)
        assert m is not None  # _RUN matches wherever _RUN_CHAR does
        hi = m.end()
    return [m.span() for m in _WORD.finditer(text, lo, hi)]


def word_at(text: str, offset: int) -> tuple[int, int] | None:
    """The word whose range contains `offset`, or None on a space or punctuation."""
    if not 0 <= offset < len(text):
        return None
    for start, end in words_between(text, offset, offset + 1):
        if start <= offset < end:
            return start, end
    return None


def next_word_start(text: str, offset: int) -> int | None:
    """Where the first word starting after `offset` starts (vim `w` over words), or None."""
    here = word_at(text, offset)
    pos = here[1] if here else max(0, offset + 1)
    m = _WORD.search(text, pos)
    # A search from inside a run could start in the middle of a word: `pos` is either
    # the end of a word or not inside one, so the first match is a real word start.
    return m.start() if m else None


def prev_word_start(text: str, offset: int) -> int | None:
    """Where the last word starting before `offset` starts (vim `b`), or None."""
    offset = min(offset, len(text))
    window = _WINDOW
    while True:
        lo = max(0, offset - window)
        starts = [s for s, _ in words_between(text, lo, offset) if s < offset]
        if starts:
            return starts[-1]
        if lo == 0:
            return None
        window *= 4


def _last_base(text: str, start: int, end: int) -> int:
    """The offset of the last character of `text[start:end]` that is not a mark."""
    i = end - 1
    while i > start and is_mark(text[i]):
        i -= 1
    return i


def word_end(text: str, offset: int) -> int | None:
    """The last character of the first word ending after `offset` (vim `e`), or None.

    A trailing mark shares its base's screen cell, so this is the base's offset.
    """
    here = word_at(text, offset)
    if here:
        last = _last_base(text, *here)
        if last > offset:
            return last
        pos = here[1]
    else:
        pos = offset + 1
    m = _WORD.search(text, pos)
    return _last_base(text, *m.span()) if m else None


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Expand a selection to whole words; returns the new `(start, end)`.

    Whitespace at either edge is dropped first; an end or start inside a word moves out
    to that word's edge. An empty selection on a word becomes that word; one on a
    space stays empty. Punctuation the selection covers is kept ("U.S.").
    """
    start, end = max(0, min(start, end)), min(len(text), max(start, end))
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        word = word_at(text, start)
        return word if word else (start, start)
    first = word_at(text, start)
    if first:
        start = first[0]
    last = word_at(text, end - 1)
    if last:
        end = last[1]
    return start, end


# --- paragraphs -----------------------------------------------------------------


def paragraph_bounds(text: str, offset: int) -> tuple[int, int]:
    """The line containing `offset`, without its newline (a paragraph, as for Document)."""
    offset = max(0, min(offset, len(text)))
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return start, len(text) if end < 0 else end


def _is_blank(text: str, start: int, end: int) -> bool:
    return text[start:end].strip() == ""


def next_paragraph_start(text: str, offset: int) -> int | None:
    """The start of the next non-blank line after the one at `offset`, or None."""
    _, end = paragraph_bounds(text, offset)
    while end < len(text):
        start, end = paragraph_bounds(text, end + 1)
        if not _is_blank(text, start, end):
            return start
    return None


def prev_paragraph_start(text: str, offset: int) -> int | None:
    """The start of the line at `offset` if the offset is past it, else of the previous
    non-blank line (vim `{`-like over lines), or None."""
    start, end = paragraph_bounds(text, offset)
    if offset > start and not _is_blank(text, start, end):
        return start
    while start > 0:
        start, end = paragraph_bounds(text, start - 1)
        if not _is_blank(text, start, end):
            return start
    return None


# --- sentences ------------------------------------------------------------------

_TERMINATORS = ".!?\u061f\u06d4\u2026\u203c\u2047\u2048\u2049\u3002"
_CLOSERS = "\"'\u201d\u2019\u00bb\u203a)]}"
_END_CANDIDATE = re.compile(f"[{re.escape(_TERMINATORS)}]+[{re.escape(_CLOSERS)}]*")
# Latin abbreviations that are rarely the last word of a sentence (lower-cased, no dot).
ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof st sr jr vs etc inc ltd co corp gen sen rep gov col lt sgt capt "
    "vol pp fig approx dept univ jan feb mar apr jun jul aug sep sept oct nov dec "
    "sig sigg dott dott.ssa ing avv prof.ssa e.g i.e cf al".split()
)


def _is_sentence_end(text: str, run_start: int, run_end: int, line_end: int) -> bool:
    """Whether the punctuation run `text[run_start:run_end]` ends a sentence."""
    if run_end < line_end and not text[run_end].isspace():
        return False
    after = run_end
    while after < line_end and text[after].isspace():
        after += 1
    next_char = text[after] if after < line_end else ""
    punct = text[run_start:run_end].rstrip(_CLOSERS)
    if punct in (".", "..", "...", "\u2026") and next_char.islower():
        return False  # "approx. three", "so... that": the sentence goes on
    if punct == ".":
        word_start = run_start
        while word_start > 0 and (text[word_start - 1].isalpha() or text[word_start - 1] == "."):
            word_start -= 1
        word = text[word_start:run_start]
        if len(word) == 1 and word.isalpha() and word.isascii():
            return False  # an initial: "J. Smith", "U.S."
        if word.rstrip(".").lower() in ABBREVIATIONS or ("." in word and len(word) <= 6):
            return False  # "Dr.", "e.g.", "U.S." (letters with dots)
    return True


def _ends_in(text: str, lo: int, hi: int, line_end: int) -> list[int]:
    """Offsets just after every sentence end whose punctuation run ends in `[lo, hi)`."""
    ends = []
    for m in _END_CANDIDATE.finditer(text, lo, hi):
        run_start, run_end = m.span()
        while run_start > 0 and text[run_start - 1] in _TERMINATORS:
            run_start -= 1
        m2 = _END_CANDIDATE.match(text, run_start)
        run_end = m2.end() if m2 else run_end
        if _is_sentence_end(text, run_start, run_end, line_end):
            ends.append(run_end)
    return sorted(set(ends))


def _skip_space(text: str, pos: int, end: int) -> int:
    while pos < end and text[pos].isspace():
        pos += 1
    return pos


def _sentence_start(text: str, offset: int, line_start: int, line_end: int) -> int:
    """The start of the sentence that `offset` belongs to; the spaces after a sentence
    belong to it, the spaces before a line's first sentence to that sentence."""
    window = _WINDOW * 4
    while True:
        lo = max(line_start, offset - window)
        ends = [e for e in _ends_in(text, lo, offset, line_end) if e <= offset]
        starts = [s for s in map(lambda e: _skip_space(text, e, line_end), ends) if s <= offset and s < line_end]
        if starts:
            return starts[-1]
        if lo == line_start:
            return _skip_space(text, line_start, line_end)
        window *= 4


def _sentence_end(text: str, start: int, line_end: int) -> int:
    """Just after the end of the sentence starting at `start` (its last punctuation or the
    line's last non-space character)."""
    pos = start
    while pos < line_end:
        m = _END_CANDIDATE.search(text, pos, line_end)
        if m is None:
            break
        run_start, run_end = m.span()
        if _is_sentence_end(text, run_start, run_end, line_end):
            return run_end
        pos = run_end
    end = line_end
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def sentence_at(text: str, offset: int) -> tuple[int, int] | None:
    """The sentence around `offset` as `(start, end)`, without surrounding spaces; None
    on a blank line. Spaces after a sentence belong to it."""
    line_start, line_end = paragraph_bounds(text, offset)
    if _is_blank(text, line_start, line_end):
        return None
    offset = max(line_start, min(offset, line_end))
    start = _sentence_start(text, offset, line_start, line_end)
    return start, _sentence_end(text, start, line_end)


def next_sentence_start(text: str, offset: int) -> int | None:
    """The start of the next sentence after the one at `offset`, on this or a later line."""
    line_start, line_end = paragraph_bounds(text, offset)
    here = sentence_at(text, offset)
    if here and here[0] > offset:
        return here[0]
    if here:
        nxt = _skip_space(text, here[1], line_end)
        if nxt < line_end:
            return nxt
    following = next_paragraph_start(text, offset)
    return None if following is None else _skip_space(text, following, len(text))


def prev_sentence_start(text: str, offset: int) -> int | None:
    """The start of the sentence at `offset` if the offset is past it, else the start
    of the sentence before (vim `(`), possibly on an earlier line; None at the top."""
    here = sentence_at(text, offset)
    if here and here[0] < offset:
        return here[0]
    line_start, _ = paragraph_bounds(text, offset)
    pos = here[0] if here else offset
    if pos > line_start and not _is_blank(text, line_start, pos):
        before = sentence_at(text, pos - 1)
        if before and before[0] < pos:
            return before[0]
    previous = prev_paragraph_start(text, line_start)
    if previous is None or previous >= line_start:
        return None
    _, prev_end = paragraph_bounds(text, previous)
    last = prev_end
    while last > previous and text[last - 1].isspace():
        last -= 1
    found = sentence_at(text, max(previous, last - 1))
    return found[0] if found else None

