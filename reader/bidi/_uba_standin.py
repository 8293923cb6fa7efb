"""TEMPORARY stand-in for reader.bidi.uba (being written by a colleague), same names.

Levels come from python-bidi's debug dump (the Rust unicode-bidi crate, per UTF-8
byte); L1-L2 are done here. Used only while reader/bidi/uba.py does not exist.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from bidi import get_display

_REMOVED = {"RLE", "LRE", "RLO", "LRO", "PDF", "BN"}
_LEVEL = re.compile(r"Level\(\s*(\d+),")


@dataclass(frozen=True)
class ParagraphLevels:
    text: str
    para_level: int
    levels: list[int]


def first_strong_direction(text: str) -> str | None:
    depth = 0
    for ch in text:
        cls = unicodedata.bidirectional(ch)
        if cls in ("LRI", "RLI", "FSI"):
            depth += 1
        elif cls == "PDI" and depth:
            depth -= 1
        elif depth == 0 and cls == "L":
            return "ltr"
        elif depth == 0 and cls in ("R", "AL"):
            return "rtl"
    return None


def resolve_paragraph(text: str, base: str = "auto") -> ParagraphLevels:
    if not text:
        para = 1 if base == "rtl" else 0
        return ParagraphLevels(text, para, [])
    base_dir = {"ltr": "L", "rtl": "R"}.get(base)
    dump = get_display(text, base_dir=base_dir, debug=True)
    levels_part, _, para_part = dump.partition("paragraphs:")
    per_byte = [int(x) for x in _LEVEL.findall(levels_part.partition("levels:")[2])]
    para_level = int(_LEVEL.search(para_part).group(1))
    levels, pos = [], 0
    for ch in text:
        levels.append(-1 if unicodedata.bidirectional(ch) in _REMOVED else per_byte[pos])
        pos += len(ch.encode("utf-8"))
    return ParagraphLevels(text, para_level, levels)


def reorder_line(par: ParagraphLevels, start: int, end: int) -> list[int]:
    text, para = par.text, par.para_level
    levels = list(par.levels[start:end])
    trailing = True
    for k in range(end - start - 1, -1, -1):
        cls = unicodedata.bidirectional(text[start + k])
        if cls in ("S", "B"):
            levels[k] = para
            trailing = True
        elif cls in ("WS", "FSI", "LRI", "RLI", "PDI") or levels[k] < 0:
            if trailing and levels[k] >= 0:
                levels[k] = para
        else:
            trailing = False
    order = [start + k for k in range(end - start) if levels[k] >= 0]
    lv = [levels[k] for k in range(end - start) if levels[k] >= 0]
    if not lv:
        return order
    top, low = max(lv), min(x for x in lv)
    lowest_odd = low if low % 2 else low + 1
    for level in range(top, lowest_odd - 1, -1):
        k = 0
        while k < len(lv):
            if lv[k] >= level:
                j = k
                while j < len(lv) and lv[j] >= level:
                    j += 1
                order[k:j] = order[k:j][::-1]
                lv[k:j] = lv[k:j][::-1]
                k = j
            else:
                k += 1
    return order
