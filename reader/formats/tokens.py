"""A small, deterministic, script-aware tokenizer for the token-based formats (Prodigy, CoNLL).

Rules (documented in docs/formats.md):

- a word is a run of letters, combining marks and digits (so Arabic harakat stay on their
  letter), joined by ZWNJ/ZWJ (Persian "می‌خواهم" is one token) and connector punctuation;
- a word is cut where the script changes between two letters (Latin "NASA" glued to
  Arabic "ناسا" gives two tokens); marks and digits take the script of the letter before;
- every other visible character (punctuation, symbols, emoji) is a token by itself, with
  the marks, variation selectors, skin-tone modifiers and ZWJ sequences that follow it;
- a single space after a token is not a token: it sets the token's `ws`; any other
  whitespace is a token of its own (as spaCy does), so `"".join(t.text + " " * t.ws)`
  gives back the text exactly;
- the caller may force extra cuts (span starts and ends), so every span lands on
  token boundaries and no span is lost for being inside a token.

It does not need spaCy at run time; a Doc built from its tokens reproduces the text.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache

ZERO_WIDTH_JOINERS = {"\u200c", "\u200d"}


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int      # code-point offsets into the text, end exclusive
    end: int
    id: int         # position in the token list
    ws: bool        # followed by exactly one space that belongs to no token


@lru_cache(maxsize=4096)
def _script(ch: str) -> str:
    """A coarse script name for a letter: the first word of its Unicode name
    (LATIN, ARABIC, HEBREW, CYRILLIC, MATHEMATICAL, CJK…)."""
    name = unicodedata.name(ch, "")
    return name.split(" ", 1)[0] if name else "UNKNOWN"


def _is_word_char(ch: str) -> bool:
    category = unicodedata.category(ch)
    return category[0] in "LMN" or category == "Pc" or ch in ZERO_WIDTH_JOINERS


def _is_attached(ch: str) -> bool:
    """Characters that belong to the symbol before them (emoji modifiers and sequences)."""
    category = unicodedata.category(ch)
    return (
        category[0] == "M"
        or ch in ZERO_WIDTH_JOINERS
        or 0xFE00 <= ord(ch) <= 0xFE0F          # variation selectors
        or 0x1F3FB <= ord(ch) <= 0x1F3FF        # skin-tone modifiers
        or 0xE0020 <= ord(ch) <= 0xE007F        # tag characters (flag sequences)
    )


def _is_regional_indicator(ch: str) -> bool:
    return 0x1F1E6 <= ord(ch) <= 0x1F1FF


def _natural_cuts(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, is_space) pieces covering the text, before forced cuts."""
    pieces: list[tuple[int, int, bool]] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        j = i + 1
        if ch.isspace():
            while j < n and text[j].isspace():
                j += 1
            pieces.append((i, j, True))
        elif _is_word_char(ch) and unicodedata.category(ch)[0] != "M" or ch.isalnum():
            script = _script(ch) if unicodedata.category(ch)[0] == "L" else None
            while j < n and _is_word_char(text[j]):
                nxt = text[j]
                if unicodedata.category(nxt)[0] == "L":
                    nxt_script = _script(nxt)
                    if script is not None and nxt_script != script:
                        break
                    script = nxt_script
                j += 1
            pieces.append((i, j, False))
        else:
            if _is_regional_indicator(ch) and j < n and _is_regional_indicator(text[j]):
                j += 1  # a flag is a pair of regional indicators
            after_joiner = False
            while j < n and (_is_attached(text[j]) or after_joiner and not text[j].isspace()):
                after_joiner = text[j] == "\u200d"
                j += 1
            pieces.append((i, j, False))
        i = j
    return pieces


def tokenize(text: str, starts: Collection[int] = (), ends: Collection[int] = ()) -> list[Token]:
    """The tokens of `text`; every offset in `starts` begins a token and every offset in
    `ends` ends one (pass span starts and ends to make every span token-aligned)."""
    cuts = set(starts) | set(ends)
    pieces: list[tuple[int, int, bool]] = []
    for start, end, is_space in _natural_cuts(text):
        inner = sorted(c for c in cuts if start < c < end)
        edges = [start, *inner, end]
        pieces.extend((a, b, is_space) for a, b in zip(edges, edges[1:]))

    # (start, end, is_space, ws) before ids are given
    pending: list[tuple[int, int, bool, bool]] = []
    for start, end, is_space in pieces:
        if is_space and pending and not pending[-1][2] and not pending[-1][3] \
                and text[start] == " " and start not in starts and start + 1 not in ends:
            # One space after a token becomes its `ws`, unless a span starts on it or ends
            # just after it (then the space must be a token for the span to align).
            prev = pending[-1]
            pending[-1] = (prev[0], prev[1], False, True)
            start += 1
            if start == end:
                continue
        pending.append((start, end, is_space, False))
    return [Token(text[start:end], start, end, i, ws) for i, (start, end, _, ws) in enumerate(pending)]
