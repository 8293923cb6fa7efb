"""The layout pipeline behind reader.bidi.layout (UAX #9 section 3.4, in that order).

1. levels for the whole paragraph (uba.resolve_paragraph);
2. glyphs in logical order: shaping (shaping.py), sanitizing (sanitize.py), and L4
   mirroring of Bidi_Mirrored characters at odd levels;
3. clusters in logical order: a character that takes cells, followed by everything
   that takes none (harakat and other marks, letters merged into a ligature, hidden
   controls). A cluster is never split, moves as one unit when reordered, and writes
   its base first, then its marks: that is rule L3;
4. line breaks in logical order from the clusters' cell widths (width.py);
5. each line reordered by uba.reorder_line (L1-L2, with the paragraph's levels).

Returns plain tuples; layout.py wraps them in the public dataclasses and caches.
"""

from __future__ import annotations

from collections.abc import Sequence

from reader.bidi import sanitize, shaping, uba
from reader.bidi.width import char_width, cluster_width
from reader.bidi.unicode_tables import MIRROR

#: Spaces a line may break after (and which then hang, undrawn, at the line's end).
#: No-break spaces (U+00A0, U+2007, U+202F) are not among them.
BREAK_SPACES = frozenset(" \t\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\u205f\u3000")
#: Zero-width characters after which a line may break.
BREAK_AFTER_INVISIBLE = frozenset("\u200b")
#: Shown under a combining mark that has no base on its line.
DOTTED_CIRCLE = "\u25cc"
#: One screen line: (text, the logical range of each cell, start, end).
RawLine = tuple[str, tuple[tuple[int, int], ...], int, int]


class _Clusters:
    """Parallel lists, one entry per cluster, in logical order."""

    __slots__ = ("start", "end", "glyphs", "width", "head", "space")

    def __init__(self) -> None:
        self.start: list[int] = []
        self.end: list[int] = []
        self.glyphs: list[str] = []
        self.width: list[int] = []
        self.head: list[int] = []  # the character whose visual position is the cluster's
        self.space: list[bool] = []  # a break opportunity: hangs at the end of a line

    def open(self, start: int, head: int, glyphs: str, space: bool) -> None:
        self.start.append(start)
        self.end.append(head + 1)
        self.glyphs.append(glyphs)
        self.width.append(0)
        self.head.append(head)
        self.space.append(space)


def build_lines(
    text: str, width: int | None, base: str, *, shape: bool, show_invisibles: bool, visual: bool
) -> tuple[bool, list[RawLine]]:
    par = uba.resolve_paragraph(text, base)
    levels = par.levels
    rtl = par.para_level == 1
    if not text:
        return rtl, [("", (), 0, 0)]
    glyphs = _glyphs(text, levels, shape=shape, show_invisibles=show_invisibles, visual=visual)
    if not show_invisibles and sanitize.EXPLICIT.search(text) and controls_change_order(text, par, base):
        _mark_explicit_controls(text, glyphs)
    clusters = _cluster(text, glyphs)
    lines = []
    for first, last in _break_lines(clusters, width):
        lines.append(_render_line(text, par, clusters, first, last, visual, hang=width is not None))
    return rtl, lines


def build_window(
    par: uba.ParagraphLevels, lo: int, hi: int, width: int, *, shaped: str | None,
    show_invisibles: bool, visual: bool, marked: bool,
) -> list[RawLine]:
    """The lines `build_lines` gives for the part ``[lo, hi)`` of a long paragraph
    whose levels ``par`` were resolved whole, wrapped to ``width``; ``lo`` must be where
    one of its lines starts. Only the last line may differ from `build_lines`' (a word
    or a cluster cut at ``hi`` is measured short): the caller drops it, unless ``hi`` is
    the paragraph's end. ``shaped``: the whole paragraph's `shaping.shaped_text` (None
    for no shaping), so that letters joined across ``hi`` keep their forms; ``marked``:
    whether the explicit controls are drawn (see `controls_change_order`). What this
    holds per character (glyphs, clusters) is only ``hi - lo`` long."""
    text = par.text
    part = text[lo:hi]
    levels = par.levels[lo:hi]
    glyphs = None
    if shaped is not None:
        glyphs = ["" if glyph == shaping.MERGED else glyph for glyph in shaped[lo:hi]]
    glyphs = _glyphs(part, levels, shape=False, show_invisibles=show_invisibles, visual=visual, glyphs=glyphs)
    if marked:
        _mark_explicit_controls(part, glyphs)
    clusters = _cluster(part, glyphs)
    for column in (clusters.start, clusters.end, clusters.head):
        column[:] = [offset + lo for offset in column]
    whole = lo == 0 and hi == len(text)
    return [
        _render_line(text, par, clusters, first, last, visual, hang=True)
        for first, last in _break_lines(clusters, width, whole=whole)
    ]


