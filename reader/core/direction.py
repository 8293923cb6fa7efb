"""Base direction of a text by the first strong character (UAX #9 rules P2–P3)."""

from __future__ import annotations

import unicodedata
from typing import Literal

Direction = Literal["ltr", "rtl"]

_ISOLATE_OPENERS = {"LRI", "RLI", "FSI"}


def first_strong_direction(text: str) -> Direction | None:
    """"ltr" or "rtl" from the first L, R or AL character, skipping isolate contents (P2).

    None when the text has no strong character; callers pick their default (P3 says LTR).
    """
    depth = 0
    bidirectional = unicodedata.bidirectional
    for char in text:
        kind = bidirectional(char)
        if kind in _ISOLATE_OPENERS:
            depth += 1
        elif kind == "PDI":
            if depth:
                depth -= 1
        elif depth:
            continue
        elif kind == "L":
            return "ltr"
        elif kind in ("R", "AL"):
            return "rtl"
        elif kind == "B":
            break
    return None


def resolve_direction(text: str, override: Direction | None = None) -> Direction:
    """The override if given, else P2–P3 with LTR when nothing is strong."""
    return override or first_strong_direction(text) or "ltr"
