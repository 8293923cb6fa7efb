"""The text of a paragraph's screen lines for the common case, in a few C-level steps.

`reader render` and the first paint of the TUI need only each line's *text*; the
cell map can wait until someone asks for it (layout.py computes it then with the full
engine). News paragraphs are mostly words separated by single spaces, and a word looks
the same wherever it occurs, so each distinct word is clustered, measured, shaped and
reversed once (`WordForms`; the new words of a paragraph, or of a whole document,
together as one text: `words_forms`), and a paragraph is then assembled from whole
strings:

* ``proxy``: the paragraph in logical order, one character per code point, that
  tells a word's drawn code points from its hidden ones (harakat, the second letter
  of a lam-alef...: ``HIDDEN``), and wide ones (``WIDE``). Line breaks are found on
  it by one regex (greedy, as engine._break_lines: spaces between words count,
  those at a break or at either end of the paragraph hang), after removing the
  ``HIDDEN`` characters, and mapped back with ``str.count``. Lines break only between words, so
  the order of code points inside a word does not matter, only how many of each
  kind: without wide characters the mirror read backwards, marks hidden, serves
  (`proxy_from_mirror`).
* ``mirror``: the whole paragraph drawn at an odd level: every word's clusters
  reversed (marks still after their base: L3), shaped and mirrored (L4), padded with
  ``HIDDEN`` to the length of its source, and the words in reverse order. A cluster at
  text ``[s, e)`` is at ``[n - e, n - s)`` in it, so the odd-level text of any stretch
  of the paragraph that starts and ends on clusters is a slice.
* Text at an even level is the source itself: only Arabic-script letters are shaped,
  and without explicit embeddings they are always at an odd level; only odd levels
  mirror. `WordForms` refuses any word where this would not hold.

A line is one slice when it is at one level, else its level runs, put in visual
order by rule L2, each a slice. Levels come from uba.resolve_paragraph, as in the
engine. Runs of spaces are words of their own, empty ones (``"a  b".split(" ")``).
Everything else (controls and invisible characters, other spaces, paragraphs of
nothing but spaces, X9-removed characters, words wider than the line, clusters whose
parts could take different levels) is left to the full engine: `build_text` returns
None.

The result is, by construction, what the full engine draws; tests compare both on
random and real text (tests/test_bidi_fastpath.py).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable
from itertools import accumulate, chain
from re import Match

from reader.bidi import sanitize, shaping, uba
from reader.bidi.engine import _cluster, _glyphs, mirrored
from reader.bidi.unicode_tables import MIRROR
from reader.bidi.width import char_width

#: Characters that make a word need the full engine: those sanitize.display may
#: change, and spaces other than U+0020 that a line may break at.
_NOT_SIMPLE = re.compile(sanitize.SPECIAL.pattern[:-1] + "\t\u1680\u2000-\u200a\u205f\u3000]")
#: Stands for a code point that draws nothing of its own (it is never in a simple
#: paragraph: it is a C0 control).
HIDDEN = "\x00"
#: In the proxy: the head of a cluster taking two cells. A C0 control, so never a
#: character of a simple word (an ASCII paragraph is its own proxy).
WIDE = "\x01"
#: Bidi classes (uba class codes: R, AL) of cluster heads whose glyphs may differ
#: from their characters: at an odd level whatever the paragraph, when there are no
#: explicit embeddings.
_RTL_CLASSES = b"RA"
#: How many distinct words a WordForms table keeps before it starts again.
WORDS_KEPT = 200_000

Line = tuple[str, int, int, int]  # (text, cells, start, end)


def _char_class(chars: set[str], negated: bool = False) -> str:
    """A regex matching one of ``chars`` (or, ``negated``, any other character)."""
    if not chars:
        return "(?s:.)" if negated else "(?!)"
    return "[" + ("^" if negated else "") + "".join(map(re.escape, sorted(chars))) + "]"


class _CharacterKinds:
    """What each character met so far is, for the word forms: one that takes one
    cell (``one_cell``); one drawn in the cell of the character before it
    (``in_cluster``: nonspacing marks, zero width and bidi class NSM, so at their
    base's level; and a letter merged into a ligature, shaping.MERGED, the same
    character as HIDDEN); or anything else (``other``: wide characters...). With a
    regex for each of the last two sets (compiled again only when the set grows,
    which is rare), and for a long text one for the characters not met yet, so that
    it is sorted in a few C-level scans."""

    #: Texts at least this long have their new characters found by regex.
    LONG = 100_000

    def __init__(self) -> None:
        self.one_cell: set[str] = set()
        self.in_cluster: set[str] = {shaping.MERGED}
        # VARIATION SELECTOR-16 may widen the character before it (Rich measures
        # the pair as two cells).
        self.other: set[str] = {"\ufe0f"}
        self._unknown: re.Pattern[str] | None = None  # for long texts; None: to be made
        self._compile_in_cluster()
        self.other_re = re.compile(_char_class(self.other))

    def _compile_in_cluster(self) -> None:
        self.in_cluster_re = re.compile(_char_class(self.in_cluster))
        # The marks alone (a merged letter is HIDDEN already).
        self.marks_re = re.compile(_char_class(self.in_cluster - {HIDDEN}))
        # A word that begins with a mark (the mark would join the space before it).
        self.mark_first = re.compile(f"(?:^|(?<= )){self.in_cluster_re.pattern}")
        # In reversed text: marks, then the base they follow (L3 puts them after it).
        self.marks_then_base = re.compile(f"({self.in_cluster_re.pattern}+)(.)", re.S)

    def learn(self, text: str) -> None:
        """Sort the characters of ``text`` not met before."""
        if len(text) < self.LONG:
            self._sort(set(text).difference(self.one_cell, self.in_cluster, self.other))
            return
        if not self.one_cell:
            # The first long text (a whole document): sort the characters of news
            # text ahead, in one go (ASCII, Latin-1, Hebrew, Arabic and its
            # presentation forms); finding the rest by regex is then quick.
            self._sort(chr(code) for code in chain(
                range(0x20, 0x7F), range(0xA1, 0x100), range(0x591, 0x700), range(0xFB50, 0xFE00), range(0xFE70, 0xFEFF)
            ) if not _NOT_SIMPLE.match(chr(code)))
        if self._unknown is None:
            self._unknown = re.compile(_char_class(self.one_cell | self.in_cluster | self.other, negated=True))
        if self._unknown.search(text) is not None:
            self._sort(set(self._unknown.findall(text)))

    def _sort(self, new: Iterable[str]) -> None:
        in_cluster, other = len(self.in_cluster), len(self.other)
        for ch in new:
            self._unknown = None
            cells = char_width(ch)
            if cells == 1:
                self.one_cell.add(ch)
            elif cells == 0 and unicodedata.bidirectional(ch) == "NSM":
                self.in_cluster.add(ch)
            else:
                self.other.add(ch)
        if len(self.in_cluster) != in_cluster:
            self._compile_in_cluster()
        if len(self.other) != other:
            self.other_re = re.compile(_char_class(self.other))


_KINDS = _CharacterKinds()
#: L4 at an odd level: the characters that mirror.
_MIRRORED = re.compile("[" + "".join(map(re.escape, sorted(MIRROR))) + "]")


def _mirror(match: re.Match[str]) -> str:
    return MIRROR[match.group()]


def _base_first(match: re.Match[str]) -> str:
    base: str = match.group(2)
    return base + match.group(1)[::-1]


def _hit_words(regex: re.Pattern[str], text: str, words: list[str]) -> set[str]:
    """The words of ``text`` (``words`` joined by single spaces) where ``regex`` matches."""
    hit: set[str] = set()
    match = regex.search(text)
    if match is None:
        return hit
    starts = [0, *accumulate(len(word) + 1 for word in words)]
    while match is not None:
        index = bisect_right(starts, match.start()) - 1
        hit.add(words[index])
        match = regex.search(text, starts[index + 1])
    return hit


def words_forms(words: list[str], shape: bool) -> tuple[dict[str, str], dict[str, str], set[str]]:
    """({word: mirror}, {word: proxy} for the words with a wide character, the words
    that need the full engine) for distinct ``words`` (see the module docstring),
    done on all of them at once. Any other word's proxy is `proxy_from_mirror`."""
    mirrors: dict[str, str] = {}
    wide: dict[str, str] = {}
    # "" (between two spaces in a row) is learned like any word: it draws nothing.
    rejected = _hit_words(_NOT_SIMPLE, " ".join(words), words)
    if rejected:
        words = [word for word in words if word not in rejected]
    text = " ".join(words)
    # Shaping changes only letters of bidi class AL (tested), which are at an odd
    # level without explicit embeddings: at an even level a word is its source.
    shown = shaping.shaped_text(text) if shape else text
    kinds = _KINDS
    kinds.learn(shown)
    odd = _hit_words(kinds.other_re, shown, words)
    marked = kinds.in_cluster_re.search(shown) is not None
    if marked:
        rejected |= _hit_words(kinds.mark_first, shown, words)
    if odd or rejected:
        for word in odd - rejected:
            # Wide characters, a variation selector...: word by word, through clusters.
            forms = _clustered_forms(word, shape)
            if forms is None:
                rejected.add(word)
                continue
            proxy, mirrors[word] = forms
            if WIDE in proxy:
                wide[word] = proxy
        kept = [(w, glyphs) for w, glyphs in zip(words, shown.split(" ")) if w not in odd and w not in rejected]
        words = [word for word, _ in kept]
        shown = " ".join([glyphs for _, glyphs in kept])
    # Reversed as a whole, the text is each word reversed, the words in reverse
    # order; marks must follow their base again (L3, in their own order), and
    # brackets mirror (L4).
    reverse = shown[::-1]
    if marked:
        reverse = kinds.marks_then_base.sub(_base_first, reverse)
    mirrors.update(zip(reversed(words), _MIRRORED.sub(_mirror, reverse).split(" ")))
    return mirrors, wide, rejected