def controls_change_levels(text: str, par: uba.ParagraphLevels, base: str) -> bool:
    """`controls_change_order` for a paragraph too long to compare orders position by
    position: whether the explicit controls change the paragraph level or any other
    character's level (a stricter test: an embedding that only raises levels by two
    counts). Works on bytes, a few per character."""
    plain = uba.resolve_paragraph(sanitize.EXPLICIT.sub("", text), base)
    if plain.para_level != par.para_level:
        return True
    kept, done = [], 0
    for match in sanitize.EXPLICIT.finditer(text):
        kept.append(par.level_bytes[done : match.start()])
        done = match.end()
    kept.append(par.level_bytes[done:])
    return b"".join(kept) != bytes(plain.level_bytes)


def controls_change_order(text: str, par: uba.ParagraphLevels, base: str) -> bool:
    """Whether the explicit bidi controls of ``text`` (embeddings, overrides,
    isolates) change what is drawn: its paragraph direction, the visual order of its
    other characters (the paragraph taken as one line), or which way a mirrored
    character faces, compared with the same text without them. Where they do, the
    order on screen is not the order the text is read in (Trojan Source, CVE-2021-42574)."""
    kept = [i for i, ch in enumerate(text) if ch not in sanitize.EXPLICIT_CONTROLS]
    plain = uba.resolve_paragraph("".join([text[i] for i in kept]), base)
    if plain.para_level != par.para_level:
        return True
    drawn = [i for i in uba.reorder_line(par, 0, len(text)) if text[i] not in sanitize.EXPLICIT_CONTROLS]
    if drawn != [kept[j] for j in uba.reorder_line(plain, 0, len(kept))]:
        return True
    levels, plain_levels = par.levels, plain.levels
    return any(
        text[i] in MIRROR and (levels[i] & 1) != (plain_levels[j] & 1) for j, i in enumerate(kept)
    )


def _mark_explicit_controls(text: str, glyphs: list[str]) -> None:
    """Draw every explicit bidi control of ``text`` as its one-cell placeholder (the
    one `show_invisibles` draws), so that the reader sees where the order was changed."""
    for match in sanitize.EXPLICIT.finditer(text):
        glyphs[match.start()] = sanitize.INVISIBLE_PICTURES[match.group()]


def _glyphs(
    text: str, levels: Sequence[int], *, shape: bool, show_invisibles: bool, visual: bool,
    glyphs: list[str] | None = None,
) -> list[str]:
    """One glyph string per character, in logical order (shaped, sanitized, mirrored);
    ``glyphs``: the characters already shaped, if they are."""
    if glyphs is None:
        glyphs = shaping.shape(text) if shape else list(text)
    special = sanitize.special(show_invisibles)
    if special.search(text):
        for match in special.finditer(text):
            i = match.start()
            glyphs[i] = sanitize.display(text[i], show_invisibles)
    if visual:
        return mirrored(text, glyphs, levels)
    return glyphs


def mirrored(text: str, glyphs: list[str], levels: Sequence[int] | None = None) -> list[str]:
    """Rule L4: ``glyphs`` with Bidi_Mirrored characters at odd ``levels`` (all odd
    when None) replaced by their mirror, on the original character only (never on
    a placeholder or a shape). Returns a new list, or ``glyphs`` itself if nothing
    mirrors."""
    if not any(ch in MIRROR for ch in text):
        return glyphs
    glyphs = list(glyphs)
    for i, ch in enumerate(text):
        if (levels is None or levels[i] & 1 and levels[i] > 0) and ch in MIRROR and glyphs[i] == ch:
            glyphs[i] = MIRROR[ch]
    return glyphs


def _cluster(text: str, glyphs: list[str]) -> _Clusters:
    clusters = _Clusters()
    pending = 0  # first index of hidden characters waiting for a cluster to join
    have_pending = False
    for i, glyph in enumerate(glyphs):
        if glyph == "":
            # Hidden (a control, ZWJ, a letter inside a ligature): joins the cluster
            # before it, or the next one at the start of the paragraph.
            if clusters.head:
                clusters.end[-1] = i + 1
                if text[i] in BREAK_AFTER_INVISIBLE:
                    clusters.space[-1] = True
            elif not have_pending:
                pending, have_pending = i, True
            continue
        if char_width(glyph[0]) == 0 and clusters.head and not have_pending:
            # A combining mark: written right after its base (L3), in its cell.
            clusters.glyphs[-1] += glyph
            clusters.end[-1] = i + 1
            continue
        if char_width(glyph[0]) == 0:
            glyph = DOTTED_CIRCLE + glyph  # a mark with no base: give it one
        start = pending if have_pending else i
        have_pending = False
        clusters.open(start, i, glyph, text[i] in BREAK_SPACES)
    for k, g in enumerate(clusters.glyphs):
        clusters.width[k] = cluster_width(g)
    return clusters


