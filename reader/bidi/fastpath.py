"""The text of a paragraph's screen lines, word by word, for the common case.

`reader render` and the first paint of the TUI need only each line's *text*; the
cell map can wait until someone asks for it (layout.py computes it then with the full
engine). News paragraphs are mostly plain words separated by single spaces, and a
word looks the same wherever it occurs: so each distinct word is shaped, clustered,
measured and reversed once (cached), and a paragraph costs a few C-level operations
plus one step per word. Everything else (controls, invisible characters, marks that
begin a word, other spaces, words wider than the line, words whose characters are at
different levels) is left to the full engine: `build_text` then returns None.

The result is, by construction, the text the full engine draws; tests compare both.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from reader.bidi import sanitize, uba
from reader.bidi.engine import _cluster, _glyphs

#: Anything that makes a paragraph need the full engine.
_NOT_SIMPLE = re.compile(
    sanitize.SPECIAL.pattern[:-1]
    + "\t\u1680\u2000-\u200a\u205f\u3000]|  |^ | $"
)
_EMPTY_LEVELS: bytes = b""


@lru_cache(maxsize=262144)
def _word(word: str, shape: bool) -> tuple | None:
    """(cells, text at an even level, text at an odd level, cluster starts, cluster
    glyphs at an even level, cluster glyphs at an odd level) of a word, or None."""
    # The word's glyphs as the engine makes them, at level 0 and at level 1 (mirrored).
    ltr = _cluster(word, _glyphs(word, [0] * len(word), shape=shape, show_invisibles=False, visual=True))
    rtl = _cluster(word, _glyphs(word, [1] * len(word), shape=shape, show_invisibles=False, visual=True))
    if not ltr.head or ltr.start[0] != 0 or ltr.glyphs[0].startswith("\u25cc"):
        return None  # begins with a mark: it would join the space before it
    return (
        sum(ltr.width), "".join(ltr.glyphs), "".join(reversed(rtl.glyphs)),
        tuple(ltr.start), tuple(ltr.glyphs), tuple(rtl.glyphs),
    )


def build_text(
    text: str, width: int | None, base: str, shape: bool
) -> tuple[bool, list[tuple[str, int, int, int]]] | None:
    """(rtl, [(line text, cells, start, end)]) as the full engine would lay it out."""
    if not text or _NOT_SIMPLE.search(text):
        return None
    words = text.split(" ")
    infos = [_word(w, shape) for w in words]
    if None in infos:
        return None
    par = uba.resolve_paragraph(text, base)
    levels = par.level_bytes
    widths = [info[0] for info in infos]
    # Line breaks: greedy, as in engine._break_lines (single spaces hang at breaks).
    breaks: list[tuple[int, int]] = []
    if width is None:
        breaks.append((0, len(words)))
    else:
        first, used = 0, 0
        for k, cells in enumerate(widths):
            if cells > width:
                return None  # would be split inside the word
            if used and used + 1 + cells > width:
                breaks.append((first, k))
                first, used = k, cells
            else:
                used = used + 1 + cells if used else cells
        breaks.append((first, len(words)))
    starts = []
    position = 0
    for w in words:
        starts.append(position)
        position += len(w) + 1
    lines = []
    for first, last in breaks:
        start = starts[first]
        content_end = starts[last - 1] + len(words[last - 1])
        end = starts[last] if last < len(words) else len(text)
        cells = sum(widths[first:last]) + (last - first - 1)
        line_levels = levels[start:content_end]
        level = line_levels[0]
        if line_levels.count(level) == len(line_levels):
            if level & 1:
                line = " ".join([infos[k][2] for k in range(last - 1, first - 1, -1)])
            else:
                line = " ".join([infos[k][1] for k in range(first, last)])
        else:
            line = _mixed_line(par, words, infos, starts, first, last, start, content_end)
            if line is None:
                return None
        lines.append((line, cells, start, end))
    return par.para_level == 1, lines


_LEVEL_RUN = re.compile(rb"(.)\1*", re.S)


def _mixed_line(par, words, infos, starts, first, last, start, end) -> str | None:
    """A line with several levels: uba's order, one same-level piece of a word at a time."""
    text, levels = par.text, par.level_bytes
    run_starts = [start + m.start() for m in _LEVEL_RUN.finditer(levels[start:end])]
    run_starts.append(end)
    order = uba.reorder_line(par, start, end)
    out = []
    p, count = 0, len(order)
    while p < count:
        i = order[p]
        if text[i] == " ":
            out.append(" ")
            p += 1
            continue
        k = bisect_right(starts, i) - 1
        r = bisect_right(run_starts, i) - 1
        word_start = starts[k]
        a = max(word_start, run_starts[r]) - word_start
        b = min(word_start + len(words[k]), run_starts[r + 1]) - word_start
        piece = _piece(words[k], infos[k], a, b, levels[i] & 1)
        if piece is None:
            return None
        out.append(piece)
        p += b - a
    return "".join(out)


@lru_cache(maxsize=65536)
def _piece(word: str, info: tuple, a: int, b: int, odd: int) -> str | None:
    """The glyphs of word[a:b] (whole clusters only) in visual order at that parity."""
    cluster_starts = info[3]
    if a not in cluster_starts or (b != len(word) and b not in cluster_starts):
        return None  # the level changes inside a cluster
    first, last = cluster_starts.index(a), len(cluster_starts) if b == len(word) else cluster_starts.index(b)
    if odd:
        return "".join(reversed(info[5][first:last]))
    return "".join(info[4][first:last])