def proxy_from_mirror(mirror: str) -> str:
    """The proxy of a word or paragraph without wide characters, from its mirror: read
    backwards, the mirror is the text in logical order with each cluster's characters
    reversed (marks and merged letters before their head); marks hidden, it serves as
    the proxy, since lines break only between words and each word's drawn and hidden
    counts are the same."""
    return _KINDS.marks_re.sub(HIDDEN, mirror[::-1])


def word_forms(word: str, shape: bool) -> tuple[str, str] | None:
    """(proxy, mirror) of one word, or None when it needs the full engine."""
    mirrors, wide, _ = words_forms([word], shape)
    if word not in mirrors:
        return None
    return wide.get(word) or proxy_from_mirror(mirrors[word]), mirrors[word]


def _clustered_forms(word: str, shape: bool) -> tuple[str, str] | None:
    """`word_forms` for a word with wide characters or marks that are not plain
    nonspacing marks: through the engine's clusters."""
    even = _glyphs(word, [0] * len(word), shape=shape, show_invisibles=False, visual=False)
    odd = mirrored(word, even)  # L4: the glyphs at an odd level
    clusters = _cluster(word, even)
    if not clusters.head or clusters.start[0] != 0 or clusters.glyphs[0].startswith("\u25cc"):
        return None  # begins with a mark: it would join the space before it
    classes = uba.classify(word)
    proxy, mirror = [], []
    for start, end, head, cells, glyphs in zip(
        clusters.start, clusters.end, clusters.head, clusters.width, clusters.glyphs
    ):
        if cells not in (1, 2) or head != start:
            return None
        head_class = classes[start]
        # A mark takes its base's level (W1), a letter merged into a ligature has
        # its class; a cluster with anything else might straddle two levels.
        if end - start > 1 and classes[start + 1 : end].replace(b"M", b"").replace(bytes((head_class,)), b""):
            return None
        if head_class not in _RTL_CLASSES and glyphs != word[start:end]:
            return None  # shaped or changed at an even level: not the source there
        # Mirroring (L4) never makes nor unmakes a mark, so the clusters are the same at odd levels.
        odd_glyphs = "".join(odd[start:end])
        if len(odd_glyphs) > end - start:
            return None
        proxy.append(("x" if cells == 1 else WIDE) + HIDDEN * (end - start - 1))
        mirror.append(odd_glyphs + HIDDEN * (end - start - len(odd_glyphs)))
    return "".join(proxy), "".join(reversed(mirror))