def _break_lines(clusters: _Clusters, width: int | None, whole: bool = True) -> list[tuple[int, int]]:
    """Cluster index ranges [first, last) of each line, chosen in logical order.

    Greedy, at break spaces; a word wider than the line is split between clusters.
    Spaces at a break hang (they are not drawn and take no width), as do the spaces
    that open the paragraph: wrapped text is aligned on its words. A paragraph of
    nothing but spaces is the exception: its spaces are its content. ``whole``: the
    clusters are the whole paragraph, not a part of it (`build_window`), for which
    that exception cannot be known.
    """
    count = len(clusters.head)
    if width is None or count == 0:
        return [(0, count)]
    widths, space = clusters.width, clusters.space
    lines: list[tuple[int, int]] = []
    first = used = 0
    if whole and all(space):
        for c in range(count):
            if used + widths[c] > width and used:
                lines.append((first, c))
                first, used = c, 0
            used += widths[c]
        lines.append((first, count))
        return lines
    k = 0
    while k < count and space[k]:
        k += 1  # leading spaces: they hang at the start of the first line
    while k < count:
        j, word = k, 0
        while j < count and not space[j]:
            word += widths[j]
            j += 1
        if used + word > width:
            if used:
                lines.append((first, k))
                first, used = k, 0
            if word > width:
                for c in range(k, j):
                    if used + widths[c] > width and used:
                        lines.append((first, c))
                        first, used = c, 0
                    used += widths[c]
                word = 0
        used += word
        s = j
        while s < count and space[s]:
            used += widths[s]  # counts if another word follows on this line
            s += 1
        k = s
    lines.append((first, count))
    return lines


def _render_line(
    text: str, par: uba.ParagraphLevels, clusters: _Clusters, first: int, last: int, visual: bool, hang: bool
) -> RawLine:
    if first == last:
        return ("", (), 0, 0)
    start = clusters.start[first]
    end = clusters.end[last - 1]
    lo, hi = first, last
    if hang:
        # Spaces at either end of a wrapped line hang: not drawn, their characters
        # folded into the range of the nearest cluster drawn. (Leading spaces only
        # exist on a paragraph's first line; a line of nothing but spaces keeps them.)
        while hi > lo and clusters.space[hi - 1]:
            hi -= 1
        while lo < hi and clusters.space[lo]:
            lo += 1
        if lo == hi:
            lo, hi = first, last
    shown = list(range(lo, hi))
    span_start = {k: clusters.start[k] for k in shown}
    span_end = {k: clusters.end[k] for k in shown}
    span_start[lo], span_end[hi - 1] = start, end
    if visual:
        shown = _visual_order(par, clusters, shown, start, end)
    out_text = []
    cells: list[tuple[int, int]] = []
    for k in shown:
        span = (span_start[k], span_end[k])
        out_text.append(clusters.glyphs[k])
        n = clusters.width[k]
        cells.extend([span] * n)
    return ("".join(out_text), tuple(cells), start, end)


def _visual_order(par: uba.ParagraphLevels, clusters: _Clusters, shown: list[int], start: int, end: int) -> list[int]:
    text = par.text
    order = uba.reorder_line(par, start, end)
    position = {index: p for p, index in enumerate(order)}
    levels = par.levels

    def next_to_before(head: int) -> float | None:
        for before in range(head - 1, start - 1, -1):
            if before in position:
                step = (head - before) / (2 * (end - start) + 2)
                return position[before] + (-step if levels[before] & 1 else step)
        return None

    def next_to_after(head: int) -> float | None:
        for after in range(head + 1, end):
            if after in position:
                step = (after - head) / (2 * (end - start) + 2)
                return position[after] + (step if levels[after] & 1 else -step)
        return None

    def key(k: int) -> float:
        head = clusters.head[k]
        if head in position:
            return position[head]
        # Only a shown X9-removed control (LRE...PDF, BN) has no position: put it next
        # to the character logically before it, on the side text at that level flows
        # to. A PDF closes what an opener began, so it goes next to the character after
        # it instead, and the pair brackets the text they embed (⇚account⇣).
        if text[head] == "\u202c":
            place = next_to_after(head)
            if place is None:
                place = next_to_before(head)
        else:
            place = next_to_before(head)
            if place is None:
                place = next_to_after(head)
        return head if place is None else place

    return sorted(shown, key=key)

