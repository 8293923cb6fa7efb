"""Ordinals: third, الثالثة, سومین, הרביעי, terzo, 3rd, 3º (the lexicons say which words)."""

from __future__ import annotations

from dataclasses import dataclass

from reader.align.anchors import normalize_digits
from reader.annotate.compare.lexicon import Lexicon, Match, Token
from reader.annotate.compare.numbers import ORDINAL_SUFFIXES

#: How a note names an ordinal, whatever the language it was written in.
ENGLISH = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", 6: "sixth", 7: "seventh",
           8: "eighth", 9: "ninth", 10: "tenth", 11: "eleventh", 12: "twelfth", 20: "twentieth"}


@dataclass(frozen=True, slots=True)
class OrdinalMention:
    start: int
    end: int
    value: int


def ordinal_mentions(tokens: list[Token], lexicon: Lexicon, matches: list[Match | None] | None = None) -> list[OrdinalMention]:
    scanned = matches if matches is not None else lexicon.scan(tokens)
    found = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if token.kind == "number" and nxt is not None and nxt.start == token.end and nxt.folded in ORDINAL_SUFFIXES:
            digits = normalize_digits(token.text)
            if digits.isdigit():
                found.append(OrdinalMention(token.start, nxt.end, int(digits)))
            i += 2
            continue
        match = scanned[i]
        if match is not None:
            if match.entry.category == "ordinal":
                found.append(OrdinalMention(token.start, tokens[match.last].end, int(match.entry.value)))
            i = match.last + 1
        else:
            i += 1
    return found


def ordinal_name(value: int) -> str:
    return ENGLISH.get(value, f"{value}th")