class _Proxies(dict[str, str]):
    """word -> proxy: those of words with wide characters as learned, the others
    read from their mirrors when first asked."""

    def __init__(self, mirrors: dict[str, str]) -> None:
        super().__init__()
        self.mirrors = mirrors

    def __missing__(self, word: str) -> str:
        proxy = self[word] = proxy_from_mirror(self.mirrors[word])
        return proxy


class WordForms:
    """The forms of every word met so far, for one ``shape`` setting.

    Plain dicts (word -> mirror, word -> proxy) so that a paragraph's words are looked
    up by ``map(dict.__getitem__, words)`` at C speed. New words are learned a
    paragraph at a time, or many at a time (`learn_paragraphs`).
    """

    def __init__(self, shape: bool) -> None:
        self.shape = shape
        self.mirror: dict[str, str] = {}
        self.proxy = _Proxies(self.mirror)
        self.rejected: set[str] = set()
        #: Whether a word with a wide character was learned: paragraphs then take
        #: their proxies from the words' (a paragraph's own mirror cannot give it).
        self.wide = False

    def learn(self, words: Iterable[str]) -> bool:
        """Add the forms of the new ``words``; False if one needs the full engine."""
        new = list(set(words).difference(self.mirror))
        if not self.rejected.isdisjoint(new):
            return False
        if len(self.mirror) + len(new) > WORDS_KEPT or len(self.rejected) > WORDS_KEPT:
            self.mirror.clear()
            self.proxy.clear()
            self.rejected.clear()
            self.wide = False
            new = list(set(words))
        if not new:
            return True
        mirrors, wide, rejected = words_forms(new, self.shape)
        self.mirror.update(mirrors)
        self.proxy.update(wide)
        self.wide = self.wide or bool(wide)
        self.rejected |= rejected
        return not rejected

    def proxy_of(self, words: list[str]) -> str | None:
        """The paragraph's proxy, or None if a word needs the full engine."""
        try:
            return " ".join(map(self.proxy.__getitem__, words))
        except KeyError:
            if not self.learn(words):
                return None
            return " ".join(map(self.proxy.__getitem__, words))

    def mirror_of(self, words: list[str]) -> str | None:
        """The paragraph drawn at an odd level, or None if a word needs the full engine."""
        try:
            return " ".join(map(self.mirror.__getitem__, reversed(words)))
        except KeyError:
            if not self.learn(words):
                return None
            return " ".join(map(self.mirror.__getitem__, reversed(words)))


