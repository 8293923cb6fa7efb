"""Logical cursor motions (word, sentence) over a document's text.

The rules live in ``reader.core.textunits`` (word and sentence boundaries for Arabic,
Persian, Hebrew, Latin...). Until that module is installed, a simple fallback applies:
a word is a run of letters, digits, marks and joiners; a sentence ends after . ! ? ؟ ۔ …
followed by a space. Every function takes the text and a code-point offset and returns
an offset.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[\w\u0300-\u036f\u064b-\u065f\u0670\u06d6-\u06ed\u05b0-\u05c7\u200c\u200d]+")
_SENTENCE_END = re.compile(r"[.!?\u061f\u06d4\u2026\u3002]+[\"'»”’)\]]*\s+")
_BACKWARD_WINDOW = 4096  # bounded look-behind: a motion never scans the whole document


def _fallback_next_word_start(text: str, offset: int) -> int:
    here = _WORD.match(text, offset)
    found = _WORD.search(text, here.end() if here else offset + 1)
    return found.start() if found else len(text)


def _fallback_prev_word_start(text: str, offset: int) -> int:
    low = max(0, offset - _BACKWARD_WINDOW)
    last = low
    for match in _WORD.finditer(text, low, offset):
        if match.start() < offset:
            last = match.start()
    return last


def _fallback_word_end(text: str, offset: int) -> int:
    """The offset of the last character of the word at or after ``offset + 1``."""
    found = _WORD.search(text, offset + 1)
    return found.end() - 1 if found else max(0, len(text) - 1)


def _fallback_next_sentence_start(text: str, offset: int) -> int:
    found = _SENTENCE_END.search(text, offset)
    return found.end() if found else len(text)


def _fallback_prev_sentence_start(text: str, offset: int) -> int:
    low = max(0, offset - _BACKWARD_WINDOW)
    starts = [low] + [m.end() for m in _SENTENCE_END.finditer(text, low, offset) if m.end() < offset]
    return starts[-1]


try:  # the real rules, once reader.core.textunits lands
    from reader.core.textunits import (  # type: ignore[import-not-found]
        next_sentence_start,
        next_word_start,
        prev_sentence_start,
        prev_word_start,
        word_end,
    )
except ImportError:
    next_word_start = _fallback_next_word_start
    prev_word_start = _fallback_prev_word_start
    word_end = _fallback_word_end
    next_sentence_start = _fallback_next_sentence_start
    prev_sentence_start = _fallback_prev_sentence_start

__all__ = ["next_word_start", "prev_word_start", "word_end", "next_sentence_start", "prev_sentence_start"]