_FORMS = {True: WordForms(True), False: WordForms(False)}


def learn_paragraphs(paragraphs: list[str], shape: bool) -> None:
    """Learn the words of all ``paragraphs`` at once (ASCII ones need none): what
    `build_text` would learn paragraph by paragraph, with one batch's fixed costs."""
    new = set(chain.from_iterable(
        paragraph.split(" ") for paragraph in paragraphs if not paragraph.isascii()
    ))
    if new:
        _FORMS[shape].learn(new)


_WRAP: dict[int, re.Pattern[str]] = {}


def _wrap(width: int) -> re.Pattern[str]:
    """Greedy wrapping at ``width`` characters: the longest stretch from a word's
    start to a word's end that is followed by spaces (which it takes, they hang) or
    by the end."""
    regex = _WRAP.get(width)
    if regex is None:
        inside = f"(?:.{{0,{width - 2}}}[^ ])?" if width > 1 else ""
        regex = _WRAP[width] = re.compile(f"([^ ]{inside})(?: +|\\Z)", re.S)
    return regex


def line_spans(proxy: str, width: int | None) -> list[tuple[int, int, int]] | None:
    """(start, end, cells) of what each line draws, in logical order: without a width
    the whole paragraph; with one, from a line's first word to its last, so that the
    spaces at a break and at either end of the paragraph are outside (they hang).
    None when a word is wider than the line, or there is no word."""
    cells = proxy.replace(HIDDEN, "")
    wide = WIDE in cells
    if wide:
        cells = cells.replace(WIDE, WIDE * 2)
    if width is None:
        return [(0, len(proxy), len(cells))]
    spans = []
    at = len(cells) - len(cells.lstrip(" "))  # where the next line starts, in cells
    start = len(proxy) - len(proxy.lstrip(" "))  # the same in the proxy (spaces are never hidden)
    aligned = not wide and len(cells) == len(proxy)  # one character per code point
    count = proxy.count
    for match in _wrap(width).finditer(cells, at):
        first, last = match.span(1)  # the line's cells (no substring made: ~15 % less)
        if first != at:
            return None  # the regex skipped a word wider than the line
        line_cells = last - first
        if aligned:
            end = start + line_cells
        else:
            shown = line_cells - (cells.count(WIDE, first, last) // 2 if wide else 0)  # code points drawn
            end = start + shown
            hidden = count(HIDDEN, start, end)
            while hidden:  # widen until `shown` drawn code points are inside
                end, hidden = end + hidden, count(HIDDEN, end, end + hidden)
            end = proxy.find(" ", end)  # marks after the last drawn character
            if end < 0:
                end = len(proxy)
        spans.append((start, end, line_cells))
        at = match.end()
        start = end + at - last  # past the spaces the line took
    if at != len(cells) or not spans:
        return None
    return spans


def _ranges(spans: list[tuple[int, int, int]], n: int) -> list[tuple[int, int]]:
    """The logical range [start, end) of each line of a paragraph of ``n`` code points
    (VisualLine.start/end): its drawn stretch with the spaces that hang after it, the
    first line's from 0 (spaces opening the paragraph), the last one's to ``n``."""
    starts = [0, *[s for s, _, _ in spans[1:]]]
    return list(zip(starts, [*starts[1:], n]))


_RUNS: dict[bytes, re.Pattern[bytes]] = {}


def _level_runs(levels: bytes, offset: int) -> list[tuple[int, int, int]]:
    """(start, end, level) of each level run of ``levels`` (text from ``offset``)."""
    present = bytes(sorted(set(levels)))
    regex = _RUNS.get(present)
    if regex is None:
        regex = _RUNS[present] = re.compile(b"|".join(re.escape(bytes([b])) + b"+" for b in present))
    return [(offset + m.start(), offset + m.end(), levels[m.start()]) for m in regex.finditer(levels)]


def visual_runs(runs: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Rule L2 on whole level runs: from the highest level down to the lowest odd
    one, reverse every sequence of runs at that level or higher. A run's own text
    is then reversed exactly when its level is odd."""
    order = list(runs)
    levels = [level for _, _, level in runs]
    for k in range(max(levels), (min(levels) | 1) - 1, -1):
        i, count = 0, len(order)
        while i < count:
            if order[i][2] < k:
                i += 1
                continue
            j = i + 1
            while j < count and order[j][2] >= k:
                j += 1
            order[i:j] = order[i:j][::-1]
            i = j
    return order


def build_text(
    text: str, width: int | None, base: str, shape: bool,
    drawn: tuple[str, str] | None = None, levels: tuple[int, bytes] | None = None,
) -> tuple[bool, list[Line]] | None:
    """(rtl, [(line text, cells, start, end)]) exactly as the full engine lays the
    paragraph out, or None when the paragraph needs the full engine. ``drawn``: the
    paragraph's (mirror, proxy) if the caller has them (document_forms.DocumentForms);
    ``levels``: its (paragraph level, level bytes) if known (uba.resolve_paragraphs)."""
    if not text.strip(" "):
        return None  # empty, or nothing but spaces (which are then its content)
    forms = _FORMS[shape]
    mirror: str | None
    proxy: str | None
    if drawn is not None:
        mirror, proxy = drawn
    else:
        words = text.split(" ")
        if text.isascii() and text.isprintable():
            # One cell, one cluster, one code point each: the text is its own proxy.
            proxy, mirror = text, None
        else:
            mirror = forms.mirror_of(words)
            if mirror is None:
                return None
            if forms.wide:
                proxy = forms.proxy_of(words)
            else:
                proxy = proxy_from_mirror(mirror)
    if proxy is None:  # not after mirror_of learned the words; for the type checker
        return None
    spans = line_spans(proxy, width)
    if spans is None:
        return None
    if levels is None:
        par = uba.resolve_paragraph(text, base)
        para_level, level_bytes = par.para_level, par.level_bytes
    else:
        para_level, level_bytes = levels
    if b"\xff" in level_bytes:
        return None  # X9 removed a character (a BN code point): the engine places it
    n = len(text)
    rtl = para_level == 1
    ranges = _ranges(spans, n)
    # A wrapped line ends before the spaces that hang after it; an unwrapped paragraph's
    # closing spaces are at the paragraph's level already (rules N1-N2 against eos,
    # with no embeddings here): rule L1 changes nothing.
    first = level_bytes[0]
    others = level_bytes.translate(None, bytes((first,)))
    if not others and not first & 1:  # all at one even level: the text itself
        return rtl, [(text[s:e], c, *r) for (s, e, c), r in zip(spans, ranges)]
    if mirror is None:  # an ASCII paragraph at an odd level (an RTL base)
        mirror = forms.mirror_of(words)
        if mirror is None:
            return None
    if not others:  # all at one odd level: slices of the mirror
        return rtl, [
            (mirror[n - e : n - s].replace(HIDDEN, ""), c, *r) for (s, e, c), r in zip(spans, ranges)
        ]
    second = others[0]
    if others.count(second) == len(others) and abs(second - first) == 1:
        # Two adjacent levels (an RTL paragraph with numbers or Latin words, an LTR
        # one with Arabic words). The paragraph drawn as one line is `drawn`; a line
        # that cuts no high run is a slice of it, any other is drawn on its own.
        low, high_run = min(first, second), uba.run_regex(max(first, second))
        draw = _draw_low_odd if low & 1 else _draw_low_even
        whole = draw(text, mirror, _run_edges(high_run, level_bytes, 0, n))
        lines = []
        for (s, e, c), r in zip(spans, ranges):
            if (e == n or level_bytes[e] == low) and (s == 0 or level_bytes[s - 1] == low):
                line = whole[n - e : n - s] if low & 1 else whole[s:e]
            else:
                line = draw(text, mirror, _run_edges(high_run, level_bytes, s, e))
            lines.append((line.replace(HIDDEN, ""), c, *r))
        return rtl, lines
    lines = []
    for (s, e, c), r in zip(spans, ranges):
        pieces = [
            mirror[n - b : n - a] if level & 1 else text[a:b]
            for a, b, level in visual_runs(_level_runs(level_bytes[s:e], s))
        ]
        lines.append(("".join(pieces).replace(HIDDEN, ""), c, *r))
    return rtl, lines


def _run_edges(high_run: re.Pattern[bytes], levels: bytes, start: int, end: int) -> list[int]:
    """[start, a1, b1, a2, b2, ..., end]: the high runs [a, b) of levels[start:end];
    the stretches between them (maybe empty) are at the low level."""
    return [start, *chain.from_iterable(map(Match.span, high_run.finditer(levels, start, end))), end]


def _draw_low_odd(text: str, mirror: str, edges: list[int]) -> str:
    """A stretch at two levels, the lower odd (L2): reversed as a whole, its high
    (even) runs read forward again."""
    n = len(text)
    return "".join([
        mirror[n - edges[i] : n - edges[i - 1]] if i & 1 else text[edges[i - 1] : edges[i]]
        for i in range(len(edges) - 1, 0, -1)
    ])


def _draw_low_even(text: str, mirror: str, edges: list[int]) -> str:
    """A stretch at two levels, the lower even (L2): in logical order, its high
    (odd) runs reversed."""
    n = len(text)
    return "".join([
        mirror[n - edges[i + 1] : n - edges[i]] if i & 1 else text[edges[i] : edges[i + 1]]
        for i in range(len(edges) - 1)
    ])
